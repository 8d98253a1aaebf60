// The school register over the real HTTP server: `area set`, then `schools import` with the national GIAS file
// (Windows-1252, real columns) and a hand-made file sent as Teams attachments from a local download server; a
// re-import's added, closed and renamed schools; a bad file's row numbers with nothing written.
import { giasText, windows1252, type GiasSchool } from '../../bench/support/generatedRegister';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { startFileServer, withAttachment, type FileServer } from '../support/fileServer';
import { asUser, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { repliesTo } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const NOW = new Date('2026-12-03T10:00:00Z');
const LEAD_AAD = '0b7c2d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d';

type Sent = Record<string, unknown>;

function cardJson(activity: Sent | undefined): string {
  return JSON.stringify((activity?.attachments as { content: unknown }[] | undefined)?.map((a) => a.content) ?? []);
}

const school = (urn: string, name: string, overrides: Partial<GiasSchool> = {}): GiasSchool => ({
  urn,
  laCode: '894',
  laName: 'Telford and Wrekin',
  name,
  type: 'Community school',
  typeGroup: 'Local authority maintained schools',
  status: 'Open',
  phase: 'Primary',
  lowAge: '4',
  highAge: '11',
  postcode: 'TF1 5NU',
  ...overrides,
});

const FIRST = [
  school('123001', 'St Mary’s Church of England Primary School'),
  school('123002', 'Hadley Learning Community', { phase: 'All-through' }),
  school('123003', 'Haughton School', { type: 'Community special school', typeGroup: 'Special schools', phase: 'Not applicable' }),
  school('123004', 'The Linden Centre', { type: 'Pupil referral unit', phase: 'Not applicable' }),
  school('123005', 'Old Park Primary School', { status: 'Closed' }),
  school('123006', 'Newport Free School', { status: 'Proposed to open' }),
  school('200001', 'Manchester Academy', { laCode: '352', laName: 'Manchester' }),
];
const SECOND = [
  school('123001', 'St Mary’s Church of England Primary School'),
  school('123002', 'Hadley Learning Community Academy', { phase: 'All-through' }),
  school('123004', 'The Linden Centre', { type: 'Pupil referral unit', phase: 'Not applicable' }),
  school('123007', 'Telford Langley School', { phase: 'Secondary' }),
  school('200001', 'Manchester Academy', { laCode: '352', laName: 'Manchester' }),
];

describe('the school register over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let files: FileServer;

  beforeAll(async () => {
    connector = await startConnectorStub();
    files = await startFileServer({
      '/first.csv': { body: windows1252(giasText(FIRST)) },
      '/second.csv': { body: windows1252(giasText(SECOND)) },
      '/bad.csv': { body: windows1252(giasText([...SECOND, school('bad', 'Broken Row'), school('123009', '')])) },
      '/handmade.csv': { body: Buffer.from('URN,name,phase,kind\r\n100001,Oldham Academy North,secondary,school\r\nS1,Healthy Young Minds Oldham,,service\r\n', 'utf8') },
      '/big.csv': { body: windows1252(giasText(Array.from({ length: 40 }, (_, i) => school(String(300000 + i), `Padding ${'x'.repeat(200)} ${i}`)))) },
    });
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD, SCHOOLS_IMPORT_MAX_BYTES: '20000' }, { clock: { now: () => NOW } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await files.close();
  });

  const say = (activity: Json): Promise<Sent[]> => repliesTo(app, connector, { ...activity, serviceUrl: connector.serviceUrl });
  const coordinatorSays = (text: string) => say(loadActivity('personal-message', { text }));
  const sendsFile = (path: string, text: string, fileType = 'csv') =>
    say(withAttachment(loadActivity('personal-message-file', { text }), `${files.url}${path}`, fileType, `register.${fileType}`));

  it('refuses the national file before the area has LA codes, saying how to set them', async () => {
    const [sent] = await sendsFile('/first.csv', 'schools import telford');
    expect(cardJson(sent)).toContain('Nothing was imported');
    expect(cardJson(sent)).toContain('area set telford la 894');
  });

  it('sets an area\'s LA codes', async () => {
    const [sent] = await coordinatorSays('area set telford la 894');
    expect(cardJson(sent)).toContain('Local authority codes set: telford');
    expect(cardJson(sent)).toContain('open schools of LA 894');
  });

  it('refuses a code that is not three digits', async () => {
    const [sent] = await coordinatorSays('area set telford la 89');
    expect(cardJson(sent)).toContain('\\"89\\" is not a local authority code');
  });

  it('imports the open establishments of the area from the national file and says what it skipped', async () => {
    const [sent] = await sendsFile('/first.csv', 'schools import telford');
    const card = cardJson(sent);
    expect(card).toContain('School register imported: telford');
    expect(card).toContain('telford now has 4 schools (open establishments of LA 894)');
    expect(card).toContain('Rows read: 7 (Get Information about Schools file, windows-1252)');
    expect(card).toContain('Skipped: 1 of other local authorities; 1 closed; 1 proposed to open');
    const stored = await app.app.services.schools.current(FIXTURE_TENANT, 'telford');
    expect(stored?.entries.map((e) => [e.name, e.phase])).toEqual([
      ['St Mary’s Church of England Primary School', 'primary'],
      ['Hadley Learning Community', 'secondary'],
      ['Haughton School', 'special'],
      ['The Linden Centre', 'alternative provision'],
    ]);
  });

  it('re-imports and reports added, closed and renamed schools', async () => {
    const [sent] = await sendsFile('/second.csv', 'schools import telford');
    const card = cardJson(sent);
    expect(card).toContain('Added: 1 (Telford Langley School)');
    expect(card).toContain('Closed or gone from the file: 1 (Haughton School)');
    expect(card).toContain('Renamed: 1 (Hadley Learning Community → Hadley Learning Community Academy)');
    expect(card).toContain('Unchanged: 2');
  });

  it('refuses a file with unreadable rows of the area, listing them, and keeps the register as it was', async () => {
    const [sent] = await sendsFile('/bad.csv', 'schools import telford');
    const card = cardJson(sent);
    expect(card).toContain("Nothing was imported: 2 rows that may be telford's could not be read");
    expect(card).toContain('Row 6: URN \\"bad\\" is not a number');
    expect(card).toContain('Row 7: EstablishmentName is empty');
    expect((await app.app.services.schools.current(FIXTURE_TENANT, 'telford'))?.entries).toHaveLength(4);
  });

  it('imports a hand-made file with a service in it, without LA codes', async () => {
    const [sent] = await sendsFile('/handmade.csv', 'schools import oldham');
    expect(cardJson(sent)).toContain('oldham now has 1 school and 1 service.');
    expect(cardJson(sent)).toContain('Rows read: 2 (hand-made file');
  });

  it('refuses a file larger than SCHOOLS_IMPORT_MAX_BYTES, and a file that is not CSV', async () => {
    expect(cardJson((await sendsFile('/big.csv', 'schools import telford'))[0])).toContain('larger than 20 KB');
    expect(cardJson((await sendsFile('/first.csv', 'schools import telford', 'xlsx'))[0])).toContain('I accept the register as CSV');
    expect((await app.app.services.schools.current(FIXTURE_TENANT, 'telford'))?.entries).toHaveLength(4);
  });

  it('asks for the file when none is attached', async () => {
    const [sent] = await coordinatorSays('schools import telford');
    expect(cardJson(sent)).toContain('Attach the register as a CSV file');
  });

  it('lets only coordinators set codes or import', async () => {
    const [refused] = await say(asUser(loadActivity('personal-message', { text: 'area set telford la 352' }), LEAD_AAD, 'Sam Lead'));
    expect(cardJson(refused)).toContain('Only coordinators can');
    expect((await app.app.services.schools.repository.area(FIXTURE_TENANT, 'telford'))?.laCodes).toEqual(['894']);
  });
});
