// The retention purge: expired panel cases, audit entries and download files go; running it again deletes nothing.
import type { Clock } from '../../bot/platform/clock';
import { deliverFile } from '../../bot/platform/files/deliver';
import type { PanelCase } from '../../bot/features/panel/domain/panel';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, type Json } from '../support/fixtures';
import { personalMessage, repliesTo, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const teacher: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };

function aCase(reference: string, submittedAt: string): PanelCase {
  return {
    tenantId: FIXTURE_TENANT,
    areaId: 'salford',
    reference,
    status: 'open',
    form: { area: 'salford', ageBand: '15-16', yearGroup: 'Year 11', needs: ['Anxiety'], duration: '1-3 months', tried: 'Mentoring sessions.', asking: 'Next steps?', urgency: 'Routine (next panel)' },
    riskShown: false,
    submitter: { aadObjectId: teacher.aadObjectId, name: teacher.name, conversationId: 'a:conv', serviceUrl: 'http://127.0.0.1:1/' },
    submittedAt: new Date(submittedAt),
  };
}

describe('retention purge', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let now = new Date('2026-01-10T09:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  async function say(activity: Json): Promise<string> {
    return JSON.stringify((await repliesTo(app, connector, activity))[0]?.attachments);
  }

  it('purges what has expired, per kind, and is idempotent (job and on-demand command)', async () => {
    const { panels, audit, downloads } = app.app.services;
    // Advised a year and more ago: expired. Never advised, submitted over a year ago: expired. Recent: kept.
    await panels.createCase(aCase('P-2026-001', '2026-01-05T10:00:00Z'));
    await panels.recordAdvice(FIXTURE_TENANT, 'salford', 'P-2026-001', { text: 'Advice.', by: coordinator.aadObjectId, at: new Date('2026-01-20T10:00:00Z') });
    await panels.createCase(aCase('P-2026-002', '2026-01-06T10:00:00Z'));
    await panels.createCase(aCase('P-2026-003', '2026-11-01T10:00:00Z'));
    await panels.createCase(aCase('P-2026-004', '2025-11-01T10:00:00Z'));
    await panels.recordAdvice(FIXTURE_TENANT, 'salford', 'P-2026-004', { text: 'Advice.', by: coordinator.aadObjectId, at: new Date('2026-06-01T10:00:00Z') });
    await audit.record({ tenantId: FIXTURE_TENANT, actor: coordinator.aadObjectId, action: 'panel.who', target: 'salford:P-2019-001', at: new Date('2019-05-01T10:00:00Z') });
    await audit.record({ tenantId: FIXTURE_TENANT, actor: coordinator.aadObjectId, action: 'panel.who', target: 'salford:P-2026-003', at: new Date('2026-11-02T10:00:00Z') });
    await deliverFile({ aadObjectId: teacher.aadObjectId, name: teacher.name, tenantId: FIXTURE_TENANT }, { fileName: 'x.json', contentType: 'application/json', content: '{}', title: 't', description: 'd' }, now, app.app.services);

    now = new Date('2027-01-25T02:00:00Z');
    const logged = () => app.logs.lines().filter((l) => l.event === 'retention.purged');
    await app.app.dispatcher.runJob('retention-purge', {});
    expect(logged().at(-1)).toMatchObject({ panelCases: 2, audit: 1, downloads: 1 });
    const left = (await panels.casesOfArea(FIXTURE_TENANT, 'salford')).map((c) => c.reference).sort();
    expect(left).toEqual(['P-2026-003', 'P-2026-004']);
    expect((await audit.recent(FIXTURE_TENANT, 10)).map((e) => e.target)).toEqual(['salford:P-2026-003']);
    expect(await downloads.ownedBy(teacher.aadObjectId)).toEqual([]);

    await app.app.dispatcher.runJob('retention-purge', {});
    expect(logged().at(-1)).toMatchObject({ panelCases: 0, audit: 0, downloads: 0 });

    expect(await say(personalMessage(connector.serviceUrl, teacher, 'privacy purge'))).toContain('Only coordinators can run the retention purge');
    const card = await say(personalMessage(connector.serviceUrl, coordinator, 'privacy purge'));
    expect(card).toContain('panelCases: 0 deleted');
    expect(card).toContain('audit: 0 deleted');
    // Six months after P-2026-004's advice plus a year: it goes on the next run.
    now = new Date('2027-06-02T02:00:00Z');
    expect(await say(personalMessage(connector.serviceUrl, coordinator, 'privacy purge'))).toContain('panelCases: 1 deleted');
  });
});
