// The attendance card over the real server: the scheduler's source plans the run after an in-person workshop, the
// job sends the facilitator the card 1:1 through the Bot Connector, and the facilitator's Action.Execute, posted to
// /api/messages as Teams sends it, records who attended; someone else's is refused with 403 and nothing is saved.
import type { Cohort } from '../../bot/features/cohorts';
import { attendanceSource } from '../../bot/features/schools/attendanceSource';
import { ATTENDANCE_JOB } from '../../bot/features/schools/jobs/attendanceCard';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';
import { cardAction, type InvokeAnswer } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const COHORT = 'e1e2e3e4e5e6e7e8e9e0e1e2';
const MEGAN = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const NOW = new Date('2027-02-01T17:00:00Z');

describe('the attendance card over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  /** What the install sent (the team's welcome card), before anything this file tests. */
  let sentAtInstall = 0;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({}, { clock: { now: () => NOW } });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    sentAtInstall = connector.activities().length;
    const { services } = app.app;
    await services.schools.repository.replace(
      FIXTURE_TENANT,
      'telford',
      [
        { urn: '100001', name: 'Hadley Primary', kind: 'school', phase: 'primary' },
        { urn: '100002', name: 'Ketley Primary', kind: 'school', phase: 'primary' },
      ],
      { generation: 'g1', importedBy: 'coordinator', now: NOW },
    );
    const cohort: Cohort = {
      tenantId: FIXTURE_TENANT,
      id: COHORT,
      name: 'Telford Cohort 2',
      areaId: 'telford',
      teamConversationId: TEAM,
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      facilitator: 'megan@contoso.org',
      channelId: '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2',
      members: [
        { email: 'megan@contoso.org', status: 'added', userId: MEGAN.aadObjectId, name: 'Megan Bowen' },
        { email: 'amy@hadley.sch.uk', status: 'added', userId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'Amy Head' },
        { email: 'kit@ketley.sch.uk', status: 'added', userId: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a', name: 'Kit Lee' },
      ],
      status: 'ready',
      booking: {
        organiser: 'linkprogramme@contoso.org',
        online: false,
        venue: 'Southwater One, Telford',
        durationMinutes: 360,
        workshops: [
          { number: 1, localStart: '2027-02-01T09:30', localEnd: '2027-02-01T15:30', status: 'booked', eventId: 'AAMkAD1' },
          { number: 2, localStart: '2027-03-15T09:30', localEnd: '2027-03-15T15:30', status: 'booked', eventId: 'AAMkAD2' },
        ],
      },
      createdBy: MEGAN.aadObjectId,
      created: NOW,
      updated: NOW,
    };
    await services.cohorts.insertOrGet(cohort);
    const link = (email: string, urn: string) => ({ email, urn, schoolName: urn, areaId: 'telford', linkedBy: 'coordinator' as const, linked: NOW });
    await services.schoolLinks.save(FIXTURE_TENANT, COHORT, [link('amy@hadley.sch.uk', '100001'), link('kit@ketley.sch.uk', '100002')]);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  it('sends the facilitator the card after the workshop and records what they confirm', async () => {
    const runs = await attendanceSource.due({ now: NOW, services: app.app.services, shared: (load) => load(app.app.services) });
    expect(runs.map((run) => run.runId)).toEqual([`attendance:${COHORT}:1:2027-02-01T09:30`]);
    const run = runs[0]!;
    await app.app.dispatcher.runFanoutJob(ATTENDANCE_JOB, { runId: run.runId, target: run.targets[0]!, payload: run.payload });
    expect(connector.calls.find((call) => call.path === '/v3/conversations')?.body).toMatchObject({ members: [{ id: MEGAN.aadObjectId }] });
    const [sent] = connector.activities().slice(sentAtInstall);
    const card = (sent?.attachments as { content: Record<string, unknown> }[])[0]!.content;
    expect(JSON.stringify(card)).toContain('Who attended workshop 1 of Telford Cohort 2?');
    expect(JSON.stringify(card)).toContain('Tick everyone who came.');
    const action = (card.actions as { verb: string; data: Record<string, unknown> }[])[0]!;

    // What Teams sends for Action.Execute: the action's data with the inputs' values merged in.
    const answered = await app.post('/api/messages', cardAction(connector.serviceUrl, MEGAN, action.verb, { ...action.data, a_0: 'amy@hadley.sch.uk', a_1: '' }));
    const answer = answered.json as InvokeAnswer;
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(answer.value)).toContain('Attendance saved: workshop 1 of Telford Cohort 2');
    expect(JSON.stringify(answer.value)).toContain('1 person from 1 school or service attended.');
    expect((await app.app.services.attendance.get(FIXTURE_TENANT, COHORT, 1))?.attended).toEqual(['amy@hadley.sch.uk']);

    const amy = { aadObjectId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'Amy Head' };
    const refused = await app.post('/api/messages', cardAction(connector.serviceUrl, amy, action.verb, { ...action.data, a_0: 'kit@ketley.sch.uk' }));
    expect((refused.json as InvokeAnswer).statusCode).toBe(403);
    expect((await app.app.services.attendance.get(FIXTURE_TENANT, COHORT, 1))?.attended).toEqual(['amy@hadley.sch.uk']);
  });
});
