// The register file reader: GIAS's Windows-1252 file found by header name in any column order, quoted commas, a BOM,
// missing columns, unreadable rows with row numbers, the hand-made file, and bytes arriving in awkward chunks.
import { GIAS_HEADER, giasText, windows1252, type GiasSchool } from '../../../../bench/support/generatedRegister';
import { readRegisterFile, RegisterFileError } from '../../../../bot/features/schools/registerFile';

const TELFORD = new Set(['894']);

const school = (overrides: Partial<GiasSchool> = {}): GiasSchool => ({
  urn: '123456',
  laCode: '894',
  laName: 'Telford and Wrekin',
  name: 'Hadley Learning Community',
  type: 'Community school',
  typeGroup: 'Local authority maintained schools',
  status: 'Open',
  phase: 'Primary',
  lowAge: '4',
  highAge: '11',
  postcode: 'TF1 5NU',
  ...overrides,
});

/** Yields the bytes a few at a time, so multi-byte characters and CRLFs are split across chunks. */
async function* inChunks(bytes: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const read = (bytes: Buffer, laCodes: ReadonlySet<string> = TELFORD) => readRegisterFile(inChunks(bytes), laCodes);

async function refusal(bytes: Buffer, laCodes: ReadonlySet<string> = TELFORD): Promise<readonly string[]> {
  try {
    await read(bytes, laCodes);
  } catch (error) {
    if (error instanceof RegisterFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readRegisterFile: the GIAS file', () => {
  it('decodes Windows-1252: curly apostrophes and accented letters come out right', async () => {
    const result = await read(windows1252(giasText([
      school({ urn: '100001', name: 'St Mary’s Church of England Primary School' }),
      school({ urn: '100002', name: 'Bishop’s Stortford High School', phase: 'Secondary' }),
      school({ urn: '100003', name: 'Sainte-Thérèse Catholic Academy – Ketley' }),
    ])));
    expect(result.encoding).toBe('windows-1252');
    expect(result.kept.map((entry) => entry.name)).toEqual(['St Mary’s Church of England Primary School', 'Bishop’s Stortford High School', 'Sainte-Thérèse Catholic Academy – Ketley']);
  });

  it('reads quoted cells with commas, quotes and line breaks in them', async () => {
    const result = await read(windows1252(giasText([school({ name: 'The "Priory" School, Telford' }), school({ urn: '100009', name: 'Ercall Wood\r\nAcademy' })])));
    expect(result.kept.map((entry) => entry.name)).toEqual(['The "Priory" School, Telford', 'Ercall Wood Academy']);
  });

  it('keeps only open establishments of the area\'s LA codes and counts the rest by reason', async () => {
    const result = await read(
      windows1252(giasText([
        school({ urn: '100001' }),
        school({ urn: '100002', status: 'Open, but proposed to close' }),
        school({ urn: '100003', status: 'Closed' }),
        school({ urn: '100004', status: 'Proposed to open' }),
        school({ urn: '100005', laCode: '352', laName: 'Manchester' }),
        school({ urn: '100006', laCode: '353', laName: 'Oldham' }),
      ])),
    );
    expect(result.rows).toBe(6);
    expect(result.kept.map((entry) => entry.urn)).toEqual(['100001', '100002']);
    expect(result.kept[1]?.proposedToClose).toBe(true);
    expect(result.skipped).toEqual({ 'other LA': 2, closed: 1, 'proposed to open': 1, malformed: 0 });
  });

  it('keeps every area LA code given', async () => {
    const result = await read(windows1252(giasText([school({ urn: '1000001' }), school({ urn: '1000002', laCode: '352' }), school({ urn: '1000003', laCode: '355' })])), new Set(['894', '352']));
    expect(result.kept.map((entry) => entry.laCode)).toEqual(['894', '352']);
  });

  it('finds the columns by name in any order, among columns it does not know', async () => {
    const shuffled = [...GIAS_HEADER].reverse();
    const result = await read(windows1252(giasText([school({ phase: 'Secondary', postcode: 'tf3 1ab' })], shuffled, (column) => `x ${column}`)));
    expect(result.kept).toEqual([
      { urn: '123456', name: 'Hadley Learning Community', kind: 'school', phase: 'secondary', laCode: '894', laName: 'Telford and Wrekin', type: 'Community school', postcode: 'TF3 1AB' },
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark (the file re-saved from Excel)', async () => {
    const text = giasText([school({ name: 'St Mary’s Primary' })]);
    const result = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(result.encoding).toBe('utf-8');
    expect(result.kept[0]?.name).toBe('St Mary’s Primary');
  });

  it('refuses a file missing a column it needs, naming the column', async () => {
    const header = GIAS_HEADER.filter((column) => column !== 'LA (code)' && column !== 'EstablishmentStatus (name)');
    expect(await refusal(windows1252(giasText([school()], header)))).toEqual([expect.stringContaining('no "LA (code)", "EstablishmentStatus (name)" columns')]);
  });

  it('refuses the national file for an area with no LA codes, saying how to set them', async () => {
    expect(await refusal(windows1252(giasText([school()])), new Set())).toEqual([expect.stringContaining('area set')]);
  });

  it('lists unreadable rows of the area by row number, and counts unreadable rows of other areas as other LA', async () => {
    const text = giasText([school({ urn: '100001' }), school({ urn: 'abc' }), school({ urn: '100003', laCode: '352', name: '' }), school({ urn: '100001', name: 'Again' })]);
    const short = `${text}123457,894,Telford and Wrekin\r\n`;
    const result = await read(windows1252(short));
    expect(result.malformedOfArea).toBe(3);
    expect(result.malformed).toEqual([
      { row: 2, problem: 'URN "abc" is not a number', ofArea: true },
      { row: 4, problem: 'URN 100001 is also on row 1', ofArea: true },
      { row: 5, problem: expect.stringContaining('has 3 cells where the header has'), ofArea: true },
    ]);
    expect(result.skipped['other LA']).toBe(1);
  });

  it('refuses broken CSV with its line number', async () => {
    const text = `${giasText([school()])}"123457,894\r\n`;
    expect(await refusal(windows1252(text))).toEqual([expect.stringMatching(/^Line \d+ is not valid CSV \(a quoted cell is never closed\)/)]);
  });

  it('refuses a file that is not a register, and an empty one', async () => {
    expect(await refusal(Buffer.from('name,email\nSam,sam@example.org\n'))).toEqual([expect.stringContaining('not a register header row')]);
    expect(await refusal(Buffer.alloc(0))).toEqual([expect.stringContaining('empty')]);
  });
});

describe('readRegisterFile: a hand-made file', () => {
  it('keeps every row, schools and services, in UTF-8 without a BOM and headers in any case', async () => {
    const result = await read(Buffer.from('Name,URN,Phase,Kind\r\n"Madeley Academy, Telford",123456,secondary,school\r\nTelford CYPMHS – Café Team,S-1,,service\r\n', 'utf8'), new Set());
    expect(result.format).toBe('handmade');
    expect(result.encoding).toBe('utf-8');
    expect(result.kept).toEqual([
      { urn: '123456', name: 'Madeley Academy, Telford', kind: 'school', phase: 'secondary' },
      { urn: 'S-1', name: 'Telford CYPMHS – Café Team', kind: 'service', phase: 'other' },
    ]);
  });

  it('lists bad rows by number', async () => {
    const result = await read(Buffer.from('URN,name,phase\n1,A,primary\n,B,primary\n3,C,infants\n'), new Set());
    expect(result.malformed.map((m) => m.row)).toEqual([2, 3]);
    expect(result.malformedOfArea).toBe(2);
  });

  it('refuses a hand-made file without a phase column', async () => {
    expect(await refusal(Buffer.from('URN,name\n1,A\n'), new Set())).toEqual([expect.stringContaining('no "phase" column')]);
  });
});
