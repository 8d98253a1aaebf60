// The anonymous case panel end to end: the real server, Azurite and a local Bot Connector stand-in.
import { PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE } from '../../bot/features/panel/panelRepository';
import type { Clock } from '../../bot/platform/clock';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { cardAction, channelMessage, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { CONTROL, RISKY } from '../support/riskTexts';
import { startTestApp, type RunningApp } from '../support/testApp';

const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const teacher: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };
const PANEL_CHANNEL = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';

const goodCase = {
  verb: 'panel.submit',
  area: 'telford',
  ageBand: '12-14',
  yearGroup: 'Year 9',
  needs: 'Anxiety,Attendance / school avoidance',
  duration: '3-6 months',
  tried: 'Weekly ELSA sessions since October, a reduced timetable for 4 weeks, and a meeting with the family in room 12 at 10:30.',
  asking: 'How can we support a return to full-time attendance? Is a referral to CAMHS appropriate at this point?',
  urgency: 'Routine (next panel)',
};

const cardJson = (activity: Json): string => JSON.stringify(activity.attachments ?? []);

describe('the wellbeing panel', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const say = async (activity: Json): Promise<Json> => (await repliesTo(app, connector, activity))[0] as Json;

  async function invoke(activity: Json): Promise<InvokeAnswer> {
    const response = await app.post('/api/messages', activity);
    const answer = response.json as InvokeAnswer;
    expect(response.status).toBe(answer.statusCode);
    return answer;
  }

  const tableRows = async (table: string) => {
    const rows = [];
    for await (const row of app.app.services.storage.table(table).listEntities()) rows.push(row);
    return rows;
  };
  const channelPosts = () => connector.calls.filter((c) => c.path === '/v3/conversations' && (c.body.channelData as Json | undefined)?.channel);

  it('lets only a coordinator register the panel, in its channel', async () => {
    const refused = await say(channelMessage(connector.serviceUrl, teacher, 'panel create telford 2026-12-03'));
    expect(cardJson(refused)).toContain('Only coordinators can set up a panel');

    const created = await say(channelMessage(connector.serviceUrl, coordinator, 'panel create telford 2026-12-03 2027-01-14'));
    expect(cardJson(created)).toContain('Panel for telford set up');
    const panel = await app.app.services.panels.getPanel(FIXTURE_TENANT, 'telford');
    expect(panel).toMatchObject({ channelId: PANEL_CHANNEL, meetings: ['2026-12-03', '2027-01-14'] });
  });

  it('gives school staff the structured form in personal chat, and refuses it in a channel', async () => {
    const form = await say(personalMessage(connector.serviceUrl, teacher, 'panel submit'));
    const json = cardJson(form);
    expect(json).toContain('"verb":"panel.submit"');
    expect(json).toContain('"maxLength":600');
    expect(json).toContain('not an emergency service');
    const inChannel = await say(channelMessage(connector.serviceUrl, teacher, 'panel submit'));
    expect(cardJson(inChannel)).toContain('personal chat');
  });

  it.each([
    ['tried', 'NHS number 943 476 5919 is on the GP letter.', 'an NHS or CHI number', 'What has been tried'],
    ['asking', 'Mum (07700 900123) asked us to bring this.', 'a phone number', 'What you are asking the panel'],
    ['tried', 'Family live near TF1 2AB, seen by the GP.', 'a postcode', 'What has been tried'],
    ['asking', 'She was born 03/04/2012; is she too young for the group?', 'a full date (a possible date of birth)', 'What you are asking the panel'],
    ['tried', 'UPN A801200001001 transferred in Year 7.', 'a Unique Pupil Number', 'What has been tried'],
    ['asking', 'Email dad at j.smith@gmail.com for consent.', 'an email address', 'What you are asking the panel'],
  ])('refuses a case with an identifier in "%s", naming the field and kind on the form shown again without it, storing and posting nothing', async (field, text, kind, label) => {
    // The UPN row needs a real check letter; compute it rather than trust a literal.
    const { upnCheckLetter } = await import('../../bot/features/panel/domain/identifiers');
    const value = text.replace('A801200001001', `${upnCheckLetter('801200001001')}801200001001`);
    const postsBefore = channelPosts().length;
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, [field]: value }));
    // The form again (HTTP 200), as filled in, the problem on the field; the identifier itself is never shown back.
    expect([answer.statusCode, answer.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    const message = JSON.stringify(answer.value);
    expect(message).toContain(`Remove ${kind} from \\"${label}\\"`);
    expect(message).toContain('Nothing was saved');
    const inputs = Object.fromEntries(((answer.value.body ?? []) as Json[]).filter((e) => typeof e.id === 'string').map((e) => [e.id as string, e]));
    expect(inputs[field]).toMatchObject({ errorMessage: expect.stringContaining(`Remove ${kind} from`) as unknown, value: expect.stringContaining('[removed]') as unknown });
    const other = field === 'tried' ? 'asking' : 'tried';
    expect(inputs[other]).toMatchObject({ value: goodCase[other] });
    expect(inputs.needs).toMatchObject({ value: goodCase.needs });
    expect(inputs.urgency).toMatchObject({ value: goodCase.urgency });
    for (const digits of ['943', '07700', 'TF1', '03/04', '801200001001', 'gmail']) expect(message).not.toContain(digits);
    expect(await tableRows(PANEL_CASES_TABLE)).toHaveLength(0);
    expect(await tableRows(PANEL_COUNTERS_TABLE)).toHaveLength(0);
    expect(channelPosts()).toHaveLength(postsBefore);
  });

  it.each([
    ['tried', 42],
    ['needs', [1, 2]],
    ['urgency', { text: 'soon' }],
  ])('refuses a form whose "%s" is not what the form sends as out of date, storing and posting nothing', async (field, value) => {
    const postsBefore = channelPosts().length;
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, [field]: value }));
    expect(answer.statusCode).toBeLessThan(500);
    expect(JSON.stringify(answer.value)).toContain('This form is out of date. Type \\"panel submit\\" for a new one. Nothing was saved.');
    expect(await tableRows(PANEL_CASES_TABLE)).toHaveLength(0);
    expect(channelPosts()).toHaveLength(postsBefore);
  });

  it('posts an accepted case to the panel channel under a case reference, without the submitter\'s name', async () => {
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', goodCase));
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(answer.value)).toContain('Case P-2026-001 sent to the telford panel');
    const post = channelPosts().at(-1)!;
    expect(post.body).toMatchObject({ isGroup: true, channelData: { channel: { id: PANEL_CHANNEL } } });
    const posted = JSON.stringify(post.body.activity);
    expect(posted).toContain('Panel case P-2026-001');
    expect(posted).toContain('Weekly ELSA sessions');
    expect(posted).not.toContain('Megan');
    expect(posted).not.toContain(teacher.aadObjectId);
    const stored = await app.app.services.panels.findByReference(FIXTURE_TENANT, 'P-2026-001');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'open', riskShown: false, submitter: { aadObjectId: teacher.aadObjectId } });
    expect(stored[0]?.thread?.conversation.id).toMatch(/^created-/);
  });

  /** Where each text first appears in the card, asserting every one is there. */
  const positions = (card: string, texts: string[]): number[] =>
    texts.map((text) => {
      const at = card.indexOf(text);
      expect([text, at >= 0]).toEqual([text, true]);
      return at;
    });

  it('leads the reply with the urgent-help lines, then the case reference, when a case suggests immediate risk', async () => {
    const before = connector.activities().length;
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: `Weekly ELSA sessions. ${RISKY.panel}` }));
    expect(answer.statusCode).toBe(200);
    const card = JSON.stringify(answer.value);
    // One reply, replacing the form: urgent help in SAFEGUARDING.md's order, the panel's note, and only then the case.
    const at = positions(card, ['Urgent help comes first', 'Call 999', 'tell your Designated Safeguarding Lead (DSL) now', 'NHS 111', 'Childline', 'not an emergency service: it meets on set dates', 'Case P-2026-002 sent to the telford panel']);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Nothing else was sent to the teacher's chat: the form's reply is the whole answer, so nothing lands out of order.
    expect(connector.activities().slice(before).filter((a) => JSON.stringify(a).includes('Urgent help'))).toEqual([]);
    const [stored] = await app.app.services.panels.findByReference(FIXTURE_TENANT, 'P-2026-002');
    expect(stored?.riskShown).toBe(true);
    // Recorded: route and concepts, the teacher's id, never the text.
    const audit = await app.app.services.audit.recent(FIXTURE_TENANT, 5);
    expect(audit.filter((e) => e.action === 'urgent-help.shown')).toEqual([
      { tenantId: FIXTURE_TENANT, action: 'urgent-help.shown', target: 'panel', actor: teacher.aadObjectId, concepts: expect.arrayContaining([expect.any(String)]), at: now },
    ]);
    expect(JSON.stringify(audit)).not.toContain('kill herself');
  });

  it('still leads with urgent help, then the refusal, when a case that suggests risk holds an identifier, and stores nothing', async () => {
    const casesBefore = (await tableRows(PANEL_CASES_TABLE)).length;
    const postsBefore = channelPosts().length;
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, asking: 'She says she wants to die; mum is on 07700 900123.' }));
    expect(answer.statusCode).toBe(200);
    const card = JSON.stringify(answer.value);
    const at = positions(card, ['Urgent help comes first', 'Call 999', 'The case was not sent', 'Remove a phone number from \\"What you are asking the panel\\"']);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(card).not.toContain('07700');
    expect(await tableRows(PANEL_CASES_TABLE)).toHaveLength(casesBefore);
    expect(channelPosts()).toHaveLength(postsBefore);
  });

  it('leads with urgent help when the submitter chooses "may be at immediate risk", even if the text does not say so', async () => {
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: CONTROL.panel, urgency: 'The child may be at immediate risk' }));
    const card = JSON.stringify(answer.value);
    const at = positions(card, ['Urgent help comes first', 'Case P-2026-003']);
    expect(at[0]).toBeLessThan(at[1]!);
    const shown = (await app.app.services.audit.recent(FIXTURE_TENANT, 10)).filter((e) => e.action === 'urgent-help.shown');
    expect(shown.map((e) => e.concepts)).toContainEqual(['chosen:immediate-risk']);
  });

  it('sends an ordinary case (the control) with no urgent help', async () => {
    const answer = await invoke(cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: CONTROL.panel }));
    expect(JSON.stringify(answer.value)).toContain('Case P-2026-004 sent');
    expect(JSON.stringify(answer.value)).not.toContain('Urgent help');
    expect((await app.app.services.panels.findByReference(FIXTURE_TENANT, 'P-2026-004'))[0]?.riskShown).toBe(false);
  });

  it('tells only coordinators who submitted a case, in personal chat, and audits each look-up', async () => {
    const refused = await say(personalMessage(connector.serviceUrl, teacher, 'panel who P-2026-001'));
    expect(cardJson(refused)).toContain('Only coordinators can see who submitted a panel case');
    const inChannel = await say(channelMessage(connector.serviceUrl, coordinator, 'panel who P-2026-001'));
    expect(cardJson(inChannel)).toContain('personal chat');
    expect(cardJson(inChannel)).not.toContain('Megan');

    const answer = await say(personalMessage(connector.serviceUrl, coordinator, 'panel who P-2026-001'));
    expect(cardJson(answer)).toContain('Megan Bowen');
    const audit = await app.app.services.audit.recent(FIXTURE_TENANT, 20);
    expect(audit.find((e) => e.action === 'panel.who')).toMatchObject({ actor: coordinator.aadObjectId, target: 'telford:P-2026-001' });

    const missing = await say(personalMessage(connector.serviceUrl, coordinator, 'panel who P-2026-999'));
    expect(cardJson(missing)).toContain('There is no panel case P-2026-999');
  });

  it('sends the panel\'s advice to the submitter\'s personal chat when a coordinator marks it, and only then', async () => {
    const refused = await say(personalMessage(connector.serviceUrl, teacher, 'panel advise P-2026-001 Try a phased return.'));
    expect(cardJson(refused)).toContain('Only coordinators can send the panel');
    expect((await app.app.services.panels.findByReference(FIXTURE_TENANT, 'P-2026-001'))[0]?.status).toBe('open');

    now = new Date('2026-12-03T16:00:00Z');
    const sent = await repliesTo(app, connector, personalMessage(connector.serviceUrl, coordinator, 'panel advise P-2026-001 The panel suggests a phased return\nand a referral to the school nurse.'), 3);
    const toTeacher = sent.find((a) => cardJson(a).includes('Advice from the wellbeing panel'))!;
    expect(cardJson(toTeacher)).toContain('phased return');
    // No stored 1:1 reference for the teacher here, so the bot opened its chat with them (their Entra ID object id).
    const opened = connector.calls.filter((c) => c.path === '/v3/conversations' && c.body.isGroup === false).at(-1)!;
    expect(opened.body).toMatchObject({ members: [{ id: teacher.aadObjectId }], tenantId: FIXTURE_TENANT });
    expect(connector.calls.some((c) => c.path.startsWith(`/v3/conversations/${String((toTeacher.conversation as Json).id)}/activities`))).toBe(true);
    const stored = (await app.app.services.panels.findByReference(FIXTURE_TENANT, 'P-2026-001'))[0];
    expect(stored).toMatchObject({ status: 'advised', advisedAt: now });
    const audit = await app.app.services.audit.recent(FIXTURE_TENANT, 20);
    expect(audit.find((e) => e.action === 'panel.advise')).toMatchObject({ target: 'telford:P-2026-001' });
    expect(JSON.stringify(audit)).not.toContain('phased');
  });

  it('counts cases per area from the stored cases', async () => {
    const answer = await say(personalMessage(connector.serviceUrl, coordinator, 'panel cases'));
    expect(cardJson(answer)).toContain('telford: 4 cases (3 open, 1 advised)');
  });
});
