// Workshop reminders through the scheduler and the send queue: due a day before, enqueued once across instances,
// posted as a new thread in the cohort channel with the join link.
import type { App } from '../../../../bot/app';
import { cohortIdFor } from '../../../../bot/features/cohorts/domain/cohorts';
import { Scheduler } from '../../../../bot/platform/scheduler/scheduler';
import { DUE_SOURCES } from '../../../../bot/app';
import { startConnectorStub, type ConnectorStub } from '../../../support/connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT } from '../../../support/fixtures';
import { drainFanout } from '../../../support/fanout';
import { appInstance } from '../../../support/instances';
import { uniquePrefix } from '../../../support/storage';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const CHANNEL = '19:cohort5channel0000000000000000@thread.tacv2';
const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_workshop1%40thread.v2/0';

describe('workshop reminders', () => {
  let connector: ConnectorStub;
  let now = new Date('2027-02-27T12:00:00Z');
  let apps: App[];

  beforeAll(async () => {
    connector = await startConnectorStub();
    const prefix = uniquePrefix();
    apps = [await appInstance(prefix, { now: () => now }), await appInstance(prefix, { now: () => now })];
    const { services } = apps[0]!;
    await services.installations.saveActive({
      tenantId: FIXTURE_TENANT,
      conversationId: TEAM,
      scope: 'channel',
      teamId: TEAM,
      reference: { bot: { id: FIXTURE_BOT_ID, name: 'Link Programme' }, conversation: { id: TEAM, conversationType: 'channel', tenantId: FIXTURE_TENANT, isGroup: true }, channelId: 'msteams', serviceUrl: connector.serviceUrl },
      updated: now,
    });
    await services.cohorts.insertOrGet({
      tenantId: FIXTURE_TENANT,
      id: cohortIdFor('Wigan Cohort 5'),
      name: 'Wigan Cohort 5',
      areaId: 'wigan',
      teamConversationId: TEAM,
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      channelId: CHANNEL,
      members: [],
      status: 'ready',
      booking: {
        organiser: 'linkprogramme@wigan.example.org',
        online: true,
        durationMinutes: 360,
        workshops: [
          { number: 1, localStart: '2027-03-01T09:30:00', localEnd: '2027-03-01T15:30:00', status: 'booked', eventId: 'e1', joinUrl: JOIN },
          { number: 2, localStart: '2027-04-12T09:30:00', localEnd: '2027-04-12T15:30:00', status: 'booked', eventId: 'e2' },
        ],
      },
      createdBy: 'test',
      created: now,
      updated: now,
    });
  });
  afterAll(() => connector.close());

  it('enqueues nothing two days before, then the reminder once across two instances the day before, and posts it', async () => {
    const [a, b] = apps.map((app) => new Scheduler(app.services, DUE_SOURCES));
    expect((await a!.tick()).due).toBe(0);

    now = new Date('2027-02-28T10:00:00Z');
    const results = await Promise.all([a!.tick(), b!.tick(), a!.tick()]);
    expect(results.reduce((sum, r) => sum + r.enqueued, 0)).toBe(1);

    await drainFanout(apps[1]!);
    const posts = connector.calls.filter((c) => c.path === '/v3/conversations');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    const card = JSON.stringify(posts[0]!.body.activity);
    expect(card).toContain('Reminder: workshop 1 is tomorrow');
    expect(card).toContain('Monday 1 March 2027, 09:30');
    expect(card).toContain(JOIN);

    // Later the same day the reminder is still "due" but already sent: nothing new.
    now = new Date('2027-02-28T18:00:00Z');
    expect((await a!.tick()).enqueued).toBe(0);
  });
});
