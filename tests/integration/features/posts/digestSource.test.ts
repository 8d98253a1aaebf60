// The half-term digest: two scheduler instances deciding at the same moment against the same Azurite storage enqueue
// it once per network and half-term; a removed post is not in it.
import type { App } from '../../../../bot/app';
import defaultPlan from '../../../../bot/features/networks/data/prompt-plan.json';
import { promptPlanSchema } from '../../../../bot/features/networks/domain/promptPlan';
import type { Post } from '../../../../bot/features/posts/domain/posts';
import type { ConversationReference } from '../../../../bot/events';
import { FANOUT_QUEUE } from '../../../../bot/platform/messaging/fanout';
import { Scheduler } from '../../../../bot/platform/scheduler/scheduler';
import { DUE_SOURCES } from '../../../../bot/app';
import { kentCalendar } from '../../../support/calendars';
import { drainFanout } from '../../../support/fanout';
import { startConnectorStub, type ConnectorStub } from '../../../support/connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT } from '../../../support/fixtures';
import { appInstance } from '../../../support/instances';
import { uniquePrefix } from '../../../support/storage';

const kent = kentCalendar();
const CHAT = '19:network-chat@thread.v2';

describe('network digests', () => {
  let connector: ConnectorStub;
  let now: Date;
  let instances: App[];

  const instance = (prefix: string): Promise<App> => appInstance(prefix, { now: () => now });

  function post(postId: string, fields: Partial<Post>): Post {
    return {
      tenantId: FIXTURE_TENANT,
      networkId: 'net-kent',
      postId,
      kind: 'share',
      authorId: 'author',
      authorName: 'Author',
      title: postId,
      text: 'text',
      tags: [],
      helpfulCount: 0,
      answered: false,
      created: new Date('2025-11-12T10:00:00Z'),
      updated: new Date('2025-11-12T10:00:00Z'),
      ...fields,
    };
  }

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
    now = new Date('2025-11-10T12:00:00Z');
    await services.termCalendars.save(FIXTURE_TENANT, { ...kent, area: 'kent', importedBy: 'test', imported: now });
    const reference: ConversationReference = {
      bot: { id: FIXTURE_BOT_ID, name: 'Link Programme' },
      conversation: { id: CHAT, conversationType: 'groupChat', tenantId: FIXTURE_TENANT, isGroup: true },
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
    };
    await services.networks.save({
      tenantId: FIXTURE_TENANT,
      networkId: 'net-kent',
      name: 'Kent SMHL network',
      area: 'kent',
      scope: 'groupChat',
      conversationId: CHAT,
      reference,
      installationId: CHAT,
      plan: promptPlanSchema.parse(defaultPlan),
      status: 'active',
      createdBy: 'test',
      created: now,
      updated: now,
    });
    for (const [id, fields] of [
      ['Kept resource', { helpfulCount: 3 }],
      ['Removed resource', { helpfulCount: 7 }],
      ['Open question', { kind: 'ask' as const, helpfulCount: 0 }],
    ] as const) {
      await services.posts.createPending(post(id, fields));
      await services.posts.markPosted(FIXTURE_TENANT, 'net-kent', id, `msg-${id.length}`, reference);
      for (let person = 0; person < fields.helpfulCount; person += 1) await services.posts.toggleHelpful(FIXTURE_TENANT, 'net-kent', id, `person-${person}`, now);
    }
    await services.posts.remove(FIXTURE_TENANT, 'net-kent', 'Removed resource');
  });

  it('enqueues the digest once when two instances decide at the same moment, and never again', async () => {
    const [a, b] = instances.map((app) => new Scheduler(app.services, DUE_SOURCES));
    now = new Date('2025-12-19T14:30:00Z');
    const early = await Promise.all([a!.tick(), b!.tick()]);
    const digestRuns = async () => (await instances[1]!.services.sends.runs.list(FIXTURE_TENANT, 'net-kent')).filter((r) => r.runId.startsWith('digest:'));
    expect(early.map((r) => r.enqueued)).toEqual([0, 0]);
    expect(await digestRuns()).toEqual([]);

    now = new Date('2025-12-19T15:00:00Z');
    await Promise.all([a!.tick(), b!.tick(), a!.tick(), b!.tick()]);
    expect((await digestRuns()).map((r) => [r.runId, r.status, r.targetCount])).toEqual([['digest:net-kent:2025-26-autumn-2', 'enqueued', 1]]);
    // A restarted instance later that evening decides it is due and enqueues nothing.
    now = new Date('2025-12-19T20:00:00Z');
    const restarted = new Scheduler((await instance(instances[0]!.services.config.STORAGE_PREFIX)).services, DUE_SOURCES);
    await restarted.tick();
    expect(await digestRuns()).toHaveLength(1);

    const services = instances[1]!.services;
    const before = connector.activities().length;
    const queued = (await services.storage.queue(FANOUT_QUEUE).peekMessages({ numberOfMessages: 32 })).peekedMessageItems.filter((m) => m.messageText.includes('networkDigest'));
    expect(queued).toHaveLength(1);
    await drainFanout(instances[1]!);
    const digests = connector.activities().slice(before).filter((a) => JSON.stringify(a).includes('Half-term digest'));
    expect(digests).toHaveLength(1);
    const text = JSON.stringify(digests[0]);
    expect(text).toContain('Kept resource');
    expect(text).toContain('Open question');
    expect(text).not.toContain('Removed resource');
    expect(text).toContain('"Helpful marks","value":"3"');
  });
});
