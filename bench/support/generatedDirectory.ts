// A generated, realistic referral directory of any size (deterministic) and the questions the benchmark asks of it.
import { checkContactRows, CONTACT_KINDS, REFERRERS, type Contact } from '../../bot/features/contacts/domain/contacts';
import { seeded } from '../support';


const PLACES = ['Salford', 'Eccles', 'Swinton', 'Walkden', 'Irlam', 'Oldham', 'Chadderton', 'Royton', 'Failsworth', 'Telford', 'Wellington', 'Newport', 'Madeley', 'Bolton', 'Wigan', 'Bury', 'Rochdale', 'Stockport', 'Trafford', 'Tameside'];
const NEEDS = ['anxiety', 'low mood', 'depression', 'self-harm', 'eating difficulties', 'eating disorder', 'neurodevelopmental', 'adhd', 'autism', 'bereavement', 'trauma', 'ocd', 'exam stress', 'behaviour', 'attachment', 'family support', 'parenting', 'young carers', 'school refusal', 'sleep', 'substance misuse', 'gender identity', 'lgbtq+', 'domestic abuse', 'emotional wellbeing'];
const NOUNS = ['Wellbeing Service', 'Support Team', 'Counselling Service', 'Family Hub', 'Youth Project', 'Young Minds Team', 'Listening Service', 'Outreach Team', 'Pathway', 'Drop-in'];
const HOW = ['Phone the team to discuss a referral.', 'Complete the online referral form.', 'Email the referral form with parental consent.', 'GP referral letter with a summary of concerns.', 'Young people can self-refer online.', 'Book a consultation slot first.'];

export function generateDirectory(count: number): Contact[] {
  // Seeded, so every run searches the same directory.
  const next = seeded(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const rows = Array.from({ length: count }, (_, i) => {
    const place = pick(PLACES);
    const needs = [...new Set(Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(NEEDS)))];
    const ageMin = Math.floor(next() * 12);
    const year = 2024 + Math.floor(next() * 3);
    return {
      id: `c${i}`,
      serviceName: `${place} ${pick(NEEDS).replace(/(^|\s)\S/g, (c) => c.toUpperCase())} ${pick(NOUNS)} ${i}`,
      kind: pick(CONTACT_KINDS),
      needs,
      ageMin,
      ageMax: Math.min(25, ageMin + 6 + Math.floor(next() * 10)),
      whoCanRefer: [...new Set([pick(REFERRERS), pick(REFERRERS)])],
      howToRefer: pick(HOW),
      phone: `0161 ${String(100 + Math.floor(next() * 899))} ${String(1000 + Math.floor(next() * 8999))}`,
      email: `team${i}@example.nhs.uk`,
      web: `https://example.org/services/${i}`,
      openingHours: 'Monday to Friday 9am to 5pm',
      notes: next() < 0.3 ? `Covers ${place} and nearby schools.` : '',
      lastVerified: `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
    };
  });
  const checked = checkContactRows(rows);
  if (!checked.ok) throw new Error(`Generated directory is invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  return [...checked.contacts];
}

export const QUERIES = [
  'eating disorder referral for a 14 year old',
  'who is our school link practitioner',
  'anxiety support for a year 9 pupil',
  'bereavment support',
  'adhd assessment',
  'autism 8 year old',
  'self harm counselling',
  'low mood aged 16',
  'CAMHS',
  'early help family support',
  'educational psycology',
  'exam stress',
  'young carers',
  'school refusal 12yo',
  'trauma',
  'mental health support team',
  'single point of access',
  'parenting support',
  'ocd',
  'sleep problems',
];
