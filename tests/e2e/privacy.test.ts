// `privacy export` and `privacy delete` through the real server: the file holds the person's data; erasure removes it
// from every source, totals are recomputed from what remains, and the audit log records the action without content.
import type { Clock } from '../../bot/platform/clock';
import { AUDIT_TABLE } from '../../bot/platform/audit/auditLog';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { cardAction, channelMessage, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const teacher: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };
const otherTeacher: Person = { aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', name: 'Alex Wilber' };

const caseData = {
  area: 'oldham',
  ageBand: '8-11',
  yearGroup: 'Year 5',
  needs: 'Low mood',
  duration: '1-3 months',
  tried: 'Check-ins with the learning mentor twice a week and a worry box in class.',
  asking: 'Would group work or one-to-one support suit this pupil better?',
  urgency: 'Routine (next panel)',
};

const cardJson = (activity: Json): string => JSON.stringify(activity.attachments ?? []);

describe('privacy export and delete', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  const clock: Clock = { now: () => new Date('2026-11-23T10:00:00Z') };

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    await app.post('/api/messages', loadActivity('members-added-personal', { serviceUrl: connector.serviceUrl }));
    await say(channelMessage(connector.serviceUrl, coordinator, 'panel create oldham 2026-12-10'));
    for (const person of [teacher, otherTeacher]) {
      const answer = (await app.post('/api/messages', cardAction(connector.serviceUrl, person, 'panel.submit', caseData))).json as InvokeAnswer;
      expect(answer.statusCode).toBe(200);
    }
    await say(personalMessage(connector.serviceUrl, coordinator, `roles grant ${teacher.aadObjectId} facilitator`));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const say = async (activity: Json): Promise<Json> => (await repliesTo(app, connector, activity))[0] as Json;

  async function exportOf(person: Person): Promise<{ data: Record<string, unknown> }> {
    const card = await say(personalMessage(connector.serviceUrl, person, 'privacy export'));
    const attachments = card.attachments as { content: { actions: { url: string }[] } }[];
    const url = attachments[0]!.content.actions[0]!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return (await response.json()) as { data: Record<string, unknown> };
  }

  it('exports everything held about the person as a JSON file, in personal chat only', async () => {
    const refused = await say(channelMessage(connector.serviceUrl, teacher, 'privacy export'));
    expect(cardJson(refused)).toContain('personal chat');

    const file = await exportOf(teacher);
    expect(file.data.roles).toEqual({ roles: ['facilitator'] });
    expect(file.data.panelCases).toEqual([
      expect.objectContaining({ reference: 'P-2026-001', area: 'oldham', status: 'open', case: expect.objectContaining({ tried: caseData.tried }) }),
    ]);
    expect(file.data.personalChats).toHaveLength(1);
    expect(JSON.stringify(file)).not.toContain(otherTeacher.aadObjectId);
  });

  it('asks for confirmation, refuses someone else\'s card, and keeps everything on "No"', async () => {
    const card = cardJson(await say(personalMessage(connector.serviceUrl, teacher, 'privacy delete')));
    expect(card).toContain('"verb":"privacy.delete"');
    expect(card).toContain(teacher.aadObjectId);

    const stolen = (await app.post('/api/messages', cardAction(connector.serviceUrl, otherTeacher, 'privacy.delete', { subject: teacher.aadObjectId, confirm: true }))).json as InvokeAnswer;
    expect(stolen.statusCode).toBe(403);
    const no = (await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'privacy.delete', { subject: teacher.aadObjectId, confirm: false }))).json as InvokeAnswer;
    expect(JSON.stringify(no.value)).toContain('Nothing was deleted');
    expect(await app.app.services.panels.casesSubmittedBy(FIXTURE_TENANT, teacher.aadObjectId)).toHaveLength(1);
  });

  it('erases the person\'s records on confirmation; totals come from what remains; the audit has no content', async () => {
    const counted = await say(personalMessage(connector.serviceUrl, coordinator, 'panel cases'));
    expect(cardJson(counted)).toContain('oldham: 2 cases (2 open, 0 advised)');

    const yes = (await app.post('/api/messages', cardAction(connector.serviceUrl, teacher, 'privacy.delete', { subject: teacher.aadObjectId, confirm: true }))).json as InvokeAnswer;
    expect(yes.statusCode).toBe(200);
    const result = JSON.stringify(yes.value);
    expect(result).toContain('Your data has been deleted');
    expect(result).toContain('panelCases: 1');
    expect(result).toContain('roles: 1');
    expect(result).toContain('personalChats: 1');
    expect(result).toContain('downloads: 1');

    const recounted = await say(personalMessage(connector.serviceUrl, coordinator, 'panel cases'));
    expect(cardJson(recounted)).toContain('oldham: 1 case (1 open, 0 advised)');

    const after = await exportOf(teacher);
    expect(after.data).toMatchObject({ roles: { roles: [] }, panelCases: [], personalChats: [] });
    expect(await app.app.services.panels.casesSubmittedBy(FIXTURE_TENANT, otherTeacher.aadObjectId)).toHaveLength(1);

    const rows: Record<string, unknown>[] = [];
    for await (const row of app.app.services.storage.table(AUDIT_TABLE).listEntities()) rows.push(row);
    const erasure = rows.find((r) => r.action === 'privacy.delete')!;
    expect(erasure).toMatchObject({ actor: teacher.aadObjectId, target: teacher.aadObjectId });
    const fields = Object.keys(erasure).filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag'].includes(k)).sort();
    expect(fields).toEqual(['action', 'actor', 'at', 'target']);
    expect(JSON.stringify(rows)).not.toContain('learning mentor');
  });

  it('shows coordinators the audit log (who, what, when, target id), and nobody else', async () => {
    expect(cardJson(await say(personalMessage(connector.serviceUrl, otherTeacher, 'audit recent')))).toContain('Only coordinators can read the audit log');
    const log = cardJson(await say(personalMessage(connector.serviceUrl, coordinator, 'audit recent 50')));
    expect(log).toContain(`${coordinator.aadObjectId} roles.grant ${teacher.aadObjectId}`);
    expect(log).toContain(`${coordinator.aadObjectId} panel.create oldham`);
    expect(log).toContain(`${teacher.aadObjectId} privacy.delete ${teacher.aadObjectId}`);
  });
});
