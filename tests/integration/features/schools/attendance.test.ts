// Workshop attendance end to end (Graph through nock with the documented response shapes, Azurite, the Bot Connector
// stand-in): after a workshop held as a Teams meeting, the scheduler's source plans one run per workshop (once across
// instances), the job sends the facilitator a card ticked from the meeting's attendance report, the facilitator
// confirms, and after both workshops a school has taken part.
import nock from 'nock';
import type { Cohort } from '../../../../bot/features/cohorts';
import { attendanceSource } from '../../../../bot/features/schools/attendanceSource';
import { ATTENDANCE_VERB } from '../../../../bot/features/schools/cards/schools';
import { ATTENDANCE_JOB } from '../../../../bot/features/schools/jobs/attendanceCard';
import type { PlannedRun } from '../../../../bot/platform/messaging/fanout';
import type { SchedulerTick } from '../../../../bot/platform/scheduler/scheduler';
import { cardText, startCohortApp, submit, TEAM_CONVERSATION, ORGANISER, type CohortApp } from '../../../support/cohortApp';
import { FIXTURE_TENANT } from '../../../support/fixtures';
import { GRAPH, graphFixture, isolateGraph, releaseGraph, TEAM_GROUP_ID, user } from '../../../support/graph';

const AMY = { id: '18a80140-b0fb-4489-b360-2f6efaf225a0', email: 'amy.head@stmarys.sch.uk' };
const BEN = { id: '86503198-b81b-43fe-81ee-ad45b8848ac9', email: 'ben.smith@nhs.net' };
const FACILITATOR = { id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', email: 'fay.cilitator@nhs.net' };
const ORGANISER_ID = '9d2c5f4a-1b3e-4c6d-8e7f-0a1b2c3d4e5f';
const JOIN_URL = (graphFixture('online-meetings-by-joinurl').value as { joinWebUrl: string }[])[0]!.joinWebUrl;
const MEETING_ID = (graphFixture('online-meetings-by-joinurl').value as { id: string }[])[0]!.id;
const REPORT_ID = 'c9b6db1c-d5eb-427d-a5c0-20088d9b22d7';

let ctx: CohortApp;
afterAll(() => releaseGraph());
beforeEach(async () => {
  isolateGraph();
  ctx = await startCohortApp();
  ctx.now = new Date('2027-02-01T16:30:00Z');
  const { services } = ctx.app;
  await services.schools.repository.replace(
    FIXTURE_TENANT,
    'salford',
    [
      { urn: '105900', name: 'St Mary’s RC Primary School', kind: 'school', phase: 'primary' },
      { urn: 'S1', name: 'Salford CAMHS', kind: 'service', phase: 'other' },
    ],
    { generation: 'g1', importedBy: 'coordinator', now: ctx.now },
  );
  const cohort: Cohort = {
    tenantId: FIXTURE_TENANT,
    id: 'a1b2c3d4e5f6a7b8c9d0e1f2',
    name: 'Salford Cohort 5',
    areaId: 'salford',
    teamConversationId: TEAM_CONVERSATION,
    teamAadGroupId: TEAM_GROUP_ID,
    membershipType: 'standard',
    facilitator: FACILITATOR.email,
    channelId: '19:a3c2f1e0d9b84c7a9e6f5d4c3b2a1908@thread.tacv2',
    members: [
      { email: AMY.email, status: 'added', userId: AMY.id, name: 'Amy Head', mail: AMY.email },
      { email: BEN.email, status: 'added', userId: BEN.id, name: 'Ben Smith', guest: true, mail: BEN.email },
      { email: FACILITATOR.email, status: 'added', userId: FACILITATOR.id, name: 'Fay Cilitator', mail: FACILITATOR.email },
    ],
    status: 'ready',
    booking: {
      organiser: ORGANISER,
      online: true,
      durationMinutes: 360,
      workshops: [
        { number: 1, localStart: '2027-02-01T09:30', localEnd: '2027-02-01T15:30', status: 'booked', eventId: 'AAMkAD1', joinUrl: JOIN_URL },
        { number: 2, localStart: '2027-03-15T09:30', localEnd: '2027-03-15T15:30', status: 'booked', eventId: 'AAMkAD2', joinUrl: JOIN_URL },
      ],
    },
    createdBy: ctx.coordinator.aadObjectId,
    created: ctx.now,
    updated: ctx.now,
  };
  await services.cohorts.insertOrGet(cohort);
  await services.schoolLinks.save(FIXTURE_TENANT, cohort.id, [
    { email: AMY.email, urn: '105900', schoolName: 'St Mary’s RC Primary School', areaId: 'salford', userId: AMY.id, linkedBy: 'coordinator', linked: ctx.now },
    { email: BEN.email, urn: 'S1', schoolName: 'Salford CAMHS', areaId: 'salford', userId: BEN.id, linkedBy: 'self', linked: ctx.now },
  ]);
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await ctx.stop();
  expect(pending).toEqual([]);
});

async function dueRuns(now: Date): Promise<PlannedRun[]> {
  const tick: SchedulerTick = { now, services: ctx.app.services, shared: (load) => load(ctx.app.services) };
  return attendanceSource.due(tick);
}

function graphReportsAttendance() {
  nock(GRAPH)
    .get('/v1.0/users')
    .query({ $filter: `mail eq '${ORGANISER}' or userPrincipalName eq '${ORGANISER}'`, $select: 'id,displayName,mail,userPrincipalName,userType' })
    .reply(200, { value: [user(ORGANISER_ID, ORGANISER)] });
  nock(GRAPH).get(`/v1.0/users/${ORGANISER_ID}/onlineMeetings`).query({ $filter: `JoinWebUrl eq '${JOIN_URL}'` }).reply(200, graphFixture('online-meetings-by-joinurl'));
  const reports = `/v1.0/users/${ORGANISER_ID}/onlineMeetings/${encodeURIComponent(MEETING_ID)}/attendanceReports`;
  nock(GRAPH).get(reports).reply(200, graphFixture('attendance-reports'));
  nock(GRAPH).get(`${reports}/${REPORT_ID}`).query({ $expand: 'attendanceRecords' }).reply(200, graphFixture('attendance-report'));
}

const sentCards = () => ctx.connector.calls.filter((c) => /\/v3\/conversations\/[^/]+\/activities$/.test(c.path)).map((c) => c.body);

describe('workshop attendance', () => {
  it('plans one run per workshop once it has ended, the same run on every instance', async () => {
    expect(await dueRuns(new Date('2027-02-01T15:45:00Z'))).toEqual([]);
    const runs = await dueRuns(ctx.now);
    expect(runs.map((r) => [r.kind, r.runId, r.payload])).toEqual([
      [ATTENDANCE_JOB, 'attendance:a1b2c3d4e5f6a7b8c9d0e1f2:1:2027-02-01T09:30', { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: 1, recipient: FACILITATOR.id }],
    ]);
    expect(await dueRuns(ctx.now)).toEqual(runs);
    // Two instances starting the same run: only the first enqueues it.
    const producer = ctx.app.services.sends.producer;
    expect(await producer.start(runs[0]!, ctx.now)).toBe('enqueued');
    expect(await producer.start(runs[0]!, ctx.now)).toBe('exists');
  });

  it('sends the facilitator the card ticked from the Teams attendance report, and records what they confirm', async () => {
    graphReportsAttendance();
    const [run] = await dueRuns(ctx.now);
    await ctx.app.dispatcher.runFanoutJob(ATTENDANCE_JOB, { runId: run!.runId, target: run!.targets[0]!, payload: run!.payload });
    const opened = ctx.connector.calls.find((c) => c.path === '/v3/conversations');
    expect(opened?.body).toMatchObject({ members: [{ id: FACILITATOR.id }], tenantId: FIXTURE_TENANT });
    const [card] = sentCards();
    const text = cardText(card);
    expect(text).toContain('Who attended workshop 1 of Salford Cohort 5?');
    expect(text).toContain('Ticked from the Teams meeting\'s attendance report (1 of 3 members there for 10 minutes or more)');
    expect(text).toContain('St Mary’s RC Primary School');
    expect(text).toContain('Salford CAMHS (service)');
    expect(text).toContain('No school recorded');
    // Groups by name (Salford CAMHS, St Mary's, no school): Amy was there all day; Ben stayed five minutes, so he is not ticked.
    const inputs = JSON.stringify(card).match(/"id":"a_\d","isMultiSelect":true,"style":"expanded","value":"[^"]*"/g);
    expect(inputs).toEqual([
      '"id":"a_0","isMultiSelect":true,"style":"expanded","value":""',
      `"id":"a_1","isMultiSelect":true,"style":"expanded","value":"${AMY.email}"`,
      '"id":"a_2","isMultiSelect":true,"style":"expanded","value":""',
    ]);

    const facilitator = { aadObjectId: FACILITATOR.id, name: 'Fay Cilitator', tenantId: FIXTURE_TENANT };
    const first = await submit(ctx, ATTENDANCE_VERB, { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: '1', a_0: AMY.email, a_1: BEN.email, a_2: 'not-a-member@x.org' }, facilitator);
    expect(cardText(first.card)).toContain('2 people from 2 schools and services attended.');
    expect(cardText(first.card)).toContain('Taken part (someone at both workshops): 0');
    const second = await submit(ctx, ATTENDANCE_VERB, { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: 2, a_0: AMY.email }, facilitator);
    expect(cardText(second.card)).toContain('Taken part (someone at both workshops): 1');
    expect(cardText(second.card)).toContain('Started (at one workshop so far): 1');
    expect((await ctx.app.services.attendance.get(FIXTURE_TENANT, 'a1b2c3d4e5f6a7b8c9d0e1f2', 1))?.attended).toEqual([AMY.email, BEN.email]);
  });

  it('sends the card with nobody ticked, saying why, when Graph refuses the attendance report', async () => {
    nock(GRAPH)
      .get('/v1.0/users')
      .query(true)
      .reply(200, { value: [user(ORGANISER_ID, ORGANISER)] });
    nock(GRAPH).get(`/v1.0/users/${ORGANISER_ID}/onlineMeetings`).query(true).reply(403, graphFixture('forbidden'));
    const [run] = await dueRuns(ctx.now);
    await ctx.app.dispatcher.runFanoutJob(ATTENDANCE_JOB, { runId: run!.runId, target: run!.targets[0]!, payload: run!.payload });
    expect(cardText(sentCards()[0])).toContain('I could not read the Teams meeting\'s attendance report');
  });

  it('lets only the facilitator or a coordinator record attendance', async () => {
    const amy = { aadObjectId: AMY.id, name: 'Amy Head', tenantId: FIXTURE_TENANT };
    await expect(submit(ctx, ATTENDANCE_VERB, { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: 1, a_0: AMY.email }, amy)).rejects.toMatchObject({ code: 'forbidden' });
    const saved = await submit(ctx, ATTENDANCE_VERB, { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: 1, a_0: AMY.email });
    expect(cardText(saved.card)).toContain('1 person from 1 school or service attended.');
  });

  it('puts a person\'s school and attendance in privacy export, and takes them out on privacy delete', async () => {
    await submit(ctx, ATTENDANCE_VERB, { cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', number: 1, a_0: `${AMY.email},${BEN.email}` });
    const sources = ctx.app.services.personalData.filter((source) => source.name === 'workshopAttendance' || source.name === 'schoolLinks');
    const exported = Object.fromEntries(await Promise.all(sources.map(async (source) => [source.name, await source.exportFor(FIXTURE_TENANT, AMY.id)] as const)));
    expect(exported).toEqual({
      workshopAttendance: [{ cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', email: AMY.email, workshop: 1, attended: true }],
      schoolLinks: [expect.objectContaining({ cohortId: 'a1b2c3d4e5f6a7b8c9d0e1f2', email: AMY.email, urn: '105900' })],
    });
    for (const source of sources) await source.eraseFor(FIXTURE_TENANT, AMY.id, ctx.now);
    expect((await ctx.app.services.attendance.get(FIXTURE_TENANT, 'a1b2c3d4e5f6a7b8c9d0e1f2', 1))?.attended).toEqual([BEN.email]);
    expect((await ctx.app.services.schoolLinks.links(FIXTURE_TENANT, 'a1b2c3d4e5f6a7b8c9d0e1f2')).map((link) => link.email)).toEqual([BEN.email]);
  });
});
