// Linking people to schools, pure: `email URN` pairs in a pasted list and the school picker's type-ahead ranking.
import { readSchoolPairs, searchRegister } from '../../../../../bot/features/schools/domain/links';
import type { RegisterEntry } from '../../../../../bot/features/schools/domain/register';

describe('readSchoolPairs', () => {
  it('takes the URN after each email, leaving the emails for the cohort list', () => {
    const read = readSchoolPairs('Amy.Head@stmarys.sch.uk 123456\nben@nhs.net, cara@x.org s-12; Dee <dee@y.org> 654321');
    expect([...read.pairs]).toEqual([
      ['amy.head@stmarys.sch.uk', '123456'],
      ['cara@x.org', 'S-12'],
      ['dee@y.org', '654321'],
    ]);
    expect(read.emailsText).toBe('Amy.Head@stmarys.sch.uk\nben@nhs.net, cara@x.org; Dee <dee@y.org>');
    expect(read.confirmed).toBe(false);
  });

  it('leaves a word after an email alone when it has no digit (a name, not a URN)', () => {
    const read = readSchoolPairs('amy@x.org Jones');
    expect(read.pairs.size).toBe(0);
    expect(read.emailsText).toBe('amy@x.org Jones');
  });

  it('reads a trailing "confirm" as the answer to the 20-school question', () => {
    const read = readSchoolPairs('amy@x.org 123456 confirm');
    expect(read.confirmed).toBe(true);
    expect(read.pairs.get('amy@x.org')).toBe('123456');
    expect(read.emailsText.trim()).toBe('amy@x.org');
  });
});

describe('searchRegister (the type-ahead)', () => {
  const entries: RegisterEntry[] = [
    { urn: '123450', name: 'St Mary’s Church of England Primary School', kind: 'school', phase: 'primary', postcode: 'TF1 5NU' },
    { urn: '123451', name: 'Mary Webb School', kind: 'school', phase: 'secondary', postcode: 'SY5 0TG' },
    { urn: '123452', name: 'Sainte-Thérèse Catholic Academy', kind: 'school', phase: 'primary' },
    { urn: 'S1', name: 'Telford CYPMHS', kind: 'service', phase: 'other' },
    ...Array.from({ length: 30 }, (_, i): RegisterEntry => ({ urn: String(200000 + i), name: `Telford School ${String(i).padStart(2, '0')}`, kind: 'school', phase: 'primary' })),
  ];

  it('matches the start of any word, ignoring case, apostrophes and accents, names starting so first', () => {
    expect(searchRegister(entries, 'mary', 0, 15).map((c) => c.value)).toEqual(['123451', '123450']);
    expect(searchRegister(entries, 'st marys', 0, 15)).toEqual([{ title: 'St Mary’s Church of England Primary School, TF1 5NU', value: '123450' }]);
    expect(searchRegister(entries, 'therese', 0, 15).map((c) => c.value)).toEqual(['123452']);
  });

  it('finds by postcode or URN, and marks services', () => {
    expect(searchRegister(entries, 'tf1', 0, 15).map((c) => c.value)).toEqual(['123450']);
    expect(searchRegister(entries, '123451', 0, 15).map((c) => c.value)).toEqual(['123451']);
    expect(searchRegister(entries, 'cypmhs', 0, 15)).toEqual([{ title: 'Telford CYPMHS (service)', value: 'S1' }]);
  });

  it('pages with skip and top', () => {
    const first = searchRegister(entries, 'telford school', 0, 15);
    const second = searchRegister(entries, 'telford school', 15, 15);
    expect(first).toHaveLength(15);
    expect(second).toHaveLength(15);
    expect(first[0]?.title).toBe('Telford School 00');
    expect(second[0]?.title).toBe('Telford School 15');
    expect(searchRegister(entries, 'nothing like it', 0, 15)).toEqual([]);
  });
});
