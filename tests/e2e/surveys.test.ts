// Surveys end to end: commands and real `adaptiveCard/action` invokes through the running server, Azurite storage,
// and a local Bot Connector stand-in that answers member lists and records every post.
import { VERB as ANSWER } from '../../bot/features/surveys/cardActions/surveyAnswer';
import { VERB as SHOW } from '../../bot/features/surveys/cardActions/surveyShow';
import type { Clock } from '../../bot/platform/clock';
import { RESPONSES_TABLE } from '../../bot/features/surveys/responseRepository';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { repliesTo } from '../support/teams';
import { CONTROL, RISKY } from '../support/riskTexts';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const COHORT = 'Salford Link Programme';

interface Person {
  readonly aad: string;
  readonly id: string;
  readonly name: string;
}
const person = (n: number, name: string): Person => ({ aad: `0000000${n}-aaaa-4bbb-8ccc-00000000000${n}`, id: `29:member-${n}`, name });
const megan: Person = { aad: FIXTURE_USER_AAD, id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw', name: 'Megan Bowen' };
const alex = person(1, 'Alex Wilber');
const grady = person(2, 'Grady Archie');
const lidia = person(3, 'Lidia Holloway');
const outsider = person(9, 'Not In Cohort');

interface InvokeBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown> & { code?: string; message?: string };
}

describe('CASCADE and pulse surveys in Teams', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    connector = await startConnectorStub();
    // The Bot Connector's paged member list, in two pages, as GET /v3/conversations/{id}/pagedmembers answers it.
    connector.respondWith((call) => {
      if (call.method !== 'GET' || !call.path.includes('/pagedmembers')) return undefined;
      const member = (p: Person) => ({ id: p.id, name: p.name, aadObjectId: p.aad, email: `${p.name.split(' ')[0]}@example.org`, userPrincipalName: `${p.name.split(' ')[0]}@example.org`, tenantId: FIXTURE_TENANT, userRole: 'user' });
      if (!call.path.includes('continuationToken')) return { status: 200, body: { continuationToken: 'page-2', members: [member(megan), member(alex)] } };
      return { status: 200, body: { members: [member(grady), member(lidia)] } };
    });
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD }, { clock });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  /** Sends a command in Megan's personal chat and returns the bot's reply activity. */
  async function say(text: string, fixture = 'personal-message', overrides: Json = {}): Promise<Json> {
    return (await repliesTo(app, connector, loadActivity(fixture, { serviceUrl: connector.serviceUrl, text, ...overrides })))[0]!;
  }

  async function invoke(verb: string, data: Json, who: Person = megan, fixture = 'card-action-channel'): Promise<InvokeBody> {
    const activity = loadActivity(fixture, { serviceUrl: connector.serviceUrl, from: { id: who.id, name: who.name, aadObjectId: who.aad } });
    activity.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
    const response = await app.post('/api/messages', activity);
    const body = response.json as InvokeBody;
    // The invoke response travels in the HTTP response; botbuilder mirrors its status code onto HTTP.
    expect(response.status).toBe(body.statusCode);
    return body;
  }

  const text = (value: unknown): string => JSON.stringify(value);

  async function latestRun(kind: 'cascade' | 'pulse', phase?: 'baseline' | 'follow-up') {
    const runs = (await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, TEAM)).filter((r) => r.kind === kind && (!phase || r.phase === phase));
    return runs.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())[0]!;
  }

  const pulseAnswers = (value: number): Json => ({
    contact_frequency: String(value),
    communication: String(value),
    relationships: String(value),
    referral_routes: String(value),
    knowledge: String(value),
    referral_handling: String(Math.min(value, 4)),
    referral_timeliness: String(value),
    referral_appropriateness: String(value),
  });

  it('posts the pulse card to the cohort channel with Action.Execute, refreshing for each member', async () => {
    const reply = await say(`pulse start ${COHORT} baseline closes 2026-12-18`);
    expect(text(reply.attachments)).toContain('pulse baseline survey started');
    expect(text(reply.attachments)).toContain('Friday 18 December 2026, 23:59');

    const post = connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations')!;
    expect(post.body).toMatchObject({ isGroup: true, channelData: { channel: { id: TEAM } } });
    const card = ((post.body.activity as Json).attachments as { content: Json }[])[0]!.content;
    expect(card.version).toBe('1.5');
    expect(card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: SHOW }, userIds: [megan.id, alex.id, grady.id, lidia.id] });
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: ANSWER, data: expect.objectContaining({ page: 'p1' }) })]);
    expect(text(card)).toContain('How satisfied are you with how referrals are handled?');
    // Both member pages were read.
    expect(connector.calls.filter((c) => c.path.includes('/pagedmembers'))).toHaveLength(2);

    const run = await latestRun('pulse');
    expect(run).toMatchObject({ phase: 'baseline', confidential: false, label: COHORT, members: [megan.aad, alex.aad, grady.aad, lidia.aad] });
  });

  it('saves an answer, refreshes the card for that user only, and a double submit replaces instead of duplicating', async () => {
    const run = await latestRun('pulse');
    const data = { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(3) };
    const first = await invoke(ANSWER, data, alex);
    expect(first.statusCode).toBe(200);
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(first.value.refresh).toMatchObject({ userIds: [alex.id], action: { verb: SHOW } });
    expect(text(first.value)).toContain('your answers are saved');
    expect(text(first.value)).toContain('Edit: Working together');

    const [again, changed] = [await invoke(ANSWER, data, alex), await invoke(ANSWER, { ...data, knowledge: '5' }, alex)];
    expect(again.statusCode).toBe(200);
    expect(changed.statusCode).toBe(200);
    const rows = await app.app.services.responses.listRun(run.runId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pages.p1).toMatchObject({ knowledge: 5, communication: 3 });
    // In the table itself: Alex's one row.
    const raw = app.app.services.storage.table(RESPONSES_TABLE).listEntities({ queryOptions: { filter: `PartitionKey eq '${run.runId}'` } });
    const keys: string[] = [];
    for await (const entity of raw) keys.push(String(entity.rowKey));
    expect(keys).toEqual([alex.aad]);
  });

  it('shows the saved answers pre-filled when the person chooses Edit', async () => {
    const run = await latestRun('pulse');
    const edit = await invoke(SHOW, { run: run.runId, target: TEAM, page: 'p1' }, alex);
    expect(edit.statusCode).toBe(200);
    const inputs = JSON.parse(text(edit.value)) as { body: { items?: { id?: string; value?: string }[] }[] };
    const values = Object.fromEntries(inputs.body.flatMap((b) => b.items ?? []).filter((i) => i.id).map((i) => [i.id, i.value]));
    expect(values).toMatchObject({ knowledge: '5', communication: '3' });
  });

  it('refuses missing and out-of-range ratings with the page again, the other answers kept and the problem by its question, writing nothing', async () => {
    const run = await latestRun('pulse');
    const before = await app.app.services.responses.get(run.runId, alex.aad);
    /** The page's inputs by question id, from a card answered with. */
    const inputs = (answer: InvokeBody) => Object.fromEntries(((answer.value.body ?? []) as Json[]).flatMap((b) => (b.items ?? []) as Json[]).filter((i) => typeof i.id === 'string').map((i) => [i.id as string, i]));
    const outOfRange = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2), referral_handling: '5' }, alex);
    expect([outOfRange.statusCode, outOfRange.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(text(outOfRange.value)).toContain('Nothing was saved yet');
    expect(inputs(outOfRange).referral_handling?.errorMessage).toContain('How satisfied are you with how referrals are handled?" must be a whole number from 1 to 4');
    expect(inputs(outOfRange).knowledge).toMatchObject({ value: '2' });
    const missing = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2), knowledge: '' }, alex);
    expect(missing.statusCode).toBe(200);
    expect(inputs(missing).knowledge).toMatchObject({ value: '', isRequired: true, errorMessage: expect.stringContaining('needs a rating') as unknown });
    const notANumber = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2), knowledge: '2.5' }, alex);
    expect(notANumber.statusCode).toBe(200);
    expect(inputs(notANumber).knowledge?.errorMessage).toContain('must be a whole number');
    // Not an answer any card sends: the card is out of date, refused as before.
    const notAnAnswer = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2), knowledge: { $gt: 1 } }, alex);
    expect(notAnAnswer.statusCode).toBe(400);
    expect(await app.app.services.responses.get(run.runId, alex.aad)).toEqual(before);
  });

  it('tells the channel what to fix when the Action.Submit fallback sends answers that need changing, posting nobody\'s answers', async () => {
    const run = await latestRun('pulse');
    const before = await app.app.services.responses.get(run.runId, alex.aad);
    const { name: _name, ...activity } = loadActivity('card-action-channel', { serviceUrl: connector.serviceUrl, from: { id: alex.id, name: alex.name, aadObjectId: alex.aad } });
    const message = { ...activity, type: 'message', value: { verb: ANSWER, run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2), knowledge: '' } };
    const sent = connector.activities().length;
    expect((await app.post('/api/messages', message)).status).toBe(200);
    const [reply] = (await connector.waitForActivities(sent + 1)).slice(sent);
    expect(reply?.text).toContain('Your answers were not saved');
    expect(reply?.text).toContain('needs a rating');
    expect(reply?.attachments ?? []).toEqual([]);
    expect(await app.app.services.responses.get(run.runId, alex.aad)).toEqual(before);
  });

  it('refuses forged verbs, forged run ids and people outside the run, writing nothing', async () => {
    const run = await latestRun('pulse');
    const forgedVerb = await invoke('survey.deleteAll', { run: run.runId, target: TEAM }, alex);
    expect(forgedVerb.statusCode).toBe(400);
    expect(forgedVerb.value.message).toContain('nothing was saved');

    const forgedRun = await invoke(ANSWER, { run: '11111111-2222-4333-8444-555555555555', target: TEAM, page: 'p1', ...pulseAnswers(4) }, grady);
    expect(forgedRun.statusCode).toBe(404);
    expect(forgedRun.value.message).toContain('could not find this survey');

    const forgedPage = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p9', ...pulseAnswers(4) }, grady);
    expect(forgedPage.statusCode).toBe(400);

    // Someone not in the cohort, answering from their personal chat with the card's data copied.
    const stranger = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(1) }, outsider, 'card-action-personal');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.value.message).toContain('sent to a different group');

    const rows = await app.app.services.responses.listRun(run.runId);
    expect(rows.map((r) => r.respondent)).toEqual([alex.aad]);
  });

  it('hides every figure based on fewer than 3 responses, then shows means and distributions from 3', async () => {
    const run = await latestRun('pulse');
    await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(4) }, grady);
    const two = await say(`pulse results ${COHORT}`);
    const twoText = text(two.attachments);
    expect(twoText).toContain('fewer than 3 responses');
    expect(twoText).not.toContain('Chart.VerticalBar.Grouped');
    expect(twoText).not.toMatch(/"3\.5"|"4\.0"|"3\.0"/);

    await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(2) }, lidia);
    const three = await say(`pulse results ${COHORT}`);
    const card = ((three.attachments as { content: Json }[])[0]!).content;
    const body = card.body as Json[];
    const chart = body.find((b) => b.type === 'Chart.VerticalBar.Grouped')!;
    // contact: 3, 4, 2 -> mean 3.0; knowledge: 5, 4, 2 -> 3.67
    expect(chart.data).toEqual([{ legend: 'Baseline', values: expect.arrayContaining([{ x: 'Contact', y: 3 }, { x: 'Knowledge', y: 3.67 }]) }]);
    expect(chart.fallback).toMatchObject({ type: 'FactSet' });
    expect(text(card)).toContain('2:1 3:1 4:1 5:0');
    expect(text(card)).toContain('3 people answered');
  });

  it('tells someone the survey closed and writes nothing after it closes', async () => {
    const run = await latestRun('pulse');
    const closed = await say(`pulse close ${COHORT}`);
    expect(text(closed.attachments)).toContain('Survey closed');
    expect(text(closed.attachments)).toContain('stops taking answers at 10:01');
    // Answers sent within the minute still count...
    now = new Date('2026-11-23T10:00:30Z');
    const inTime = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(3) }, alex);
    expect(inTime.statusCode).toBe(200);
    // ...and after it, nothing is written.
    now = new Date('2026-11-23T10:01:00Z');
    const before = await app.app.services.responses.get(run.runId, alex.aad);
    const late = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...pulseAnswers(1) }, alex);
    expect(late.statusCode).toBe(400);
    expect(late.value.message).toContain('This survey closed on Monday 23 November 2026, 10:01');
    expect(late.value.message).toContain('your answers were not saved');
    expect(await app.app.services.responses.get(run.runId, alex.aad)).toEqual(before);
    // The refresh shows the closed view, without Edit buttons.
    const view = await invoke(SHOW, { run: run.runId, target: TEAM }, alex);
    expect(view.statusCode).toBe(200);
    expect(text(view.value)).toContain('This survey closed');
    expect(view.value.actions ?? []).toEqual([]);
  });

  it('compares baseline with follow-up per item, with both n\'s', async () => {
    now = new Date('2027-09-20T09:00:00Z');
    await say(`pulse start ${COHORT} follow-up`);
    const followUp = await latestRun('pulse', 'follow-up');
    for (const [who, value] of [[alex, 4], [grady, 5], [lidia, 4], [megan, 5]] as const) {
      const answered = await invoke(ANSWER, { run: followUp.runId, target: TEAM, page: 'p1', ...pulseAnswers(value) }, who);
      expect(answered.statusCode).toBe(200);
    }
    const results = await say(`pulse results ${COHORT}`);
    const card = ((results.attachments as { content: Json }[])[0]!).content;
    const chart = (card.body as Json[]).find((b) => b.type === 'Chart.VerticalBar.Grouped')!;
    expect((chart.data as { legend: string }[]).map((s) => s.legend)).toEqual(['Baseline', 'Follow-up']);
    // Contact: baseline 3, 4, 2 (mean 3.0, n=3); follow-up 4, 5, 4, 5 (mean 4.5, n=4).
    expect(text(card)).toContain('3.0 (n=3) → 4.5 (n=4): +1.5');
  });

  it('exports the run as CSV with pseudonymous rows, delivered in personal chat behind a download link', async () => {
    const reply = await say(`pulse export ${COHORT} follow-up`);
    const card = ((reply.attachments as { content: Json }[])[0]!).content;
    const url = (card.actions as { url: string }[])[0]!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const csv = await (await fetch(url)).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('run_id,survey,phase,respondent,updated,contact_frequency,communication,relationships,referral_routes,knowledge,referral_handling,referral_timeliness,referral_appropriateness');
    expect(lines).toHaveLength(5);
    for (const p of [megan, alex, grady, lidia]) expect(csv).not.toContain(p.aad);
    expect(lines.slice(1).every((l) => /^[0-9a-f-]{36},pulse,follow-up,r-[0-9a-f]{12},2027-09-20T09:00:00.000Z,[45],[45],[45],[45],[45],4,[45],[45]$/.test(l))).toBe(true);
  });

  it('sends the export to personal chat when asked in a channel, never into the channel', async () => {
    // Megan's personal chat is on record, so the bot uses it.
    await app.post('/api/messages', loadActivity('members-added-personal', { serviceUrl: connector.serviceUrl }));
    const sent = await repliesTo(app, connector, loadActivity('channel-mention', { serviceUrl: connector.serviceUrl, text: `<at>Link Programme</at> pulse export ${COHORT}` }), 2);
    const toPersonal = sent.find((a) => String((a.conversation as { id: string }).id).startsWith('a:'))!;
    expect(text(toPersonal.attachments)).toContain('Download pulse-follow-up-2027-09-20.csv');
    const inChannel = sent.find((a) => String((a.conversation as { id: string }).id).startsWith('19:'))!;
    expect(inChannel.text).toContain('sent the CSV export to you in our personal chat');
    expect(text(inChannel)).not.toContain('/downloads/');
  });

  it('runs CASCADE over several cards, then shows now vs in a year as grouped bars with gaps and anonymous next actions', async () => {
    now = new Date('2026-11-24T10:00:00Z');
    await say(`cascade start ${COHORT}`);
    const run = await latestRun('cascade');
    const ratings = (page: string, now: number, year: number): Json => {
      const dims: Record<string, string[]> = { p1: ['clarity', 'contact', 'structures'], p2: ['outcomes', 'learning'], p3: ['integration', 'evidence'] };
      return Object.fromEntries(dims[page]!.flatMap((d) => [[`${d}_now`, String(now)], [`${d}_year`, String(year)]]));
    };
    const actions = ['Name a School Link Practitioner for every school', 'Agree one referral form', 'Half-termly network meeting'];
    for (const [i, who] of [alex, grady, lidia].entries()) {
      const p1 = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', ...ratings('p1', 2, 4) }, who);
      expect(p1.statusCode).toBe(200);
      expect(text(p1.value)).toContain('Page 2 of 3');
      expect(p1.value.refresh).toMatchObject({ userIds: [who.id] });
      const p2 = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p2', ...ratings('p2', 1 + i, 5) }, who);
      expect(text(p2.value)).toContain('Page 3 of 3');
      const p3 = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p3', ...ratings('p3', 3, 4), next_action: actions[i] }, who);
      expect(text(p3.value)).toContain('your answers are saved');
    }
    // The refresh gives a returning person their summary, not a blank form.
    const back = await invoke(SHOW, { run: run.runId, target: TEAM }, grady);
    expect(text(back.value)).toContain('Your saved answers');
    const saved = (back.value.body as Json[]).find((b) => b.type === 'FactSet')!.facts as { title: string; value: string }[];
    expect(saved).toHaveLength(15); // 7 dimensions now and in a year, and the next action
    expect(saved[0]).toEqual({ title: 'C (clarity) now', value: expect.any(String) });
    expect(saved.at(-1)?.value).toBe(actions[1]);
    expect(await app.app.services.responses.listRun(run.runId)).toHaveLength(3);

    const results = await say(`cascade results ${COHORT}`);
    const card = ((results.attachments as { content: Json }[])[0]!).content;
    const chart = (card.body as Json[]).find((b) => b.type === 'Chart.VerticalBar.Grouped')!;
    expect(chart.data).toEqual([
      { legend: 'Now', values: [{ x: '1. C', y: 2 }, { x: '2. A', y: 2 }, { x: '3. S', y: 2 }, { x: '4. C', y: 2 }, { x: '5. A', y: 2 }, { x: '6. D', y: 3 }, { x: '7. E', y: 3 }] },
      { legend: 'In a year', values: [{ x: '1. C', y: 4 }, { x: '2. A', y: 4 }, { x: '3. S', y: 4 }, { x: '4. C', y: 5 }, { x: '5. A', y: 5 }, { x: '6. D', y: 4 }, { x: '7. E', y: 4 }] },
    ]);
    expect(chart.fallback).toMatchObject({ type: 'FactSet' });
    expect(text(card)).toContain('+2.0');
    expect(text(card)).toContain('+3.0');
    for (const action of actions) expect(text(card)).toContain(action);
    for (const p of [alex, grady, lidia]) expect(text(card)).not.toContain(p.name);
    // No squeezed four-column table: each dimension under its own number, letter and full name (the letters C and A
    // each name two), its figures as short facts that wrap at Teams' card width.
    const body = card.body as Json[];
    expect(body.find((b) => b.type === 'Table')).toBeUndefined();
    const blocks = body.filter((b) => b.type === 'Container');
    expect(blocks.map((b) => ((b.items as Json[])[0]!.text as string).split(' · ')[0])).toEqual(['1. C', '2. A', '3. S', '4. C', '5. A', '6. D', '7. E']);
    expect((blocks[0]!.items as Json[])[0]!.text).toBe('1. C · Clarity on roles, remit and responsibilities of all partners involved in supporting children and young people\'s mental health');
    expect((blocks[3]!.items as Json[])[0]!.text).toBe('4. C · Common approach to outcome measures for young people');
    expect((blocks[3]!.items as Json[])[1]!.facts).toEqual([
      { title: 'Now', value: '2.0 (n=3) · 1:1 2:1 3:1 4:0 5:0' },
      { title: 'In a year', value: '5.0 (n=3) · 1:0 2:0 3:0 4:0 5:3' },
      { title: 'Gap', value: '+3.0 (in a year − now)' },
    ]);
  });

  it('saves a CASCADE next action that suggests risk as usual, and leads that person\'s card with urgent help, sending nothing to the channel', async () => {
    const run = await latestRun('cascade');
    const p3 = { run: run.runId, target: TEAM, page: 'p3', integration_now: '3', integration_year: '4', evidence_now: '3', evidence_year: '4' };
    const mark = connector.calls.length;
    const answered = await invoke(ANSWER, { ...p3, next_action: RISKY.survey }, megan);
    expect(answered.statusCode).toBe(200);
    const card = text(answered.value);
    const order = ['Urgent help comes first', 'Call 999', 'tell your Designated Safeguarding Lead (DSL) now', 'NHS 111', 'Saved page 3 of 3'];
    const at = order.map((t) => card.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Still Megan's own view of the survey card, refreshing for her alone; nothing was sent to the channel or anyone.
    expect(answered.value.refresh).toMatchObject({ userIds: [megan.id], action: { verb: SHOW } });
    expect(connector.calls.slice(mark)).toEqual([]);
    expect((await app.app.services.responses.get(run.runId, megan.aad))?.pages.p3).toMatchObject({ next_action: RISKY.survey, integration_now: 3 });
    const shown = (await app.app.services.audit.recent(FIXTURE_TENANT, 20)).filter((e) => e.action === 'urgent-help.shown');
    expect(shown).toContainEqual(expect.objectContaining({ target: 'survey-answer', actor: megan.aad.toLowerCase() }));
    expect(JSON.stringify(shown)).not.toContain('kill herself');

    // Too long and risky: nothing saved, urgent help first all the same, then the page again to fix it.
    const tooLong = await invoke(ANSWER, { ...p3, next_action: `${RISKY.survey} ${'and more '.repeat(60)}` }, megan);
    expect(tooLong.statusCode).toBe(200);
    expect(text(tooLong.value).indexOf('Urgent help comes first')).toBeLessThan(text(tooLong.value).indexOf('Nothing was saved yet'));
    expect(text(tooLong.value)).toContain('the limit is 500');
    expect((await app.app.services.responses.get(run.runId, megan.aad))?.pages.p3).toMatchObject({ next_action: RISKY.survey });

    // The control: an ordinary next action, no urgent help.
    const ordinary = await invoke(ANSWER, { ...p3, next_action: CONTROL.survey }, megan);
    expect(text(ordinary.value)).not.toContain('Urgent help');
    expect((await app.app.services.responses.get(run.runId, megan.aad))?.pages.p3).toMatchObject({ next_action: CONTROL.survey });
  });

  it('sends a confidential run 1:1 to each member instead of posting in the channel', async () => {
    const before = connector.calls.length;
    // Four 1:1 survey cards, then the reply to the coordinator.
    const sent = await repliesTo(app, connector, loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: `cascade start ${COHORT} follow-up confidential` }), 5);
    expect(text(sent.at(-1)!.attachments)).toContain('sent privately to 4 of 4 members');
    expect(sent.slice(0, 4).every((a) => text(a.attachments).includes('"verb":"survey.answer"'))).toBe(true);
    expect(connector.calls.slice(before).some((c) => c.method === 'POST' && c.path === '/v3/conversations' && c.body.isGroup === true)).toBe(false);
    const creates = connector.calls.slice(before).filter((c) => c.path === '/v3/conversations');
    expect(creates.map((c) => (c.body.members as { id: string }[])[0]!.id).sort()).toEqual([megan.aad, alex.aad, grady.aad, lidia.aad].sort());
    expect(creates.every((c) => c.body.isGroup === false)).toBe(true);

    // In a confidential run, clicking a copy of the card in the channel does not make an outsider a member.
    const run = await latestRun('cascade', 'follow-up');
    const stranger = await invoke(ANSWER, { run: run.runId, target: TEAM, page: 'p1', clarity_now: '1', clarity_year: '2', contact_now: '1', contact_year: '2', structures_now: '1', structures_year: '2' }, outsider);
    expect(stranger.statusCode).toBe(403);
  });

  it('starts a survey in the channel it was asked in when no cohort is named', async () => {
    const channel = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
    const before = connector.calls.length;
    const reply = await say('<at>Link Programme</at> pulse start', 'channel-mention');
    expect(text(reply.attachments)).toContain('pulse baseline survey started');
    const post = connector.calls.slice(before).find((c) => c.method === 'POST' && c.path === '/v3/conversations')!;
    expect(post.body).toMatchObject({ isGroup: true, channelData: { channel: { id: channel } } });
    const runs = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, channel);
    expect(runs).toEqual([expect.objectContaining({ kind: 'pulse', conversationId: channel, label: COHORT })]);
    // Anyone who can see the card in that channel may answer it.
    const answered = await invoke(ANSWER, { run: runs[0]!.runId, target: channel, page: 'p1', ...pulseAnswers(3) }, outsider, 'card-action-thread');
    expect(answered.statusCode).toBe(200);
  });

  it("labels a survey started in a network's channel with the network's name, not the team's", async () => {
    const channel = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
    expect(text((await say('<at>Link Programme</at> network create salford Salford SMHL network', 'channel-mention')).attachments)).toContain('Network created');
    const reply = await say('<at>Link Programme</at> cascade start', 'channel-mention');
    expect(text(reply.attachments)).toContain('The survey was posted to Salford SMHL network.');
    // No name reaches a network's survey from elsewhere: the card says to type the command there.
    expect(text(reply.attachments)).toContain('See results: cascade results (typed here, in Salford SMHL network)');
    const runs = (await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, channel)).filter((r) => r.kind === 'cascade');
    expect(runs).toEqual([expect.objectContaining({ label: 'Salford SMHL network' })]);
    const post = connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').at(-1)!;
    expect(text(post.body)).toContain('Salford SMHL network');
    expect(text(post.body)).not.toContain(COHORT);
  });

  it('shows results to a facilitator, who still cannot start surveys', async () => {
    const facilitator = person(7, 'Diego Siciliani');
    await app.app.services.roles.setRoles(FIXTURE_TENANT, { aadObjectId: facilitator.aad, roles: ['facilitator'], grantedBy: megan.aad, updated: now });
    const asFacilitator = { from: { id: facilitator.id, name: facilitator.name, aadObjectId: facilitator.aad } };
    const results = await say(`cascade results ${COHORT}`, 'personal-message', asFacilitator);
    expect(text(results.attachments)).toContain('CASCADE results: Salford Link Programme');
    const start = await say(`cascade start ${COHORT}`, 'personal-message', asFacilitator);
    expect(text(start.attachments)).toContain('Only coordinators can start surveys');
  });

  it('refuses survey commands from people who are not coordinators or facilitators', async () => {
    const reply = await say(`pulse results ${COHORT}`, 'personal-message', { from: { id: outsider.id, name: outsider.name, aadObjectId: outsider.aad } });
    expect(text(reply.attachments)).toContain("Only coordinators and the cohort's facilitator can see survey results");
    const start = await say(`pulse start ${COHORT}`, 'personal-message', { from: { id: outsider.id, name: outsider.name, aadObjectId: outsider.aad } });
    expect(text(start.attachments)).toContain('Only coordinators can start surveys');
  });

  it('compares a CASCADE follow-up with the baseline under each dimension\'s own name, never "C now" twice', async () => {
    // The confidential follow-up above closes first, so this one is the latest follow-up.
    expect(text((await say(`cascade close ${COHORT} follow-up`)).attachments)).toContain('Survey closed');
    now = new Date('2026-11-25T10:00:00Z');
    expect(text((await say(`cascade start ${COHORT} follow-up`)).attachments)).toContain('CASCADE follow-up survey started');
    const run = await latestRun('cascade', 'follow-up');
    const dims: Record<string, string[]> = { p1: ['clarity', 'contact', 'structures'], p2: ['outcomes', 'learning'], p3: ['integration', 'evidence'] };
    for (const who of [alex, grady, lidia]) {
      for (const page of ['p1', 'p2', 'p3']) {
        const answers = Object.fromEntries(dims[page]!.flatMap((d) => [[`${d}_now`, '3'], [`${d}_year`, '5']]));
        expect((await invoke(ANSWER, { run: run.runId, target: TEAM, page, ...answers }, who)).statusCode).toBe(200);
      }
    }
    const card = (((await say(`cascade results ${COHORT}`)).attachments as { content: Json }[])[0]!).content;
    expect(text(card)).not.toContain('C now');
    expect(text(card)).not.toContain('Baseline compared with follow-up');
    const outcomes = (card.body as Json[]).filter((b) => b.type === 'Container')[3]!.items as Json[];
    expect(outcomes[0]!.text).toBe('4. C · Common approach to outcome measures for young people');
    expect(outcomes[1]!.facts).toEqual(
      expect.arrayContaining([
        { title: 'Now, baseline → follow-up', value: '2.0 (n=3) → 3.0 (n=3): +1.0' },
        { title: 'In a year, baseline → follow-up', value: '5.0 (n=3) → 5.0 (n=3): ±0.0' },
      ]),
    );
  });
});
