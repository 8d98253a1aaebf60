// Fan-out through the real edge (botbuilder) to a local Bot Connector stand-in that answers 429/502/403/404 on chosen calls.
import { VERB as ANSWER } from '../../../bot/features/surveys/cardActions/surveyAnswer';
import type { ConversationReference } from '../../../bot/events';
import { NETWORK_PROMPT_JOB, type NetworkPromptPayload } from '../../../bot/features/networks/jobs/networkPrompt';
import { FANOUT_POISON_QUEUE, FANOUT_QUEUE, FanoutProducer, type FanoutTarget, type PlannedRun } from '../../../bot/platform/messaging/fanout';
import { ActiveSenders } from '../../../bot/platform/messaging/activeSenders';
import { FanoutWorker, type FanoutWorkerOptions } from '../../../bot/platform/messaging/fanoutWorker';
import { appWithConnector, type ReceivedCall } from '../../support/connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT } from '../../support/fixtures';
import { cardAction } from '../../support/teams';

const payload: NetworkPromptPayload = {
  networkId: 'n1',
  network: 'Kent SMHL network',
  promptId: 'focus',
  style: 'question',
  halfTerm: 'Autumn 2 2025/26',
  title: 'A new half-term',
  text: 'What will you focus on this half-term?',
};

describe('proactive fan-out', () => {
  const ctx = appWithConnector();
  let runCounter = 0;
  beforeEach(() => ctx.connector.respondWith(() => undefined));

  const services = () => ctx.app.app.services;

  async function targets(count: number): Promise<FanoutTarget[]> {
    runCounter += 1;
    const made: FanoutTarget[] = [];
    for (let i = 0; i < count; i += 1) {
      const conversationId = `19:run${runCounter}-chat${i}@thread.v2`;
      const reference: ConversationReference = {
        bot: { id: FIXTURE_BOT_ID, name: 'Link Programme' },
        conversation: { id: conversationId, conversationType: 'groupChat', tenantId: FIXTURE_TENANT, isGroup: true },
        channelId: 'msteams',
        serviceUrl: ctx.connector.serviceUrl,
      };
      await services().installations.saveActive({ tenantId: FIXTURE_TENANT, conversationId, scope: 'groupChat', reference, updated: new Date() });
      made.push({ targetId: conversationId, tenantId: FIXTURE_TENANT, conversationId, reference });
    }
    return made;
  }

  function run(list: FanoutTarget[]): PlannedRun {
    return { tenantId: FIXTURE_TENANT, runId: `network:n1:2025-26-autumn-2:focus:${runCounter}`, kind: NETWORK_PROMPT_JOB, label: 'Autumn 2: focus', ownerId: 'n1', dueAt: new Date(), targets: list, payload };
  }

  function worker(overrides: Partial<FanoutWorkerOptions> = {}): FanoutWorker {
    return new FanoutWorker({
      storage: services().storage,
      ledger: services().sends.ledger,
      throttle: services().sends.throttle,
      installations: services().installations,
      runJob: (kind, job) => ctx.app.app.dispatcher.runJob(kind, job),
      logger: services().logger,
      clock: services().clock,
      ratePerSecond: 100,
      concurrency: 8,
      visibilitySeconds: 30,
      pollMs: 20,
      random: () => 0,
      ...overrides,
    });
  }

  /** Waits for something the workers do in the background (a beat every 20 ms here); the test's timeout bounds it. */
  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const sendsTo = (conversationId: string, calls: ReceivedCall[] = ctx.connector.calls) =>
    calls.filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`));

  it('sends the prompt card once to every target, even when the run is started twice', async () => {
    const list = await targets(5);
    expect(await services().sends.producer.start(run(list), new Date())).toBe('enqueued');
    expect(await services().sends.producer.start(run(list), new Date())).toBe('exists');
    await worker().drain();
    for (const target of list) {
      const calls = sendsTo(target.conversationId);
      expect(calls).toHaveLength(1);
      expect(JSON.stringify(calls[0]?.body)).toContain('What will you focus on this half-term?');
      // A new message in the conversation (Send to Conversation), from the bot: not a reply to an earlier activity.
      expect(calls[0]?.path).toBe(`/v3/conversations/${encodeURIComponent(target.conversationId)}/activities`);
      expect(calls[0]?.body).toMatchObject({ type: 'message', from: { id: FIXTURE_BOT_ID }, conversation: { id: target.conversationId }, channelId: 'msteams' });
      expect(calls[0]?.body.replyToId).toBeUndefined();
    }
    const counts = await services().sends.ledger.counts(run(list).runId);
    expect(counts.byStatus).toEqual({ pending: 0, sending: 0, sent: 5, failed: 0, stale: 0 });
  });

  it('leaves a run another instance is still enqueuing to that instance, and says so', async () => {
    const list = await targets(2);
    const planned = run(list);
    // Another instance created the run a moment ago and is still enqueuing it.
    await services().sends.runs.createIfAbsent({ ...planned, targetCount: list.length, created: new Date() });
    expect(await services().sends.producer.start(planned, new Date())).toBe('planned-elsewhere');
    await worker().drain();
    for (const target of list) expect(sendsTo(target.conversationId)).toHaveLength(0);
  });

  it('runs the after-meeting pulse as a pulse survey: baseline first, follow-up next half-term, one run per send', async () => {
    const [target] = await targets(1);
    const chat = target!.conversationId;
    const pulse = (halfTerm: string): PlannedRun => ({
      ...run([target!]),
      runId: `network:n1:${halfTerm}:pulse:${runCounter}`,
      payload: { ...payload, promptId: 'pulse', style: 'pulse', title: 'After the network meeting', text: 'The network met on Wednesday 26 November.', halfTerm, openDays: 14 },
    });
    const startedAt = new Date();
    await services().sends.producer.start(pulse('2025-26-autumn-2'), startedAt);
    await worker().drain();

    const [posted] = sendsTo(chat);
    expect(posted?.body.text).toBe('The network met on Wednesday 26 November.');
    const [first] = await services().surveyRuns.listForTarget(FIXTURE_TENANT, chat);
    expect(first).toMatchObject({ kind: 'pulse', phase: 'baseline', conversationId: chat, members: [] });
    expect(JSON.stringify(posted?.body.attachments)).toContain(first!.runId);
    // Open for 14 London days: closes at the end of the 14th day from now.
    const days = (first!.closesAt!.getTime() - startedAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThan(15);

    // A second delivery of the same send (a crash mid-send) reuses the run instead of opening another.
    await ctx.app.app.dispatcher.runJob(NETWORK_PROMPT_JOB, { runId: pulse('2025-26-autumn-2').runId, target, payload: pulse('2025-26-autumn-2').payload });
    expect(await services().surveyRuns.listForTarget(FIXTURE_TENANT, chat)).toHaveLength(1);

    await services().sends.producer.start(pulse('2025-26-spring-1'), new Date());
    await worker().drain();
    const phases = (await services().surveyRuns.listForTarget(FIXTURE_TENANT, chat)).map((r) => r.phase).sort();
    expect(phases).toEqual(['baseline', 'follow-up']);

    // Anyone in the network's chat can answer it, and the answer is stored against the run.
    const person = { aadObjectId: '5d7c1f0a-2b3c-4d5e-8f90-a1b2c3d4e5f6', name: 'Sam Lead' };
    const activity = cardAction(ctx.connector.serviceUrl, person, ANSWER, {
      run: first!.runId, target: chat, page: 'p1',
      contact_frequency: '3', communication: '4', relationships: '4', referral_routes: '3', knowledge: '3',
      referral_handling: '3', referral_timeliness: '3', referral_appropriateness: '4',
    });
    const answered = await ctx.app.post('/api/messages', { ...activity, conversation: { ...(activity.conversation as object), id: chat, conversationType: 'groupChat', isGroup: true } });
    expect(answered.status).toBe(200);
    expect((await services().responses.listRun(first!.runId)).map((r) => r.respondent)).toEqual([person.aadObjectId]);
  });

  it('honours Retry-After on a 429, records it for every instance, and then delivers once', async () => {
    const list = await targets(3);
    const throttledId = list[1]!.conversationId;
    const times: { at: number; conversation: string }[] = [];
    let throttled = false;
    ctx.connector.respondWith((call) => {
      times.push({ at: Date.now(), conversation: call.path });
      if (!throttled && call.path.includes(encodeURIComponent(throttledId))) {
        throttled = true;
        return { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests' } } };
      }
      return undefined;
    });
    await services().sends.producer.start(run(list), new Date());
    const first = Date.now();
    await worker().drain();
    // The shared row another instance would read says: not before the Retry-After has passed.
    const until = await services().sends.throttle.throttledUntil(Date.now() + 60_000);
    expect(until.getTime()).toBeGreaterThanOrEqual(first + 1000 - 50);
    const attempts = times.filter((t) => t.conversation.includes(encodeURIComponent(throttledId)));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000 - 50);
    expect((await services().sends.ledger.counts(run(list).runId)).byStatus.sent).toBe(3);
  });

  it('retries 502, 504 and 412 with backoff and sends each message once', async () => {
    const list = await targets(3);
    const failures = new Map([[list[0]!.conversationId, 502], [list[1]!.conversationId, 504], [list[2]!.conversationId, 412]]);
    ctx.connector.respondWith((call) => {
      for (const [id, status] of failures) {
        if (call.path.includes(encodeURIComponent(id))) {
          failures.delete(id);
          return { status };
        }
      }
      return undefined;
    });
    await services().sends.producer.start(run(list), new Date());
    const before = ctx.connector.calls.length;
    await worker().drain();
    for (const target of list) {
      const calls = sendsTo(target.conversationId, ctx.connector.calls.slice(before));
      expect(calls).toHaveLength(2);
    }
    expect((await services().sends.ledger.counts(run(list).runId)).byStatus.sent).toBe(3);
  });

  it('retries a send whose connection was dropped without an answer, and sends it once', async () => {
    const list = await targets(2);
    let dropped = 0;
    ctx.connector.respondWith((call) => (call.path.includes(encodeURIComponent(list[0]!.conversationId)) && dropped++ === 0 ? 'drop' : undefined));
    await services().sends.producer.start(run(list), new Date());
    await worker().drain();
    expect(dropped).toBe(2);
    // The dropped attempt reached the stand-in but was never answered; the retry is the one delivery.
    expect(sendsTo(list[0]!.conversationId)).toHaveLength(2);
    expect(sendsTo(list[1]!.conversationId)).toHaveLength(1);
    expect((await services().sends.ledger.counts(run(list).runId)).byStatus).toMatchObject({ sent: 2, failed: 0 });
  });

  async function sentOnceAfterThrottle(throttleMs: number, visibilitySeconds: number): Promise<string | undefined> {
    const [target] = await targets(1);
    const planned = run([target!]);
    await services().sends.throttle.record(new Date(Date.now() + throttleMs));
    await services().sends.producer.start(planned, new Date());
    await worker({ visibilitySeconds }).drain();
    expect(sendsTo(target!.conversationId)).toHaveLength(0);
    const left = (await services().sends.ledger.get(planned.runId, target!.targetId))?.status;
    // Visible again soon after: taken back and sent.
    while (sendsTo(target!.conversationId).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await worker().drain();
    }
    expect(sendsTo(target!.conversationId)).toHaveLength(1);
    expect((await services().sends.ledger.counts(planned.runId, 1)).byStatus).toMatchObject({ sent: 1, pending: 0, sending: 0 });
    return left;
  }

  it('hands a send back as pending, unsent, when a shared throttle ends in the last part of its claim; then sends it once', async () => {
    // Claims of 4 s; a send must start before the last 1 s. Teams asked every instance to wait 3.5 s.
    expect(await sentOnceAfterThrottle(3500, 4)).toBe('pending');
  });

  it('leaves a send whose claim ran out during a shared throttle to the next worker, without writing its row; then sends it once', async () => {
    // Claims of 2 s; Teams asked every instance to wait 3 s. The row stays as claimed, its lease over.
    expect(await sentOnceAfterThrottle(3000, 2)).toBe('sending');
  });

  it('marks the installation stale on 403 and 404 and does not retry', async () => {
    const list = await targets(3);
    const blocked = list[0]!.conversationId;
    const gone = list[1]!.conversationId;
    ctx.connector.respondWith((call) => {
      if (call.path.includes(encodeURIComponent(blocked))) return { status: 403, body: { error: { code: 'BotDisabledByAdmin' } } };
      if (call.path.includes(encodeURIComponent(gone))) return { status: 404, body: { error: { code: 'ConversationNotFound' } } };
      return undefined;
    });
    await services().sends.producer.start(run(list), new Date());
    await worker().drain();
    expect(sendsTo(blocked)).toHaveLength(1);
    expect(sendsTo(gone)).toHaveLength(1);
    expect(await services().installations.get(FIXTURE_TENANT, blocked)).toMatchObject({ status: 'stale', staleReason: '403' });
    expect(await services().installations.get(FIXTURE_TENANT, gone)).toMatchObject({ status: 'stale', staleReason: '404' });
    expect((await services().installations.get(FIXTURE_TENANT, list[2]!.conversationId))?.status).toBe('active');
    const counts = await services().sends.ledger.counts(run(list).runId);
    expect(counts.byStatus).toMatchObject({ sent: 1, stale: 2 });
    expect(counts.reasons).toEqual({ '403': 1, '404': 1 });
  });

  it('resumes after a crash without re-sending what was sent; only the one in flight is sent again', async () => {
    const list = await targets(3);
    const planned = run(list);
    await services().sends.producer.start(planned, new Date());
    const ledger = services().sends.ledger;
    // A previous worker sent the first and died while sending the second (its lease has run out).
    await ledger.settle(planned.runId, list[0]!.targetId, 'sent', new Date());
    await ledger.claimNew(planned.runId, [list[1]!.targetId], new Date(Date.now() - 1000), new Date());
    await worker().drain();
    expect(sendsTo(list[0]!.conversationId)).toHaveLength(0);
    expect(sendsTo(list[1]!.conversationId)).toHaveLength(1);
    expect(sendsTo(list[2]!.conversationId)).toHaveLength(1);
    expect((await ledger.counts(planned.runId)).byStatus.sent).toBe(3);
  });

  it('shares a run between two workers without sending anything twice', async () => {
    const list = await targets(20);
    await services().sends.producer.start(run(list), new Date());
    await Promise.all([worker().drain(), worker().drain()]);
    for (const target of list) expect(sendsTo(target.conversationId)).toHaveLength(1);
    expect((await services().sends.ledger.counts(run(list).runId)).byStatus.sent).toBe(20);
  });

  it('sends once to each target when every message is queued twice and two workers take them at once', async () => {
    const list = await targets(12);
    const planned = run(list);
    await services().sends.producer.start(planned, new Date());
    const queue = services().storage.queue(FANOUT_QUEUE);
    for (const target of list) await queue.sendMessage(JSON.stringify({ v: 1, runId: planned.runId, kind: planned.kind, target, payload }));
    await Promise.all([worker({ visibilitySeconds: 2 }).drain(), worker({ visibilitySeconds: 2 }).drain()]);
    // A copy met while the other worker held its target was hidden until that claim ended: then it is found sent and
    // deleted, so the queue empties.
    while ((await queue.getProperties()).approximateMessagesCount !== 0) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await worker({ visibilitySeconds: 2 }).drain();
    }
    for (const target of list) expect(sendsTo(target.conversationId)).toHaveLength(1);
    expect((await services().sends.ledger.counts(planned.runId, list.length)).byStatus).toMatchObject({ sent: 12, pending: 0, sending: 0 });
  });

  it('feeds a large run in as the queue drains when the queue depth is capped', async () => {
    const list = await targets(12);
    const s = services();
    const producer = new FanoutProducer(s.storage, s.sends.runs, { concurrency: 4, maxQueueDepth: 3 });
    const consumer = worker();
    consumer.start();
    expect(await producer.start(run(list), new Date())).toBe('enqueued');
    while ((await s.sends.ledger.counts(run(list).runId)).byStatus.sent < 12) await new Promise((r) => setTimeout(r, 50));
    await consumer.stop();
    for (const target of list) expect(sendsTo(target.conversationId)).toHaveLength(1);
    expect((await s.sends.runs.get(FIXTURE_TENANT, run(list).runId))?.status).toBe('enqueued');
  });

  it('sends nothing twice when a run\'s targets are queued again after they were sent (a planner takeover)', async () => {
    const list = await targets(3);
    const planned = run(list);
    await services().sends.producer.start(planned, new Date());
    await worker().drain();
    const queue = services().storage.queue(FANOUT_QUEUE);
    for (const target of list) await queue.sendMessage(JSON.stringify({ v: 1, runId: planned.runId, kind: planned.kind, target, payload }));
    await worker().drain();
    for (const target of list) expect(sendsTo(target.conversationId)).toHaveLength(1);
    // Deleted, not just hidden: the count includes messages out of sight.
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
  });

  it('gives up on a message taken too often, even one no worker claimed, and reports it as failed', async () => {
    const [target] = await targets(1);
    const planned = run([target!]);
    await services().sends.producer.start(planned, new Date());
    const queue = services().storage.queue(FANOUT_QUEUE);
    // Three earlier workers took the message and died before claiming it.
    for (let i = 0; i < 3; i += 1) {
      const [taken] = (await queue.receiveMessages({ visibilityTimeout: 30 })).receivedMessageItems;
      await queue.updateMessage(taken!.messageId, taken!.popReceipt, undefined, 0);
    }
    await worker({ maxDequeueCount: 3 }).drain();
    expect(sendsTo(target!.conversationId)).toHaveLength(0);
    const counts = await services().sends.ledger.counts(planned.runId, planned.targets.length);
    expect(counts.byStatus).toMatchObject({ pending: 0, sending: 0, failed: 1 });
    expect(counts.reasons).toEqual({ 'gave-up': 1 });
    const poisoned = await services().storage.queue(FANOUT_POISON_QUEUE).peekMessages({ numberOfMessages: 32 });
    expect(poisoned.peekedMessageItems.some((m) => m.messageText.includes(target!.conversationId))).toBe(true);
  });

  it('shares the app\'s rate between two workers sending at once, and gives it back when one stops', async () => {
    const storage = services().storage;
    const sharing = (id: string) => worker({ ratePerSecond: 40, senders: new ActiveSenders(storage, id), sendersEveryMs: 20 });
    const [one, two] = [sharing('one'), sharing('two')];
    one.start();
    two.start();
    await until(() => one.ratePerSecond === 20 && two.ratePerSecond === 20);
    await two.stop();
    await until(() => one.ratePerSecond === 40);
    await one.stop();
  });

  it('never reports a delivered message as failed when a stray copy of it is given up on', async () => {
    const [target] = await targets(1);
    const planned = run([target!]);
    await services().sends.producer.start(planned, new Date());
    await worker().drain();
    const queue = services().storage.queue(FANOUT_QUEUE);
    await queue.sendMessage(JSON.stringify({ v: 1, runId: planned.runId, kind: planned.kind, target, payload }));
    for (let i = 0; i < 3; i += 1) {
      const [taken] = (await queue.receiveMessages({ visibilityTimeout: 30 })).receivedMessageItems;
      await queue.updateMessage(taken!.messageId, taken!.popReceipt, undefined, 0);
    }
    await worker({ maxDequeueCount: 3 }).drain();
    expect(sendsTo(target!.conversationId)).toHaveLength(1);
    expect((await services().sends.ledger.counts(planned.runId, 1)).byStatus).toMatchObject({ sent: 1, failed: 0 });
  });

  it('moves an unreadable message to the poison queue', async () => {
    const storage = services().storage;
    await storage.queue(FANOUT_QUEUE).sendMessage('{"v":1,"runId":"x"}');
    await worker().drain();
    const poisoned = await storage.queue(FANOUT_POISON_QUEUE).receiveMessages({ numberOfMessages: 32 });
    expect(poisoned.receivedMessageItems.map((m) => m.messageText)).toContain('{"v":1,"runId":"x"}');
  });
});
