import MiniSearch from 'minisearch';
import { ContactIndex, haystackOf, linearScan, readQuery, type RankedContact } from '../../../../../bot/features/contacts/domain/contactSearch';
import { KIND_LABELS, type Contact } from '../../../../../bot/features/contacts/domain/contacts';
import { indexTerm, stem, typoTolerance } from '../../../../../bot/domain/searchText';
import { generateDirectory, QUERIES } from '../../../../../bench/support/generatedDirectory';
import { fixtureDirectory } from '../../../../support/contacts';

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

describe('keeping only the best few', () => {
  const contacts = generateDirectory(5000);
  const index = new ContactIndex(contacts);
  const position = new Map(contacts.map((contact, ordinal) => [contact.id, ordinal]));
  const ids = (ranked: readonly RankedContact[]) => ranked.map((r) => r.contact.id);
  /** The straightforward way: every match, sorted by score, equal scores in directory order. */
  const fullySorted = (ranked: readonly RankedContact[]) =>
    [...ranked].sort((a, b) => b.score - a.score || (position.get(a.contact.id) ?? 0) - (position.get(b.contact.id) ?? 0));

  it('gives the first k of the full ranking, for every benchmark query', () => {
    for (const text of QUERIES) {
      const all = index.find(readQuery(text), contacts.length);
      expect(all.length).toBeGreaterThan(20);
      const reference = fullySorted(all);
      expect(ids(all)).toEqual(ids(reference));
      for (const k of [1, 5, 20]) expect(ids(index.find(readQuery(text), k))).toEqual(ids(reference.slice(0, k)));
    }
  });

  it('leaves nothing behind for the next search', () => {
    const smaller = generateDirectory(600);
    const used = new ContactIndex(smaller);
    for (const text of QUERIES) used.find(readQuery(text), 5);
    for (const text of [...QUERIES].reverse()) expect(used.find(readQuery(text), 5)).toEqual(new ContactIndex(smaller).find(readQuery(text), 5));
  });

  it('leaves out contacts outside the age range even when they would rank in the top k', () => {
    const everyAge = index.find(readQuery('eating disorder'), contacts.length);
    const age = { min: 20, max: 20 };
    const covers = (contact: Contact) => contact.ageMin <= 20 && contact.ageMax >= 20;
    expect(everyAge.slice(0, 5).some((r) => !covers(r.contact))).toBe(true);
    const forTwenty = index.find({ text: 'eating disorder', age }, 5);
    expect(forTwenty).toHaveLength(5);
    expect(ids(forTwenty)).toEqual(ids(everyAge.filter((r) => covers(r.contact)).slice(0, 5)));
  });

  it('breaks ties by directory order', () => {
    const base = fixtureDirectory('salford.csv');
    const copy = (id: string): Contact => ({ ...(base.find((c) => c.id === 'salford-winstons-wish') as Contact), id });
    const directory = [...base.slice(0, 3), copy('tie-c'), ...base.slice(3, 6), copy('tie-a'), ...base.slice(6), copy('tie-b')];
    const ranked = new ContactIndex(directory).find(readQuery('bereavement'), 4);
    expect(ids(ranked).filter((id) => id.startsWith('tie-'))).toEqual(['tie-c', 'tie-a', 'tie-b']);
    const tied = ranked.filter((r) => r.contact.id.startsWith('tie-'));
    expect(new Set(tied.map((r) => r.score)).size).toBe(1);
    expect(ids(new ContactIndex(directory).find(readQuery('bereavement'), 2))).toEqual(ids(ranked.slice(0, 2)));
    expect(ids(new ContactIndex([...directory].reverse()).find(readQuery('bereavement'), 4)).filter((id) => id.startsWith('tie-'))).toEqual(['tie-b', 'tie-a', 'tie-c']);
  });

  it('returns nothing for a question of only unknown and stop words, in a small or a large directory', () => {
    for (const searched of [salford, index]) {
      expect(searched.find(readQuery('how do we xqzv qqqj'), 5)).toEqual([]);
      expect(searched.find(readQuery('what can we do for our pupils'), 5)).toEqual([]);
    }
  });
});

describe('scoring as MiniSearch does', () => {
  /** MiniSearch itself, set up as the contacts search was before it kept only the best few: the reference for scores. */
  function miniSearchOf(contacts: readonly Contact[]): MiniSearch<{ id: string }> {
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const vocabulary = new Set<string>();
    const search = new MiniSearch<{ id: string }>({
      fields: ['serviceName', 'kindLabel', 'needs', 'notes'],
      extractField: (document, field) => {
        const contact = byId.get(document.id) as Contact;
        if (field === 'id') return contact.id;
        if (field === 'kindLabel') return KIND_LABELS[contact.kind];
        if (field === 'needs') return contact.needs.join(' ');
        return field === 'serviceName' ? contact.serviceName : contact.notes;
      },
      processTerm: indexTerm(vocabulary),
      searchOptions: {
        processTerm: (term) => (term.length < 2 ? null : stem(term.toLowerCase())),
        boost: { kindLabel: 3, needs: 3, serviceName: 2, notes: 0.5 },
        ...typoTolerance((term) => vocabulary.has(term)),
        combineWith: 'OR',
      },
    });
    search.addAll(contacts.map((c) => ({ id: c.id })));
    return search;
  }

  // No stop words or synonyms (the reference does not know them), and a directory too small to leave common words out.
  const questions = ['bereavment support', 'eating disordr', 'educational psycology', 'self harm counselling', 'exam stress', 'mental health support team', 'sleep problems', 'counsel', 'anxeity', 'trauma'];

  it.each([
    ['the Salford fixture', fixtureDirectory('salford.csv')],
    ['a generated directory of 400', generateDirectory(400)],
  ])('gives every match the score MiniSearch gives it, on %s', (_name, contacts) => {
    const index = new ContactIndex(contacts);
    const reference = miniSearchOf(contacts);
    for (const text of questions) {
      const expected = reference.search(text);
      const found = new Map(index.find({ text }, contacts.length).map((r) => [r.contact.id, r.score]));
      expect(found.size).toBe(expected.length);
      for (const hit of expected) expect(found.get(String(hit.id))).toBeCloseTo(hit.score, 9);
    }
  });
});
