import { ContactIndex, haystackOf, linearScan, readQuery } from '../../../bot/domain/contactSearch';
import { generateDirectory } from '../../../bench/support/generatedDirectory';
import { fixtureDirectory } from '../../support/contacts';

const areas = [
  { id: 'salford', name: 'Salford' },
  { id: 'oldham', name: 'Oldham' },
  { id: 'telford-and-wrekin', name: 'Telford & Wrekin' },
];
const salford = new ContactIndex(fixtureDirectory('salford.csv'));
const oldham = new ContactIndex(fixtureDirectory('oldham.json'));

function top(index: ContactIndex, text: string, limit = 5): string[] {
  return index.find(readQuery(text, areas), limit).map((r) => r.contact.id);
}

describe('reading a question', () => {
  it('takes out the age and the area', () => {
    expect(readQuery('eating disorder referral for a 14 year old in Salford', areas)).toEqual({ text: 'eating disorder referral for a', age: { min: 14, max: 14 }, areaId: 'salford' });
    expect(readQuery('anxiety aged 9', areas).age).toEqual({ min: 9, max: 9 });
    expect(readQuery('Year 9 pupil low mood', areas).age).toEqual({ min: 13, max: 14 });
    expect(readQuery('bereavement 11-16', areas).age).toEqual({ min: 11, max: 16 });
    expect(readQuery('12yo anxiety', areas).age).toEqual({ min: 12, max: 12 });
    expect(readQuery('who is the slp in telford & wrekin', areas).areaId).toBe('telford-and-wrekin');
    expect(readQuery('anxiety', areas)).toEqual({ text: 'anxiety', age: undefined, areaId: undefined });
  });

  it('only treats known area names as areas', () => {
    expect(readQuery('support in Narnia', areas).areaId).toBeUndefined();
  });
});

describe('ranking on a realistic directory', () => {
  it('puts the eating disorders service first for an eating disorder question', () => {
    expect(top(salford, 'eating disorder referral for a 14 year old in Salford')[0]).toBe('salford-eating');
    expect(top(oldham, 'eating disorder referral for a 14 year old')[0]).toBe('oldham-eating');
  });

  it('finds the school link practitioner by role and by abbreviation', () => {
    expect(top(salford, 'who is our school link practitioner')[0]).toBe('salford-slp');
    expect(top(oldham, 'slp')[0]).toBe('oldham-slp');
  });

  it('still matches with typos', () => {
    expect(top(salford, 'bereavment')[0]).toBe('salford-winstons-wish');
    expect(top(salford, 'eating disordr')[0]).toBe('salford-eating');
    expect(top(salford, 'anxeity').length).toBeGreaterThan(0);
    expect(top(salford, 'educational psycology')[0]).toBe('salford-ep');
  });

  it('matches plurals and other forms', () => {
    expect(top(salford, 'eating difficulties')).toContain('salford-eating');
    expect(top(salford, 'eating disorders')[0]).toBe('salford-eating');
    expect(top(salford, 'neurodevelopmental assessments')[0]).toBe('salford-adhd');
  });

  it('understands synonyms', () => {
    expect(top(salford, 'CAMHS')).toContain('salford-cypmhs');
    expect(top(salford, 'autism')[0]).toBe('salford-adhd');
    expect(top(salford, 'grief')[0]).toBe('salford-winstons-wish');
    expect(top(salford, 'anorexia')[0]).toBe('salford-eating');
    expect(top(oldham, 'MHST')[0]).toBe('oldham-mhst');
  });

  it('leaves out services whose age range does not cover the child', () => {
    const forSeven = top(salford, 'anxiety for a 7 year old', 12);
    expect(forSeven).not.toContain('salford-42nd');
    expect(forSeven).not.toContain('salford-kooth');
    expect(forSeven).toContain('salford-mhst');
    const forTwenty = top(salford, 'anxiety aged 20', 12);
    expect(forTwenty).toEqual(expect.arrayContaining(['salford-42nd', 'salford-kooth']));
    expect(forTwenty).not.toContain('salford-cypmhs');
    expect(top(salford, 'eating disorder 6 year old')).not.toContain('salford-eating');
  });

  it('returns at most the limit, and nothing for words that match nothing', () => {
    expect(top(salford, 'anxiety', 5)).toHaveLength(5);
    expect(top(salford, 'zzqx')).toEqual([]);
    expect(top(salford, 'for a 14 year old')).toEqual([]);
  });

  it('knows the single point of access', () => {
    expect(salford.singlePointOfAccess()?.id).toBe('salford-spa');
  });
});

describe('the naive baseline', () => {
  it('finds exact substrings only', () => {
    const contacts = fixtureDirectory('salford.csv').map((contact) => ({ contact, haystack: haystackOf(contact) }));
    expect(linearScan(contacts, { text: 'bereavement' }, 5).map((c) => c.id)).toContain('salford-winstons-wish');
    expect(linearScan(contacts, { text: 'bereavment' }, 5)).toEqual([]);
  });
});

describe('a large directory', () => {
  const large = new ContactIndex(generateDirectory(1500));

  it('still ranks by the telling words when common words are left out', () => {
    const bereavement = large.find(readQuery('bereavment support'), 5);
    expect(bereavement).toHaveLength(5);
    for (const { contact } of bereavement) expect(contact.needs).toContain('bereavement');
    const link = large.find(readQuery('who is our school link practitioner'), 3);
    for (const { contact } of link) expect(contact.kind).toBe('school-link-practitioner');
    const mhst = large.find(readQuery('mental health support team'), 3);
    for (const { contact } of mhst) expect(contact.kind).toBe('mental-health-support-team');
  });

  it('applies the age filter to every result', () => {
    for (const { contact } of large.find(readQuery('anxiety for a 15 year old'), 5)) {
      expect(contact.ageMin).toBeLessThanOrEqual(15);
      expect(contact.ageMax).toBeGreaterThanOrEqual(15);
    }
  });
});
