import { contactsToCsv, formatOf, parseContactFile } from '../../../../../bot/features/contacts/domain/contactFile';
import { checkContactRows, compareDirectories, kindFromText, mayBeOutOfDate, slugOf } from '../../../../../bot/features/contacts/domain/contacts';
import { contactsFixtureText, fixtureDirectory } from '../../../../support/contacts';

const header = 'serviceName,kind,needs,ageMin,ageMax,whoCanRefer,howToRefer,phone,lastVerified';

describe('checking imported contacts (all or nothing)', () => {
  it('accepts the realistic fixtures for both areas', () => {
    expect(fixtureDirectory('salford.csv')).toHaveLength(12);
    expect(fixtureDirectory('oldham.json')).toHaveLength(6);
  });

  it('rejects the whole file and lists each bad row with what is wrong', () => {
    const csv = [
      header,
      'Good Service,early help,anxiety,5,18,school,Phone us,0161 000 0000,2026-01-01',
      'Bad Kind,hospital,anxiety,5,18,school,Phone us,0161 000 0000,2026-01-01',
      'Ages Backwards,cypmhs,anxiety,16,5,school,Phone us,0161 000 0000,2026-01-01',
      'No Way To Reach,cypmhs,anxiety,5,18,school,Phone us,,2026-01-01',
      'Bad Date,cypmhs,anxiety,5,18,teacher,Phone us,0161 000 0000,1 March 2026',
    ].join('\n');
    const parsed = parseContactFile(csv, 'csv');
    if (!parsed.ok) throw new Error(parsed.problem);
    const checked = checkContactRows(parsed.rows);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
    expect(checked.errors[0]?.problems.join()).toContain('kind must be one of');
    expect(checked.errors[1]?.problems.join()).toContain('ageMin must not be above ageMax');
    expect(checked.errors[2]?.problems.join()).toContain('give at least one of phone, email or web');
    expect(checked.errors[3]?.problems.join()).toMatch(/whoCanRefer .*self, parent, school, gp/);
    expect(checked.errors[3]?.problems.join()).toContain('lastVerified must be a date written YYYY-MM-DD');
  });

  it('rejects two rows with the same id, naming the earlier row', () => {
    const checked = checkContactRows([
      { serviceName: 'Kooth', kind: 'voluntary-sector', needs: 'anxiety', ageMin: 11, ageMax: 25, whoCanRefer: 'self', howToRefer: 'Online', web: 'https://www.kooth.com', lastVerified: '2026-01-01' },
      { serviceName: 'KOOTH', kind: 'voluntary-sector', needs: 'anxiety', ageMin: 11, ageMax: 25, whoCanRefer: 'self', howToRefer: 'Online', web: 'https://www.kooth.com', lastVerified: '2026-01-01' },
    ]);
    expect(checked).toEqual({ ok: false, errors: [{ row: 2, problems: ['id "kooth" is already used by row 1; give each contact its own id or service name'] }] });
  });

  it('rejects an empty file', () => {
    expect(checkContactRows([])).toEqual({ ok: false, errors: [{ row: 0, problems: ['the file has no contacts in it'] }] });
  });

  it('accepts familiar names for kinds', () => {
    expect(kindFromText('CAMHS')).toBe('cypmhs');
    expect(kindFromText('School Link Practitioner')).toBe('school-link-practitioner');
    expect(kindFromText('SPA')).toBe('single-point-of-access');
    expect(kindFromText('hospital')).toBeUndefined();
  });

  it('explains CSV that cannot be read, unknown columns and missing columns', () => {
    expect(parseContactFile(`${header}\n"unclosed,quote`, 'csv')).toMatchObject({ ok: false, problem: expect.stringContaining('could not be read') });
    expect(parseContactFile(`${header},favouriteColour\n`, 'csv')).toMatchObject({ ok: false, problem: expect.stringContaining('favouriteColour') });
    expect(parseContactFile('serviceName,kind\nA,cypmhs\n', 'csv')).toMatchObject({ ok: false, problem: expect.stringContaining('missing columns: needs') });
    expect(parseContactFile('{"not": "a list"}', 'json')).toMatchObject({ ok: false, problem: expect.stringContaining('list of contacts') });
    expect(parseContactFile('[{', 'json')).toMatchObject({ ok: false, problem: expect.stringContaining('could not be read') });
  });

  it('tells CSV from JSON by file type or by the text', () => {
    expect(formatOf('[]', undefined)).toBe('json');
    expect(formatOf(header, undefined)).toBe('csv');
    expect(formatOf('anything', 'CSV')).toBe('csv');
    expect(formatOf('anything', 'xlsx')).toBeUndefined();
  });
});

describe('comparing directories', () => {
  it('counts added, changed, removed and unchanged contacts', () => {
    const before = fixtureDirectory('salford.csv');
    const after = [
      ...before.slice(2).map((c) => (c.id === 'salford-kooth' ? { ...c, phone: '0800 000 0000' } : c)),
      { ...before[0]!, id: 'new-one', serviceName: 'New One' },
    ];
    expect(compareDirectories(before, after)).toEqual({ added: 1, changed: 1, removed: 2, unchanged: 9 });
  });
});

describe('export', () => {
  it('round-trips: exported CSV imports back to the same directory', () => {
    const directory = fixtureDirectory('salford.csv');
    const parsed = parseContactFile(contactsToCsv(directory), 'csv');
    if (!parsed.ok) throw new Error(parsed.problem);
    const checked = checkContactRows(parsed.rows);
    expect(checked).toEqual({ ok: true, contacts: directory });
  });

});

describe('out of date', () => {
  it('marks a contact last verified more than the configured months ago', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(mayBeOutOfDate({ lastVerified: '2025-11-22' }, now, 12)).toBe(true);
    expect(mayBeOutOfDate({ lastVerified: '2025-11-24' }, now, 12)).toBe(false);
    expect(mayBeOutOfDate({ lastVerified: '2026-06-01' }, now, 3)).toBe(true);
  });
});

it('makes area and contact ids from names', () => {
  expect(slugOf('Telford & Wrekin')).toBe('telford-and-wrekin');
  expect(slugOf("Winston's Wish")).toBe('winston-s-wish');
  expect(contactsFixtureText('salford.csv').length).toBeGreaterThan(0);
});
