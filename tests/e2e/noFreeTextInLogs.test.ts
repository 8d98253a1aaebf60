// Logs never hold what people typed: distinctive text goes through every registered command (so commands added
// later are covered automatically) and every card action, as a coordinator and as anyone, in personal chat and a
// channel, and must appear in no log line.
import { networkIdOf } from '../../bot/features/networks/commands/network';
import { AUDIT_TABLE } from '../../bot/platform/audit/auditLog';
import { FEATURES } from '../../bot/features';
import { routeTableFor } from '../../bot/routing/registerFeatures';
import type { Clock } from '../../bot/platform/clock';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity } from '../support/fixtures';
import { cardAction, channelCardAction, channelMessage, personalMessage, type Person } from '../support/teams';
import { shippedDetector } from '../support/risk';
import { startTestApp, type RunningApp } from '../support/testApp';

const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const teacher: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };
const MARKER = 'Quokkazebrine';
const SENTENCE = `${MARKER} told staff she was worried about home`;
const IDENTIFIER = '07700 900123';
/** A distinctive message the risk detector flags (checked below), for every route that shows urgent help. */
const RISKY_SENTENCE = `${MARKER} told staff she took 20 paracetamol last night`;

const goodCase = {
  area: 'telford',
  ageBand: '12-14',
  yearGroup: 'Year 9',
  needs: 'Anxiety',
  duration: '3-6 months',
  tried: `ELSA sessions; ${SENTENCE}.`,
  asking: `What next for ${MARKER}?`,
  urgency: 'Routine (next panel)',
};

describe('no free text in logs', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  const clock: Clock = { now: () => new Date('2026-11-23T10:00:00Z') };

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId, LOG_LEVEL: 'debug' }, { clock });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    await app.post('/api/messages', channelMessage(connector.serviceUrl, coordinator, 'panel create telford 2026-12-03'));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', goodCase));
    // The channel is a network, so share/ask/find/network tags and the post card actions do real work.
    await app.post('/api/messages', channelMessage(connector.serviceUrl, coordinator, 'network create telford Telford SMHL network'));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  function expectNoFreeText(raw: string): void {
    expect(raw.toLowerCase()).not.toContain(MARKER.toLowerCase());
    expect(raw).not.toContain('worried about home');
    expect(raw).not.toContain(IDENTIFIER);
  }

  // One test per command, in name order (later commands may act on what earlier ones created), each with its own
  // time budget and naming the command whose log line leaked.
  const argVariants = [SENTENCE, `P-2026-001 ${SENTENCE}`, `telford ${SENTENCE} 2026-12-01`, `P-2026-001 ${SENTENCE} ${IDENTIFIER}`, `${coordinator.aadObjectId} ${SENTENCE}`];
  it.each(routeTableFor(FEATURES).allCommands().map((command) => command.name))('keeps typed text out of the logs for "%s"', async (name) => {
    const from = app.logs.raw().length;
    for (const args of argVariants) {
      for (const person of [coordinator, teacher]) {
        await app.post('/api/messages', personalMessage(connector.serviceUrl, person, `${name} ${args}`));
        await app.post('/api/messages', channelMessage(connector.serviceUrl, person, `${name} ${args}`));
      }
    }
    expectNoFreeText(app.logs.raw().slice(from));
  });

  it('keeps typed text out of the logs for unknown text and every card action, and the run did log', async () => {
    await app.post('/api/messages', personalMessage(connector.serviceUrl, teacher, SENTENCE));
    // Card actions: accepted, refused by the identifier guard, malformed, and the erasure confirmation.
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', goodCase));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: `${SENTENCE} ${IDENTIFIER}` }));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, ageBand: SENTENCE }));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'privacy.delete', { subject: SENTENCE, confirm: true }));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'no.such.verb', { text: SENTENCE }));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'privacy.delete', { subject: teacher.aadObjectId, confirm: true }));

    // The run did log (refusals, submissions, advice), so an empty log cannot pass these tests by accident.
    expect(app.logs.lines().some((l) => l.event === 'panel.case.submitted')).toBe(true);
    expect(app.logs.lines().some((l) => l.event === 'panel.advised')).toBe(true);
    expect(app.logs.lines().some((l) => l.event === 'turn.error')).toBe(true);
    expectNoFreeText(app.logs.raw());
  });

  it('keeps typed text out of the logs for network posts: every post card action, find and the digest', async () => {
    const from = app.logs.raw().length;
    // Accepted, refused (bad link, unknown tag, oversized, stale form), Helpful, Answered, edit, remove, and the digest.
    const networkId = networkIdOf(FIXTURE_TENANT, '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2');
    const post = (person: Person, verb: string, data: Record<string, unknown>) => app.post('/api/messages', channelCardAction(connector.serviceUrl, person, verb, { networkId, ...data }));
    const form = { title: SENTENCE, text: `${SENTENCE} ${IDENTIFIER}`, link: `https://example.org/${MARKER}`, tags: 'anxiety' };
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: 'share', postId: '', ...form });
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: 'ask', postId: '', ...form });
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: 'share', postId: '', ...form, link: `ftp://${MARKER}` });
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: 'share', postId: '', ...form, tags: SENTENCE });
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: 'share', postId: '', ...form, text: SENTENCE.repeat(100) });
    await post(teacher, 'post.submit', { verb: 'post.submit', kind: SENTENCE, postId: '', ...form });
    const posts = await app.app.services.posts.listPosted(FIXTURE_TENANT, networkId);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const { postId, kind } of posts) {
      await post(coordinator, 'post.helpful', { postId });
      await post(coordinator, 'post.answered', { postId });
      await post(teacher, 'post.answered', { postId });
      await post(teacher, 'post.editForm', { postId });
      await post(teacher, 'post.edit', { verb: 'post.edit', kind, postId, ...form, title: `${SENTENCE} edited` });
      await post(teacher, 'post.edit', { verb: 'post.edit', kind, postId, ...form, tags: SENTENCE });
    }
    await app.post('/api/messages', cardAction(connector.serviceUrl, { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000dddd', name: 'Olly' }, 'post.helpful', { networkId, postId: posts[0]!.postId }));
    await app.post('/api/messages', channelMessage(connector.serviceUrl, teacher, `find ${MARKER}`));
    await app.post('/api/messages', personalMessage(connector.serviceUrl, teacher, `find ${MARKER}`));
    await app.app.dispatcher.runJob('networkDigest', {
      runId: `digest:${networkId}:test`,
      target: { targetId: 't', tenantId: FIXTURE_TENANT, conversationId: 'c', reference: (await app.app.services.networks.get(FIXTURE_TENANT, networkId))!.reference, channelId: '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2' },
      payload: { networkId, halfTerm: 'Autumn 1 2026/27', from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    });
    await post(teacher, 'post.remove', { postId: posts[0]!.postId });
    const logged = app.logs.lines().map((l) => l.event);
    for (const event of ['posts.posted', 'posts.helpful', 'posts.answered', 'posts.edited', 'posts.removed', 'posts.find', 'posts.digest-sent']) expect(logged).toContain(event);
    expectNoFreeText(app.logs.raw().slice(from));
  });

  it('keeps risky text out of the logs and the audit table on every route that shows urgent help, and records each route', async () => {
    expect(shippedDetector()(RISKY_SENTENCE).risk).toBe(true);
    const from = app.logs.raw().length;
    const channel = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
    const networkId = networkIdOf(FIXTURE_TENANT, channel);
    const say = (text: string) => app.post('/api/messages', personalMessage(connector.serviceUrl, teacher, text));
    const invoke = async (activity: Record<string, unknown>) => (await app.post('/api/messages', activity)).json as { statusCode: number; value: { actions?: { title: string; verb: string; data: Record<string, unknown> }[] } };
    // Contacts (with and without a directory), unknown text, a message too long to be a command, the message extension.
    await say(`contacts ${RISKY_SENTENCE}`);
    await say(RISKY_SENTENCE);
    await say(`${'a'.repeat(4100)} ${RISKY_SENTENCE}`);
    const query = loadActivity('compose-extension-query', { serviceUrl: connector.serviceUrl });
    await app.post('/api/messages', { ...query, value: { ...(query.value as object), parameters: [{ name: 'searchQuery', value: RISKY_SENTENCE }] } });
    // A post held, then each choice; an edit held.
    const post = (verb: string, data: Record<string, unknown>) => invoke(channelCardAction(connector.serviceUrl, teacher, verb, data));
    const held = await post('post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', title: MARKER, text: RISKY_SENTENCE, tags: 'anxiety' });
    expect(held.statusCode).toBe(200);
    const buttons = Object.fromEntries((held.value.actions ?? []).map((a) => [a.title, a]));
    const dropped = await post(buttons["Don't post"]!.verb, buttons["Don't post"]!.data);
    await post(dropped.value.actions![0]!.verb, dropped.value.actions![0]!.data);
    await post(buttons['Post anyway']!.verb, buttons['Post anyway']!.data);
    await post(buttons['Post anyway']!.verb, { ...buttons['Post anyway']!.data, tags: SENTENCE });
    await post('post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', title: MARKER, text: RISKY_SENTENCE, link: `ftp://${MARKER}` });
    const [posted] = (await app.app.services.posts.listPosted(FIXTURE_TENANT, networkId)).filter((p) => p.text === RISKY_SENTENCE);
    expect(posted).toBeDefined();
    const heldEdit = await post('post.edit', { verb: 'post.edit', kind: 'share', networkId, postId: posted!.postId, title: MARKER, text: `${RISKY_SENTENCE} again`, tags: 'anxiety' });
    const save = (heldEdit.value.actions ?? []).find((a) => a.title === 'Save anyway')!;
    await post(save.verb, save.data);
    // A panel case, accepted and refused for an identifier.
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: RISKY_SENTENCE }));
    await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'panel.submit', { ...goodCase, tried: `${RISKY_SENTENCE} ${IDENTIFIER}` }));
    // A survey's free-text answer: CASCADE's next action.
    await app.post('/api/messages', channelMessage(connector.serviceUrl, coordinator, 'cascade start'));
    const [run] = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, channel);
    expect(run).toBeDefined();
    const p3 = { run: run!.runId, target: channel, page: 'p3', integration_now: '3', integration_year: '4', evidence_now: '3', evidence_year: '4' };
    expect((await invoke(channelCardAction(connector.serviceUrl, teacher, 'survey.answer', { ...p3, next_action: RISKY_SENTENCE }))).statusCode).toBe(200);
    await invoke(channelCardAction(connector.serviceUrl, teacher, 'survey.answer', { ...p3, next_action: `${RISKY_SENTENCE} ${'x'.repeat(600)}` }));

    const shown = app.logs.lines().filter((l) => l.event === 'urgent-help.shown').map((l) => String(l.route));
    for (const route of ['contacts', 'unknown', 'too-long', 'message-extension', 'post-submit', 'post-edit', 'panel', 'survey-answer']) expect(shown).toContain(route);
    expectNoFreeText(app.logs.raw().slice(from));
    const audit: string[] = [];
    for await (const row of app.app.services.storage.table(AUDIT_TABLE).listEntities()) audit.push(JSON.stringify(row));
    expect(audit.filter((row) => row.includes('urgent-help.shown')).length).toBeGreaterThanOrEqual(8);
    expectNoFreeText(audit.join('\n'));
    expect(audit.join('\n')).not.toContain('paracetamol');
  });
});
