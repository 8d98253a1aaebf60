// Two schedulers deciding at the same moment against the same Azurite storage enqueue each run once.
import type { App } from '../../../../bot/app';
import defaultPlan from '../../../../bot/features/networks/data/prompt-plan.json';
import shippedBankHolidays from '../../../../bot/features/networks/data/bank-holidays.json';
import { bankHolidayFeedSchema } from '../../../../bot/domain/bankHolidays';
import { promptPlanSchema } from '../../../../bot/features/networks/domain/promptPlan';
import { NETWORK_PROMPT_JOB } from '../../../../bot/features/networks/jobs/networkPrompt';
import type { ConversationReference } from '../../../../bot/events';
import { FANOUT_QUEUE } from '../../../../bot/platform/messaging/fanout';
import { kentCalendar } from '../../../support/calendars';
import { drainFanout } from '../../../support/fanout';
import { Scheduler } from '../../../../bot/platform/scheduler/scheduler';
import { DUE_SOURCES } from '../../../../bot/app';
import { startConnectorStub, type ConnectorStub } from '../../../support/connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT } from '../../../support/fixtures';
import { appInstance } from '../../../support/instances';
import { uniquePrefix } from '../../../support/storage';

const kent = kentCalendar();

describe('scheduler', () => {
  let connector: ConnectorStub;
  let now: Date;
  let instances: App[];

  const instance = (prefix: string): Promise<App> => appInstance(prefix, { now: () => now });

  beforeAll(async () => {
    connector = await startConnectorStub();
  });
  afterAll(async () => {
    await connector.close();
  });

  beforeEach(async () => {
    const prefix = uniquePrefix();
    instances = [await instance(prefix), await instance(prefix)];
    const services = instances[0]!.services;
    now = new Date('2025-10-20T12:00:00Z');
    await services.termCalendars.save(FIXTURE_TENANT, { ...kent, area: 'kent', importedBy: 'test', imported: now });
    const reference: ConversationReference = {
      bot: { id: FIXTURE_BOT_ID, name: 'Link Programme' },
      conversation: { id: '19:network-chat@thread.v2', conversationType: 'groupChat', tenantId: FIXTURE_TENANT, isGroup: true },
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
    };
    await services.networks.save({
      tenantId: FIXTURE_TENANT,
      networkId: 'net-kent',
      name: 'Kent SMHL network',
      area: 'kent',
      scope: 'groupChat',
      conversationId: '19:network-chat@thread.v2',
      reference,
      installationId: '19:network-chat@thread.v2',
      plan: promptPlanSchema.parse(defaultPlan),
      status: 'active',
      createdBy: 'test',
      created: now,
      updated: now,
    });
  });

  async function queued(app: App): Promise<number> {
    const properties = await app.services.storage.queue(FANOUT_QUEUE).getProperties();
    return properties.approximateMessagesCount ?? 0;
  }

  it('enqueues a due prompt exactly once when two instances decide at the same moment, and again never', async () => {
    const [a, b] = instances.map((app) => new Scheduler(app.services, DUE_SOURCES));
    // Before the half-term starts nothing is due.
    expect((await Promise.all([a!.tick(), b!.tick()])).map((r) => r.due)).toEqual([0, 0]);
    now = new Date('2025-11-03T09:00:00Z'); // Autumn 2's first school day, 09:00 London (GMT)
    const results = await Promise.all([a!.tick(), b!.tick(), a!.tick(), b!.tick()]);
    expect(results.map((r) => r.due)).toEqual([1, 1, 1, 1]);
    expect(results.reduce((sum, r) => sum + r.enqueued, 0)).toBe(1);
    expect(await queued(instances[0]!)).toBe(1);
    const runs = await instances[1]!.services.sends.runs.list(FIXTURE_TENANT, 'net-kent');
    expect(runs.map((r) => [r.runId, r.status, r.targetCount])).toEqual([['network:net-kent:2025-26-autumn-2:focus', 'enqueued', 1]]);

    // A restarted instance later the same morning decides the same run is due and enqueues nothing.
    now = new Date('2025-11-03T10:30:00Z');
    const restarted = new Scheduler((await instance(instances[0]!.services.config.STORAGE_PREFIX)).services, DUE_SOURCES);
    expect(await restarted.tick()).toEqual({ due: 1, enqueued: 0 });

    await drainFanout(instances[1]!);
    const prompts = connector.activities().filter((a) => (a.conversation as { id: string }).id === '19:network-chat@thread.v2');
    expect(prompts).toHaveLength(1);
    expect(JSON.stringify(prompts[0])).toContain('What will you focus on this half-term?');
    expect(JSON.stringify(prompts[0])).toContain('Autumn 2 2025/26');
  });

  it('sends nothing for a paused network', async () => {
    await instances[0]!.services.networks.setStatus(FIXTURE_TENANT, 'net-kent', 'paused', now);
    now = new Date('2025-11-03T09:00:00Z');
    expect(await new Scheduler(instances[0]!.services, DUE_SOURCES).tick()).toEqual({ due: 0, enqueued: 0 });
  });

  it('gathers the agenda a week before the meeting, with the meeting time in the prompt', async () => {
    now = new Date('2025-11-19T09:00:00Z'); // Autumn 2 starts Monday 3 November: week 4 Wednesday is 26 November
    const scheduler = new Scheduler(instances[0]!.services, DUE_SOURCES);
    await scheduler.tick();
    const runs = await instances[0]!.services.sends.runs.list(FIXTURE_TENANT, 'net-kent');
    expect(runs.map((r) => r.runId)).toEqual(['network:net-kent:2025-26-autumn-2:agenda']);
    const message = await instances[0]!.services.storage.queue(FANOUT_QUEUE).receiveMessages({ numberOfMessages: 1 });
    expect(message.receivedMessageItems[0]?.messageText).toContain('The network meets on Wednesday 26 November 2025, 15:30.');
  });

  it('moves a prompt off a bank holiday that only the refreshed list has', async () => {
    // A refresh brings in a one-off holiday on Autumn 2's first school day, when the focus prompt would go out.
    const feed = bankHolidayFeedSchema.parse(shippedBankHolidays);
    const oneOff = { title: 'Bank holiday for a national celebration', date: '2025-11-03', notes: '', bunting: true };
    feed['england-and-wales'].events.push(oneOff);
    await instances[0]!.services.bankHolidays.store(feed, 'https://www.gov.uk/bank-holidays.json', now);

    const scheduler = new Scheduler(instances[1]!.services, DUE_SOURCES);
    now = new Date('2025-11-03T09:00:00Z');
    expect(await scheduler.tick()).toEqual({ due: 0, enqueued: 0 });
    expect(await queued(instances[0]!)).toBe(0);

    now = new Date('2025-11-04T09:00:00Z'); // the next school day
    expect(await scheduler.tick()).toEqual({ due: 1, enqueued: 1 });
    const runs = await instances[0]!.services.sends.runs.list(FIXTURE_TENANT, 'net-kent');
    expect(runs.map((r) => [r.runId, r.dueAt.toISOString()])).toEqual([['network:net-kent:2025-26-autumn-2:focus', '2025-11-04T09:00:00.000Z']]);
  });

  it('still finishes a run whose planner died, after seeing it being planned', async () => {
    const sentBefore = connector.activities().length;
    now = new Date('2025-11-03T09:00:00Z');
    // Another instance created the run and died before enqueuing anything.
    const runId = 'network:net-kent:2025-26-autumn-2:focus';
    await instances[0]!.services.sends.runs.createIfAbsent({ tenantId: FIXTURE_TENANT, runId, kind: NETWORK_PROMPT_JOB, label: 'Autumn 2: focus prompt', ownerId: 'net-kent', dueAt: now, targetCount: 1, created: now });
    const scheduler = new Scheduler(instances[1]!.services, DUE_SOURCES);
    expect(await scheduler.tick()).toEqual({ due: 1, enqueued: 0 });

    now = new Date('2025-11-03T09:05:00Z'); // past the planning takeover time
    expect(await scheduler.tick()).toEqual({ due: 1, enqueued: 1 });
    expect(await scheduler.tick()).toEqual({ due: 1, enqueued: 0 });
    await drainFanout(instances[1]!);
    const prompts = connector.activities().slice(sentBefore).filter((a) => (a.conversation as { id: string }).id === '19:network-chat@thread.v2');
    expect(prompts).toHaveLength(1);
    expect(JSON.stringify(prompts[0])).toContain('What will you focus on this half-term?');
  });
});
