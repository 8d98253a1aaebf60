// Referral contacts over the real HTTP server: file imports from a local download server, questions, urgent help first,
// the missing-contact card action and the message extension, all with real Teams payload shapes.
import { odata } from '../../bot/platform/storage/account';
import { CONTACTS_TABLE, directoryPartition } from '../../bot/features/contacts/contactRepository';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { contactsFixtureText } from '../support/contacts';
import { startFileServer, withAttachment, type FileServer } from '../support/fileServer';
import { asUser, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { repliesTo } from '../support/teams';
import { CONTROL, RISKY } from '../support/riskTexts';
import { startTestApp, type RunningApp } from '../support/testApp';

const LEAD_AAD = '0b7c2d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d';
const NOW = new Date('2026-11-23T10:00:00Z');

type Sent = Record<string, unknown>;

function cardJson(activity: Sent | undefined): string {
  return JSON.stringify((activity?.attachments as { content: unknown }[] | undefined)?.map((a) => a.content) ?? []);
}

describe('referral contacts over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let files: FileServer;

  const exported = { body: '' };
  const bigCsv = `${contactsFixtureText('salford.csv')}${'x'.repeat(25_000)}`;
  const badCsv = contactsFixtureText('salford.csv').replace('0161 518 5400,salford.spa@nhs.net', '0161 518 5400,not-an-email').replace(',2026-10-01', ',next week');

  beforeAll(async () => {
    connector = await startConnectorStub();
    files = await startFileServer({
      '/salford.csv': { body: contactsFixtureText('salford.csv') },
      '/bad.csv': { body: badCsv },
      '/big.csv': { body: bigCsv },
      '/gone.csv': { status: 404, body: 'expired' },
      '/slow.csv': { body: '', hang: true },
      '/binary.csv': { body: '\u0000\u00ff\u00fe' },
      '/exported.csv': exported,
    });
    app = await startTestApp(
      { COORDINATOR_IDS: FIXTURE_USER_AAD, CONTACTS_IMPORT_MAX_BYTES: '20000', CONTACTS_IMPORT_TIMEOUT_MS: '1000' },
      { clock: { now: () => NOW } },
    );
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await files.close();
  });

  /** Posts an activity and returns what the bot sent back during that turn. */
  async function say(activity: Json): Promise<Sent[]> {
    return repliesTo(app, connector, { ...activity, serviceUrl: connector.serviceUrl });
  }

  const coordinatorSays = (text: string) => say(loadActivity('personal-message', { text }));
  const leadSays = (text: string) => say(asUser(loadActivity('personal-message', { text }), LEAD_AAD, 'Sam Lead'));
  const coordinatorSendsFile = (path: string, fileType = 'csv', text = 'contacts import Salford') =>
    say(withAttachment(loadActivity('personal-message-file', { text }), path.startsWith('/') ? `${files.url}${path}` : path, fileType, `contacts.${fileType}`));

  it('imports a CSV file sent as a Teams attachment and reports the counts', async () => {
    const [sent] = await coordinatorSendsFile('/salford.csv');
    expect(files.requests).toContain('/salford.csv');
    expect(cardJson(sent)).toContain('Directory imported: Salford');
    expect(cardJson(sent)).toContain('Added: 12');
    expect(cardJson(sent)).toContain('Removed: 0');
  });

  it('imports pasted JSON for a second area', async () => {
    const [sent] = await coordinatorSays(`contacts import Oldham\n${contactsFixtureText('oldham.json')}`);
    expect(cardJson(sent)).toContain('Oldham now has 6 contacts');
  });

  it('rejects a file with bad rows, listing the rows, and changes nothing', async () => {
    const [sent] = await coordinatorSendsFile('/bad.csv');
    const card = cardJson(sent);
    expect(card).toContain('Nothing was imported: 2 rows have problems');
    expect(card).toContain('Row 1: email must be an email address');
    expect(card).toContain('Row 5: lastVerified must be a date written YYYY-MM-DD');
    const directory = await app.app.services.contacts.repository.load(FIXTURE_TENANT, 'salford');
    expect(directory?.contacts.find((c) => c.id === 'salford-spa')?.email).toBe('salford.spa@nhs.net');
  });

  it.each([
    ['/big.csv', 'csv', 'larger than 20 KB'],
    ['/gone.csv', 'csv', 'the server answered 404'],
    ['/slow.csv', 'csv', 'took too long'],
    ['/binary.csv', 'csv', 'Nothing was imported'],
    ['/salford.csv', 'xlsx', 'I accept CSV or JSON'],
  ])('refuses %s (%s) clearly and writes nothing', async (path, type, expected) => {
    const before = await app.app.services.contacts.repository.pointer(FIXTURE_TENANT, 'salford');
    const [sent] = await coordinatorSendsFile(path, type);
    expect(cardJson(sent)).toContain(expected);
    expect((await app.app.services.contacts.repository.pointer(FIXTURE_TENANT, 'salford'))?.version).toBe(before?.version);
    expect((await app.get('/healthz')).status).toBe(200);
  });

  it.each([
    ['a host that is not SharePoint or OneDrive', 'https://files.example.org/salford.csv', 'I only open files Teams stores in SharePoint or OneDrive'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data/', 'I only open files Teams stores in SharePoint or OneDrive'],
    ['the cloud metadata address over http', 'http://169.254.169.254/latest/meta-data/', 'not a secure (https) link'],
    ['a SharePoint link over http', 'http://contoso-my.sharepoint.com/salford.csv', 'not a secure (https) link'],
  ])('refuses a file link to %s without opening it, and writes nothing', async (_what, link, expected) => {
    const before = await app.app.services.contacts.repository.pointer(FIXTURE_TENANT, 'salford');
    const [sent] = await coordinatorSendsFile(link);
    expect(cardJson(sent)).toContain(expected);
    expect(cardJson(sent)).not.toContain(link);
    expect((await app.app.services.contacts.repository.pointer(FIXTURE_TENANT, 'salford'))?.version).toBe(before?.version);
  });

  it('tells someone who sends a file with no message how to import it', async () => {
    const [sent] = await coordinatorSendsFile('/salford.csv', 'csv', '');
    expect(sent?.text).toContain('send it with the message "contacts import <area>"');
  });

  it('refuses an import from someone who is not a coordinator', async () => {
    const [sent] = await leadSays(`contacts import Salford\n${contactsFixtureText('oldham.json')}`);
    expect(cardJson(sent)).toContain('Only coordinators can import contacts');
  });

  it('answers a question with the best contacts, call/email/web buttons and how to refer, and remembers the area', async () => {
    const sent = await leadSays('contacts eating disorder referral for a 14 year old in Salford');
    expect(sent).toHaveLength(1);
    const card = JSON.parse(cardJson(sent[0])) as [{ body: { items?: { text?: string; actions?: { url: string }[] }[] }[] }];
    const firstContact = card[0].body.find((element) => element.items)!;
    expect(JSON.stringify(firstContact)).toContain('Greater Manchester Eating Disorders Service');
    expect(JSON.stringify(firstContact)).toContain('How to refer');
    expect(JSON.stringify(firstContact)).toContain('tel:01613581900');
    expect(JSON.stringify(firstContact)).toContain('mailto:gm.eatingdisorders@nhs.net');
    expect(JSON.stringify(firstContact)).toContain('https://www.gmmh.nhs.uk/eating-disorders');
    expect(await app.app.services.preferences.get('72f988bf-86f1-41af-91ab-2d7cd011db47', LEAD_AAD)).toEqual({ contactsArea: 'salford' });

    const [next] = await leadSays('contacts who is our school link practitioner');
    expect(cardJson(next)).toContain('Referral contacts: Salford');
    expect(cardJson(next)).toContain('Priya Shah');
  });

  it('answers in a channel when @mentioned, replying in that channel', async () => {
    const sent = await say(asUser(loadActivity('channel-mention', { text: '<at>Link Programme</at> contacts bereavement support in Oldham' }), LEAD_AAD, 'Sam Lead'));
    expect(cardJson(sent[0])).toContain('Referral contacts: Oldham');
    expect(cardJson(sent[0])).toContain('Oldham Young Carers and Bereavement Service');
    expect(String((sent[0]?.conversation as { id: string }).id)).toContain('@thread.tacv2');
    await leadSays('contacts area Salford');
  });

  it('lets the caller change area, and says clearly when an area is unknown', async () => {
    const [changed] = await leadSays('contacts area oldham');
    expect(cardJson(changed)).toContain('now search the Oldham directory');
    const [answer] = await leadSays('contacts school link practitioner');
    expect(cardJson(answer)).toContain('Tom Hughes');
    const [unknown] = await leadSays('contacts area Narnia');
    expect(cardJson(unknown)).toContain('There is no directory for an area called');
    expect(cardJson(unknown)).toContain('Oldham, Salford');
    await leadSays('contacts area Salford');
  });

  it('marks contacts not verified for 12 months as may be out of date', async () => {
    const [sent] = await leadSays('contacts kooth online counselling');
    expect(cardJson(sent)).toContain('Kooth');
    expect(cardJson(sent)).toContain('May be out of date: last checked Friday 1 March 2024');
  });

  it('leads with the urgent-help card when the question suggests immediate risk', async () => {
    const sent = await leadSays('contacts self-harm support for a 15 year old');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.text).toContain('call 999');
    expect(cardJson(sent[0])).toContain('Urgent help comes first');
    expect(cardJson(sent[0])).toContain('tel:999');
    expect(cardJson(sent[0])).toContain('sms:85258');
    // Buttons read numbers as people write them; the links dial the digits.
    expect(cardJson(sent[0])).toContain('"title":"Call 0800 1111","url":"tel:08001111"');
    expect(cardJson(sent[0])).toContain('"title":"Call 0800 068 4141","url":"tel:08000684141"');
    expect(cardJson(sent[0])).not.toContain('Call 08001111');
    expect(cardJson(sent[1])).toContain('Referral contacts: Salford');
  });

  it('leads with the area\'s own urgent-help list once a coordinator sets one', async () => {
    const lines = JSON.stringify([{ name: 'Salford CYPMHS crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }]);
    const [, preview] = await coordinatorSays(`contacts urgent-help Salford\n${lines}`);
    expect(cardJson(preview)).toContain('Salford CYPMHS crisis line');
    const [urgent] = await leadSays('contacts pupil took an overdose');
    expect(cardJson(urgent)).toContain('Salford CYPMHS crisis line');
    expect(cardJson(urgent)).toContain("your area's urgent-help lines");
    await coordinatorSays('contacts urgent-help Salford default');
    const [national] = await leadSays('contacts pupil took an overdose');
    expect(cardJson(national)).toContain('Childline');
  });

  it('leads with urgent help for unknown text that suggests risk, before the hint and help', async () => {
    const sent = await leadSays('I think one of my pupils is suicidal');
    expect(cardJson(sent[0])).toContain('Urgent help comes first');
    expect(sent[1]?.text).toBe("Sorry, I didn't recognise that command.");
    expect(cardJson(sent[1])).toContain('Here is what I can do');
  });

  it('still leads with urgent help when a risky question is too long, and says it is too long', async () => {
    const sent = await leadSays(`contacts ${'please help with '.repeat(20)}she wants to die`);
    expect(cardJson(sent[0])).toContain('Urgent help comes first');
    expect(cardJson(sent[1])).toContain('That question is too long');
  });

  it('leads with urgent help even when a message is too long to be a command', async () => {
    const sent = await leadSays(`${'a'.repeat(4100)} he wants to kill himself`);
    expect(cardJson(sent[0])).toContain('Urgent help comes first');
    expect(sent[1]?.text).toContain('too long for a command');
  });

  /** Where each text first appears, asserting each is there and they come in this order. */
  function expectInOrder(json: string, texts: string[]): void {
    const at = texts.map((t) => json.indexOf(t));
    expect(texts.filter((_, i) => at[i]! < 0)).toEqual([]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  }
  const logEvents = () => app.logs.lines().map((l) => String(l.event));

  it('checks a question for risk before searching: the urgent card first (999, your DSL, NHS 111 and the national lines), then the contacts', async () => {
    const logsFrom = app.logs.lines().length;
    const sent = await leadSays(`contacts ${RISKY.contacts} in Salford`);
    expect(sent).toHaveLength(2);
    expectInOrder(cardJson(sent[0]), ['Urgent help comes first', 'Call 999', "Follow your setting's safeguarding procedure and tell your Designated Safeguarding Lead (DSL) now", 'NHS 111', 'Childline', 'Samaritans']);
    // The contacts still follow (here the directory has no match, so its single point of access).
    expect(cardJson(sent[1])).toMatch(/Referral contacts: Salford|No contacts found: Salford/);
    expect(cardJson(sent[1])).not.toContain('Urgent help');
    // The check ran (and was recorded) before the directory was searched.
    const events = logEvents().slice(logsFrom);
    expect(events.indexOf('urgent-help.shown')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('urgent-help.shown')).toBeLessThan(events.indexOf('contacts.searched'));
    const line = app.logs.lines().slice(logsFrom).find((l) => l.event === 'urgent-help.shown')!;
    expect(line).toMatchObject({ route: 'contacts', concepts: expect.arrayContaining(['suicidal-intent']), area: 'salford' });
  });

  it('answers an ordinary question (the control) with contacts only', async () => {
    const sent = await leadSays(`contacts ${CONTROL.contacts}`);
    expect(sent).toHaveLength(1);
    expect(cardJson(sent[0])).toContain('Referral contacts: Salford');
    expect(cardJson(sent[0])).not.toContain('Urgent help');
  });

  it('leads unknown and too-long text with urgent help only when it suggests risk (an idiom does not)', async () => {
    const risky = await leadSays(RISKY.unknown);
    expect(cardJson(risky[0])).toContain('Urgent help comes first');
    expect(risky[1]?.text).toBe("Sorry, I didn't recognise that command.");
    const idiom = await leadSays(CONTROL.unknown);
    expect(idiom).toHaveLength(1);
    expect(idiom[0]?.text).toBe("Sorry, I didn't recognise that command.");
    expect(cardJson(idiom[0])).not.toContain('Urgent help');
    // Too long to be a command: urgent help only when it suggests risk, the refusal either way.
    const long = await leadSays(`${'please read this '.repeat(250)} ${RISKY.tooLong}`);
    expect(cardJson(long[0])).toContain('Urgent help comes first');
    expect(long[1]?.text).toContain('too long for a command');
    const ordinary = await leadSays(`${'please read this '.repeat(250)} ${CONTROL.unknown}`);
    expect(ordinary).toHaveLength(1);
    expect(JSON.stringify(ordinary[0])).toContain('too long for a command');
    expect(JSON.stringify(ordinary[0])).not.toContain('Urgent help');
  });

  it('lets a coordinator add the area\'s children\'s services front door, shown after "tell your DSL" and before the national lines', async () => {
    const [set, preview] = await coordinatorSays("contacts urgent-help Salford front-door Salford Children's Services Front Door; 0161 603 4500; Mon-Fri 8:30-16:30; 0161 794 8888");
    expect(cardJson(set)).toContain('Front door set');
    expectInOrder(cardJson(preview), ['Call 999', 'Designated Safeguarding Lead', "Salford Children's Services Front Door", 'NHS 111', 'Childline']);
    expect(cardJson(preview)).toContain('tel:01616034500');
    expect(cardJson(preview)).toContain('Out of hours: call 0161 794 8888');
    expect(cardJson(preview)).toContain('tel:01617948888');
    // Read with the lines in one point read, and shown to anyone whose risky question is about Salford.
    const [urgent] = await leadSays(`contacts ${RISKY.contacts}`);
    expectInOrder(cardJson(urgent), ['Call 999', "Salford Children's Services Front Door", 'Mon-Fri 8:30-16:30. Out of hours: 0161 794 8888', 'NHS 111']);
    expect(await app.app.services.urgentHelp.linesFor(FIXTURE_TENANT, 'salford')).toMatchObject({ local: false, frontDoor: { name: "Salford Children's Services Front Door", tel: '01616034500', outOfHours: { tel: '01617948888' } } });
    // Another area is untouched.
    expect((await app.app.services.urgentHelp.linesFor(FIXTURE_TENANT, 'oldham')).frontDoor).toBeUndefined();
  });

  it('keeps the front door when the lines change or go back to the national ones, and removes it with "front-door none"', async () => {
    const lines = JSON.stringify([{ name: 'Salford CYPMHS crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }]);
    const [, own] = await coordinatorSays(`contacts urgent-help Salford\n${lines}`);
    expectInOrder(cardJson(own), ['Call 999', "Salford Children's Services Front Door", 'Salford CYPMHS crisis line']);
    await coordinatorSays('contacts urgent-help Salford default');
    const [shown] = await coordinatorSays('contacts urgent-help Salford');
    expectInOrder(cardJson(shown), ["Salford Children's Services Front Door", 'Childline']);
    const [removed, after] = await coordinatorSays('contacts urgent-help salford front-door none');
    expect(cardJson(removed)).toContain('Front door removed');
    expect(cardJson(after)).not.toContain('front door):');
    expect((await app.app.services.urgentHelp.linesFor(FIXTURE_TENANT, 'salford')).frontDoor).toBeUndefined();
  });

  it.each([
    ['front-door', "Say what the area's front door is"],
    ['front-door Salford Front Door; 0161 603 4500', 'separated by semicolons (you gave 2 parts)'],
    ['front-door Salford Front Door; call us; Mon-Fri', 'phone: must be a phone number (digits, spaces, brackets or dashes)'],
    ['front-door Salford Front Door; 0161 603 4500; Mon-Fri; 12', 'out-of-hours phone: must have 3 to 15 digits'],
    ['front-door X; 0161 603 4500; Mon-Fri', "name: give the service's name"],
  ])('refuses "contacts urgent-help Salford %s" clearly and changes nothing', async (args, expected) => {
    const [sent] = await coordinatorSays(`contacts urgent-help Salford ${args}`);
    expect(cardJson(sent)).toContain(expected);
    expect((await app.app.services.urgentHelp.linesFor(FIXTURE_TENANT, 'salford')).frontDoor).toBeUndefined();
  });

  it('lets only coordinators set a front door, for an area that exists', async () => {
    const [refused] = await leadSays('contacts urgent-help Salford front-door Salford Front Door; 0161 603 4500; Mon-Fri 9-5');
    expect(cardJson(refused)).toContain('Only coordinators can change urgent-help lines');
    const [unknown] = await coordinatorSays('contacts urgent-help Narnia front-door Narnia Front Door; 0161 603 4500; Mon-Fri 9-5');
    expect(cardJson(unknown)).toContain('There is no directory for an area called');
    const [help] = await coordinatorSays('help');
    expect(cardJson(help)).toContain('front-door');
  });

  it('shows coordinators where urgent help was shown in "audit recent": route and concepts, never the text', async () => {
    const [audit] = await coordinatorSays('audit recent 50');
    const card = cardJson(audit);
    expect(card).toMatch(/urgent-help\.shown contacts \([a-z-]+/);
    expect(card).toMatch(/urgent-help\.shown unknown \(/);
    expect(card).toMatch(/urgent-help\.shown too-long \(/);
    expect(card).toContain(LEAD_AAD);
    for (const typed of ['plan to end it', 'fresh cuts', 'kill himself', 'who do we call']) expect(card).not.toContain(typed);
  });

  it('answers an empty question with how to ask', async () => {
    const [sent] = await leadSays('contacts');
    expect(cardJson(sent)).toContain('What do you need?');
  });

  it('with no results shows the single point of access and tells the coordinator when asked', async () => {
    // The coordinator has the bot in personal chat, so the bot can reach them.
    expect((await app.post('/api/messages', loadActivity('members-added-personal', { serviceUrl: connector.serviceUrl }))).status).toBe(200);
    const [sent] = await leadSays('contacts zzqx');
    const card = cardJson(sent);
    expect(card).toContain('No contacts found: Salford');
    expect(card).toContain('Salford CYPMHS Single Point of Access');
    expect(card).toContain('"verb":"contacts.reportMissing"');

    const before = connector.activities().length;
    const invoke = asUser(loadActivity('adaptive-card-action', { serviceUrl: connector.serviceUrl }), LEAD_AAD, 'Sam Lead');
    const response = await app.post('/api/messages', invoke);
    expect(response.status).toBe(200);
    const body = response.json as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('I told your coordinator');
    expect(JSON.stringify(body.value)).not.toContain('contacts.reportMissing');
    const notified = connector.activities().slice(before);
    expect(notified).toHaveLength(1);
    expect(cardJson(notified[0])).toContain('Sam Lead searched the Salford directory for \\"zzqx\\"');
    expect(String((notified[0]?.conversation as { id: string }).id)).toMatch(/^a:1E0kJ9M1/);
  });

  it('says clearly when no coordinator can be reached', async () => {
    const personal = await app.app.services.installations.listActive('72f988bf-86f1-41af-91ab-2d7cd011db47', 'personal');
    for (const chat of personal) await app.app.services.installations.markStale(chat.tenantId, chat.conversationId, 'removed', NOW);
    const before = connector.activities().length;
    const invoke = asUser(loadActivity('adaptive-card-action', { serviceUrl: connector.serviceUrl }), LEAD_AAD, 'Sam Lead');
    const response = await app.post('/api/messages', invoke);
    expect(JSON.stringify((response.json as { value: unknown }).value)).toContain('I could not tell a coordinator');
    expect(JSON.stringify((response.json as { value: unknown }).value)).toContain('Please tell your coordinator directly');
    expect(connector.activities().length).toBe(before);
  });

  it('refuses a tampered missing-contact action with 400 and sends nothing', async () => {
    const before = connector.activities().length;
    const invoke = loadActivity('adaptive-card-action', { serviceUrl: connector.serviceUrl });
    const value = invoke.value as { action: Json };
    const response = await app.post('/api/messages', { ...invoke, value: { ...value, action: { ...value.action, data: { areaId: '../../x', query: 1 } } } });
    expect((response.json as { statusCode: number }).statusCode).toBe(400);
    expect(connector.activities().length).toBe(before);
  });

  describe('the message extension', () => {
    async function search(parameters: { name: string; value: string }[], as = LEAD_AAD) {
      const activity = asUser(loadActivity('compose-extension-query', { serviceUrl: connector.serviceUrl }), as, 'Sam Lead');
      const response = await app.post('/api/messages', { ...activity, value: { ...(activity.value as Json), parameters } });
      expect(response.status).toBe(200);
      return response.json as { composeExtension: { type: string; text?: string; attachmentLayout?: string; attachments?: { contentType: string; content: unknown; preview: { content: { title: string } } }[] } };
    }

    it('returns contact cards with previews for a search in the remembered area', async () => {
      const body = await search([{ name: 'searchQuery', value: 'eating disorder 14 year old' }]);
      expect(body.composeExtension.type).toBe('result');
      expect(body.composeExtension.attachmentLayout).toBe('list');
      const first = body.composeExtension.attachments![0]!;
      expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(first.preview.content.title).toBe('Greater Manchester Eating Disorders Service (Salford)');
      expect(JSON.stringify(first.content)).toContain('How to refer');
    });

    it('puts urgent help first when the search suggests risk', async () => {
      const body = await search([{ name: 'searchQuery', value: 'self harm' }]);
      expect(body.composeExtension.attachments![0]!.preview.content.title).toBe('Urgent help first');
      expect(body.composeExtension.attachments!.length).toBeGreaterThan(1);
    });

    it('checks the search for risk before searching: urgent help is the first item, the contacts follow; the control has none', async () => {
      const logsFrom = app.logs.lines().length;
      const body = await search([{ name: 'searchQuery', value: RISKY.messageExtension }]);
      const items = body.composeExtension.attachments!;
      expect(items[0]!.preview.content.title).toBe('Urgent help first');
      expect(JSON.stringify(items[0]!.content).indexOf('Call 999')).toBeLessThan(JSON.stringify(items[0]!.content).indexOf('NHS 111'));
      expect(items.length).toBeGreaterThan(1);
      expect(items.slice(1).map((i) => i.preview.content.title).join()).not.toContain('Urgent');
      const line = app.logs.lines().slice(logsFrom).find((l) => l.event === 'urgent-help.shown');
      expect(line).toMatchObject({ route: 'message-extension', concepts: expect.arrayContaining(['overdose']) });
      const control = await search([{ name: 'searchQuery', value: CONTROL.messageExtension }]);
      expect(JSON.stringify(control)).not.toContain('Urgent help');
    });

    it('answers the initial run and an area-less first search with a message', async () => {
      expect((await search([{ name: 'initialRun', value: 'true' }])).composeExtension).toMatchObject({ type: 'message', text: expect.stringContaining('Type what you need') });
      const stranger = await search([{ name: 'searchQuery', value: 'anxiety' }], '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a');
      expect(stranger.composeExtension).toMatchObject({ type: 'message', text: expect.stringContaining('Add the area') });
      const named = await search([{ name: 'searchQuery', value: 'anxiety in Oldham' }], '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a');
      expect(named.composeExtension.type).toBe('result');
    });
  });

  it('exports the directory as a CSV file that imports back with no changes', async () => {
    const sent = await coordinatorSays('contacts export Salford');
    expect(sent).toHaveLength(1);
    expect(cardJson(sent[0])).toContain('12 contacts as CSV');
    const card = (sent[0]!.attachments as { content: { actions: { type: string; url: string }[] } }[])[0]!.content;
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const download = await fetch(link);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="contacts-salford-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await download.text();
    expect(csv.startsWith('id,serviceName,kind,needs')).toBe(true);
    // Saved as a .csv file and sent back, as a coordinator would (pasting is for short lists: messages are capped at 4,000 characters).
    exported.body = csv;
    const [imported] = await coordinatorSendsFile('/exported.csv');
    expect(cardJson(imported)).toContain('Added: 0');
    expect(cardJson(imported)).toContain('Changed: 0');
    expect(cardJson(imported)).toContain('Removed: 0');
    expect(cardJson(imported)).toContain('Unchanged: 12');
  });

  it('keeps one version of the directory in storage after several imports', async () => {
    const pointer = await app.app.services.contacts.repository.pointer(FIXTURE_TENANT, 'salford');
    let rows = 0;
    for await (const entity of app.app.services.storage.table(CONTACTS_TABLE).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${directoryPartition(FIXTURE_TENANT, 'salford')}` } })) {
      if (entity.rowKey !== 'area') {
        expect(String(entity.rowKey).startsWith(`c_${pointer?.version}_`)).toBe(true);
        rows += 1;
      }
    }
    expect(rows).toBe(12);
  });
});
