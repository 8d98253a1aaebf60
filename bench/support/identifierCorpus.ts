// A seeded generator of realistic panel-case sentences holding valid identifiers or near misses, for the scanner's tests.
import { isValidNhsNumber, upnCheckLetter, type IdentifierKind } from '../../bot/features/panel/domain/identifiers';
import { seeded } from '../support';

export interface Sample {
  readonly text: string;
  /** The identifier embedded, or undefined for a near miss / ordinary sentence that must pass. */
  readonly expected?: { readonly kind: IdentifierKind; readonly start: number; readonly end: number };
  readonly family: string;
}


type Rng = () => number;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: ArrayLike<T>): T => items[Math.floor(rng() * items.length)] as T;
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(int(rng, 0, 9))).join('');
const pad = (n: number): string => String(n).padStart(2, '0');

/** Ordinary things teachers write that must never be refused. */
const BENIGN = [
  'She is in Year 9 and has been at the school for 3 years.',
  'He is 14 and in Year 10; there are 28 pupils in his class.',
  'We met in room 2.14 at 10:30 on Tuesday.',
  'The meeting on 3 April at 09:15 went well.',
  'Attendance has been 78% this term, down from 95% last year.',
  'She sees the school nurse every Monday at 1.30pm in room B12.',
  'About 12 staff attended the training on 5 Sept in the hall.',
  'He scored 12/20 on the wellbeing scale, up from 7/20.',
  'We have tried 6 sessions of ELSA since October 2025.',
  'The family moved here in 2019 and he joined in Reception.',
  'KS3 team meeting, Y10 2nd half term, then the Year 11 mocks.',
  'CAMHS waiting list is 18 weeks; the referral went in on 3/4.',
  'Lunch is 12:15-13:00 and she stays in room 104 with 2 friends.',
  'Two incidents in week 5, three in week 6, none since half term.',
  'He is 15 years old, predicted grade 6 in maths.',
  'Room B12 3rd floor is where the nurture group meets.',
  'Call Childline on 0800 1111 or Samaritans on 116 123; in an emergency 999 or NHS 111.',
  'Our referral ID was 1234 5678 90 and the form took 45 minutes.',
  'Since April 2024 we have had 4 meetings with the family.',
  'Pupil premium: yes. SEN support: since 2023-24.',
];

const OPENERS = ['', 'Background: ', 'Note - ', 'For the panel: ', '(Update) '];
const CONNECTORS = [' ', ' Also, ', ' For context: ', '\n', ' - '];

function sentenceAround(rng: Rng, before: string, after: string, value: string): { text: string; start: number; end: number } {
  const prefix = `${pick(rng, OPENERS)}${rng() < 0.5 ? `${pick(rng, BENIGN)}${pick(rng, CONNECTORS)}` : ''}${before}`;
  const suffix = `${after}${rng() < 0.5 ? `${pick(rng, CONNECTORS)}${pick(rng, BENIGN)}` : ''}`;
  return { text: `${prefix}${value}${suffix}`, start: prefix.length, end: prefix.length + value.length };
}

const FRAMES: readonly [string, string][] = [
  ['The NHS number on the referral was ', ' according to the GP letter.'],
  ['Mum wrote ', ' on the consent form.'],
  ['His details (', ') were shared with CAMHS.'],
  ['', ' is what the previous school sent over.'],
  ['Reference: ', '.'],
  ['We have ', ' on file; she is in Year 8.'],
  ['Details: ', ', age 13, Year 8.'],
  ['See ', ' for the last contact.'],
];

// ---- valid identifiers -----------------------------------------------------------------------------------------

function validNhsDigits(rng: Rng): string {
  for (;;) {
    const nine = `${int(rng, 1, 9)}${digits(rng, 8)}`;
    for (let check = 0; check <= 9; check++) if (isValidNhsNumber(`${nine}${check}`)) return `${nine}${check}`;
  }
}

function formatTen(rng: Rng, d: string): string {
  return pick(rng, [
    d,
    `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
    `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    `${d.slice(0, 3)}  ${d.slice(3, 6)}  ${d.slice(6)}`,
    `${d.slice(0, 3)} - ${d.slice(3, 6)} - ${d.slice(6)}`,
    `${d.slice(0, 6)} ${d.slice(6)}`,
    `${d.slice(0, 5)} ${d.slice(5)}`,
    `${d.slice(0, 3)}\u00a0${d.slice(3, 6)}\u00a0${d.slice(6)}`,
    `${d.slice(0, 3)}\u2009${d.slice(3, 6)}\u2009${d.slice(6)}`,
    `${d.slice(0, 3)}\u2013${d.slice(3, 6)}\u2013${d.slice(6)}`,
  ]);
}

function chiDigits(rng: Rng): string {
  for (;;) {
    const nine = `${pad(int(rng, 1, 28))}${pad(int(rng, 1, 12))}${pad(int(rng, 0, 99))}${digits(rng, 3)}`;
    for (let check = 0; check <= 9; check++) if (isValidNhsNumber(`${nine}${check}`)) return `${nine}${check}`;
  }
}

function validUpn(rng: Rng): string {
  if (rng() < 0.15) {
    // A temporary UPN: 11 digits and a letter after the check letter.
    const tail = `${digits(rng, 11)}${pick(rng, 'ABCDEFGHJKLMNPQRTUVWXYZ')}`;
    return `${upnCheckLetter(tail) as string}${tail}`;
  }
  const twelve = digits(rng, 12);
  const letter = upnCheckLetter(twelve) as string;
  return pick(rng, [`${letter}${twelve}`, `${letter}${twelve}`, `${letter.toLowerCase()}${twelve}`, `${letter} ${twelve}`, `${letter}${twelve.slice(0, 3)} ${twelve.slice(3, 7)} ${twelve.slice(7)}`]);
}

const AREAS = ['AB', 'B', 'BS', 'CF', 'E', 'EC', 'G', 'L', 'LS', 'M', 'N', 'NE', 'OL', 'S', 'SE', 'SW', 'TF', 'W', 'WC', 'YO', 'BT', 'EH'];
const ONE_LETTER_AREAS = ['B', 'E', 'G', 'L', 'M', 'N', 'S', 'W'];
const TWO_LETTER_AREAS = AREAS.filter((a) => a.length === 2);
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const OUTWARD_LETTERS = 'ABCDEFGHJKMNPRSTUVWXY';

function validPostcode(rng: Rng): string {
  const shape = int(rng, 0, 5);
  const one = pick(rng, ONE_LETTER_AREAS);
  const two = pick(rng, TWO_LETTER_AREAS);
  const outward = [
    `${one}${int(rng, 1, 9)}`,
    `${one}${int(rng, 10, 99)}`,
    `${one}${int(rng, 1, 9)}${pick(rng, OUTWARD_LETTERS)}`,
    `${two}${int(rng, 1, 9)}`,
    `${two}${int(rng, 10, 99)}`,
    `${two}${int(rng, 1, 9)}${pick(rng, OUTWARD_LETTERS)}`,
  ][shape] as string;
  const inward = `${int(rng, 0, 9)}${pick(rng, INWARD_LETTERS)}${pick(rng, INWARD_LETTERS)}`;
  const joined = `${outward}${pick(rng, [' ', ' ', '', '  '])}${inward}`;
  return pick(rng, [joined, joined, joined.toLowerCase(), joined.charAt(0) + joined.slice(1).toLowerCase()]);
}

const FIRST = ['jo', 'sam', 'a.khan', 'megan.bowen', 'dad_2019', "o'neill", 'mrs.smith+school', 'j-p.evans', 'LEE99'];
const DOMAINS = ['gmail.com', 'nhs.net', 'school.sch.uk', 'outlook.co.uk', 'yahoo.com', 'trust-academy.org.uk', 'hotmail.co.uk'];
function validEmail(rng: Rng): string {
  return `${pick(rng, FIRST)}${rng() < 0.3 ? int(rng, 1, 99) : ''}@${pick(rng, DOMAINS)}`;
}

function validPhone(rng: Rng): string {
  const mobile = `7${digits(rng, 9)}`;
  const london = `20${int(rng, 3, 8)}${digits(rng, 7)}`;
  const city = `1${int(rng, 1, 9)}1${digits(rng, 7)}`;
  const rural = `1${digits(rng, 3)}${digits(rng, 6)}`;
  const nonGeo = `3${int(rng, 0, 4)}${digits(rng, 8)}`;
  return pick(rng, [
    `0${mobile.slice(0, 4)} ${mobile.slice(4)}`,
    `0${mobile}`,
    `0${mobile.slice(0, 4)}-${mobile.slice(4, 7)}-${mobile.slice(7)}`,
    `0${mobile.slice(0, 4)} ${mobile.slice(4, 7)} ${mobile.slice(7)}`,
    `+44 ${mobile.slice(0, 4)} ${mobile.slice(4)}`,
    `+44${mobile}`,
    `+44 (0)${mobile.slice(0, 4)} ${mobile.slice(4)}`,
    `0044 ${mobile.slice(0, 4)} ${mobile.slice(4)}`,
    `0${london.slice(0, 2)} ${london.slice(2, 6)} ${london.slice(6)}`,
    `+44 ${london.slice(0, 2)} ${london.slice(2, 6)} ${london.slice(6)}`,
    `0${city.slice(0, 3)} ${city.slice(3, 6)} ${city.slice(6)}`,
    `(0${city.slice(0, 3)}) ${city.slice(3, 6)} ${city.slice(6)}`,
    `0${city.slice(0, 3)}-${city.slice(3, 6)}-${city.slice(6)}`,
    `0${rural.slice(0, 4)} ${rural.slice(4)}`,
    `0${nonGeo.slice(0, 3)} ${nonGeo.slice(3, 6)} ${nonGeo.slice(6)}`,
    `0${city.slice(0, 3)}.${city.slice(3, 6)}.${city.slice(6)}`,
  ]);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (d: number): string => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

function validDate(rng: Rng): string {
  const year = int(rng, 1998, 2024);
  const month = int(rng, 1, 12);
  const day = int(rng, 1, 28);
  const name = MONTH_NAMES[month - 1] as string;
  const yy = pad(year % 100);
  return pick(rng, [
    `${pad(day)}/${pad(month)}/${year}`,
    `${day}/${month}/${year}`,
    `${day}/${month}/${yy}`,
    `${day}.${month}.${yy}`,
    `${pad(day)}.${pad(month)}.${year}`,
    `${pad(day)}-${pad(month)}-${year}`,
    `${year}-${pad(month)}-${pad(day)}`,
    `${day} ${name} ${year}`,
    `${ordinal(day)} ${name} ${year}`,
    `${ordinal(day)} of ${name} ${year}`,
    `${name} ${day}, ${year}`,
    `${name} ${ordinal(day)} ${year}`,
    `${day} ${name.slice(0, 3)} ${year}`,
    `${pad(day)}-${name.slice(0, 3)}-${year}`,
    `${day} ${name.slice(0, 3).toLowerCase()} '${yy}`,
    `${pad(month)}/${pad(day)}/${year}`,
    `${pad(day)} ${pad(month)} ${year}`,
    `${name} ${day} ${year}`,
    `${day}-${name.slice(0, 3)}-${yy}`,
  ]);
}

const DOB_FRAMES: readonly [string, string][] = [
  ['Date of birth ', ', in Year 7.'],
  ['She was born on ', ' and lives with her nan.'],
  ['DOB: ', '.'],
  ['His birthday is ', ' (he will be 14).'],
  ['Born ', ' - the youngest of three.'],
];

// ---- near misses ---------------------------------------------------------------------------------------------

function failingTen(rng: Rng): string {
  for (;;) {
    const d = `${int(rng, 1, 9)}${digits(rng, 9)}`;
    if (!isValidNhsNumber(d)) return formatTen(rng, d);
  }
}

function wrongCheckUpn(rng: Rng): string {
  const twelve = digits(rng, 12);
  const right = upnCheckLetter(twelve) as string;
  let letter = right;
  while (letter === right) letter = pick(rng, 'ABCDEFGHJKLMNPQRTUVWXYZ');
  return `${letter}${twelve}`;
}

function notAPostcode(rng: Rng): string {
  const bad = pick(rng, 'CIKMOV');
  return pick(rng, [
    `${pick(rng, AREAS)}${int(rng, 1, 99)} ${int(rng, 0, 9)}${bad}${pick(rng, INWARD_LETTERS)}`,
    `${pick(rng, AREAS)}${int(rng, 1, 99)} ${int(rng, 0, 9)}${pick(rng, INWARD_LETTERS)}${bad}`,
    `room ${pick(rng, ['B', 'C', 'S', 'G'])}${int(rng, 1, 40)}`,
    `Y${int(rng, 7, 13)} ${int(rng, 1, 9)}${pick(rng, ['AB', 'TG', 'XY'])} set`,
    `KS${int(rng, 1, 5)} ${int(rng, 1, 9)}${pick(rng, ['ST', 'ND', 'RD'])}`,
    `Room ${pick(rng, ['B', 'S', 'L'])}${int(rng, 1, 40)} ${pick(rng, ['1st', '2nd', '3rd', '4th'])} floor`,
    `the M${int(rng, 1, 62)} and A${int(rng, 1, 699)}`,
    `group ${pick(rng, ['A', 'B'])}${int(rng, 1, 9)}`,
  ]);
}

function notAnEmail(rng: Rng): string {
  return pick(rng, ['@SchoolNurse', 'name at school dot org', 'info@', '@ 10am', 'the @mention', `year${int(rng, 7, 11)}@`, 'user@localhost']);
}

function notAPhone(rng: Rng): string {
  return pick(rng, [
    '0800 1111',
    '116 123',
    '999',
    'NHS 111',
    '0808 800 5000',
    `07${digits(rng, 3)} ${digits(rng, 4)}`,
    `${int(rng, 10, 99)} ${int(rng, 10, 99)} ${int(rng, 10, 99)}`,
    `${int(rng, 1, 9)}${digits(rng, 10)}`,
    `0${int(rng, 4, 6)}${digits(rng, 3)} ${digits(rng, 6)}`,
    `${int(rng, 8, 23)}:${pad(int(rng, 0, 59))}`,
  ]);
}

function notAFullDate(rng: Rng): string {
  const month = MONTH_NAMES[int(rng, 0, 11)] as string;
  const day = int(rng, 1, 28);
  return pick(rng, [
    `${day} ${month}`,
    `${ordinal(day)} ${month}`,
    `${month} ${day}`,
    `${month} ${int(rng, 2015, 2026)}`,
    `${day}/${int(rng, 1, 12)}`,
    `${int(rng, 8, 17)}:${pad(int(rng, 0, 59))}`,
    `${int(rng, 2015, 2025)}-${pad(int(rng, 16, 26))} academic year`,
    `${day} ${month}, ${int(rng, 2, 30)} pupils`,
    `${int(rng, 1, 20)}/20 on the scale`,
    `week ${int(rng, 1, 39)}`,
    `${int(rng, 35, 40)}/${int(rng, 13, 31)}/${int(rng, 2000, 2020)}`,
    `31 April ${int(rng, 2005, 2015)}`,
    `aged ${int(rng, 4, 18)}`,
  ]);
}

const ORDINARY_FAMILIES: Record<string, (rng: Rng) => string> = {
  'ten digits failing the check': failingTen,
  'UPN with the wrong check letter': wrongCheckUpn,
  'postcode-like text': notAPostcode,
  'email-like text': notAnEmail,
  'phone-like text': notAPhone,
  'dates without a year, times, scores': notAFullDate,
  'year groups, ages, counts': (rng) => pick(rng, [`Year ${int(rng, 1, 13)}`, `age ${int(rng, 4, 18)}`, `${int(rng, 2, 400)} pupils`, `Y${int(rng, 7, 13)}`, `room ${int(rng, 1, 300)}`, `${int(rng, 1, 12)} sessions`]),
};

const VALID_FAMILIES: Record<string, { kind: IdentifierKind; make: (rng: Rng) => string; frames?: readonly [string, string][] }> = {
  'NHS number': { kind: 'nhs-number', make: (rng) => formatTen(rng, validNhsDigits(rng)) },
  'CHI number': { kind: 'nhs-number', make: (rng) => formatTen(rng, chiDigits(rng)) },
  UPN: { kind: 'upn', make: validUpn },
  postcode: { kind: 'postcode', make: validPostcode },
  email: { kind: 'email', make: validEmail },
  phone: { kind: 'phone', make: validPhone },
  'date of birth': { kind: 'date-of-birth', make: validDate, frames: [...FRAMES, ...DOB_FRAMES] },
};

export function generateCorpus(seed: number, perFamily: number): Sample[] {
  const rng = seeded(seed);
  const samples: Sample[] = [];
  for (const [family, { kind, make, frames = FRAMES }] of Object.entries(VALID_FAMILIES)) {
    for (let i = 0; i < perFamily; i++) {
      const [before, after] = pick(rng, frames);
      const { text, start, end } = sentenceAround(rng, before, after, make(rng));
      samples.push({ text, expected: { kind, start, end }, family });
    }
  }
  for (const [family, make] of Object.entries(ORDINARY_FAMILIES)) {
    for (let i = 0; i < perFamily; i++) {
      const [before, after] = pick(rng, FRAMES);
      samples.push({ text: sentenceAround(rng, before, after, make(rng)).text, family });
    }
  }
  for (const benign of BENIGN) samples.push({ text: benign, family: 'ordinary sentence' });
  return samples;
}
