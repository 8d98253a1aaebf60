// Review reminders through the scheduler's source and the fan-out job, on Azurite with the Bot Connector stand-in: a
// plan reviewed three months ago reminds its senior mental health lead on the first school day it is due (Kent's
// February half-term and the weekend skipped), once across instances, and not after a newer review.
import type { Cohort } from '../../../../bot/features/cohorts';
import { emptyPlan, reviewed, snapshotOf } from '../../../../bot/features/fiveSteps/domain/plan';
import { REVIEW_REMINDER_JOB } from '../../../../bot/features/fiveSteps/jobs/reviewReminder';
import { reviewReminderSource } from '../../../../bot/features/fiveSteps/reviewReminderSource';
import type { PlannedRun } from '../../../../bot/platform/messaging/fanout';
import type { SchedulerTick } from '../../../../bot/platform/scheduler/scheduler';
import { kentCalendar } from '../../../support/calendars';
import { cardText, startCohortApp, TEAM_CONVERSATION, type CohortApp } from '../../../support/cohortApp';
import { FIXTURE_TENANT } from '../../../support/fixtures';
import { releaseGraph, TEAM_GROUP_ID } from '../../../support/graph';

const LEAD = { aadObjectId: '3c1d9e2f-4a5b-4c6d-8e7f-901a2b3c4d5e', name: 'Lee Lead' };
const SCHOOL = { tenantId: FIXTURE_TENANT, areaId: 'kent', urn: '118000', schoolName: 'Oakwood Primary' };
const REVIEWED = new Date('2025-11-20T15:00:00Z');

let ctx: CohortApp;
beforeEach(async () => {
  ctx = await startCohortApp();
  ctx.now = REVIEWED;
  const { services } = ctx.app;
  await services.termCalendars.save(FIXTURE_TENANT, { ...kentCalendar(), area: 'kent', importedBy: 'test', imported: REVIEWED });
  const cohort: Cohort = {
    tenantId: FIXTURE_TENANT,
    id: 'f1f2f3f4f5f6a7b8c9d0e1f2',
    name: 'Kent Cohort 2',
    areaId: 'kent',
    teamConversationId: TEAM_CONVERSATION,
    teamAadGroupId: TEAM_GROUP_ID,
    membershipType: 'standard',
    members: [{ email: 'lee@oakwood.kent.sch.uk', status: 'added', userId: LEAD.aadObjectId }],
    status: 'ready',
    createdBy: ctx.coordinator.aadObjectId,
    created: REVIEWED,
    updated: REVIEWED,
  };
  await services.cohorts.insertOrGet(cohort);
  await services.schoolLinks.save(FIXTURE_TENANT, cohort.id, [{ email: 'lee@oakwood.kent.sch.uk', urn: SCHOOL.urn, schoolName: SCHOOL.schoolName, areaId: 'kent', userId: LEAD.aadObjectId, linkedBy: 'self', linked: REVIEWED }]);
  const framework = services.fiveStepsFramework;
  await services.fiveStepsPlans.change(SCHOOL, () => emptyPlan(SCHOOL, framework), (_s, plan) => ({ write: { plan: reviewed(plan, REVIEWED), review: snapshotOf(plan, framework, LEAD, REVIEWED), lead: LEAD }, result: null }), REVIEWED);
});
afterEach(() => ctx.stop());
// The Graph support loads nock, which intercepts this worker's HTTP until it is restored (the storage tests need real sockets).
afterAll(() => releaseGraph());

async function dueRuns(now: Date): Promise<PlannedRun[]> {
  const tick: SchedulerTick = { now, services: ctx.app.services, shared: (load) => load(ctx.app.services) };
  return reviewReminderSource.due(tick);
}

const sentCards = () => ctx.connector.calls.filter((c) => /\/v3\/conversations\/[^/]+\/activities$/.test(c.path)).map((c) => c.body);

describe('5 Steps review reminders', () => {
  it('waits for the first school day the review is due, plans one run for it, and sends it once to the lead', async () => {
    // Due 20 February 2026: Kent's half-term (16-20 February), then a weekend.
    expect(await dueRuns(new Date('2026-02-19T09:00:00Z'))).toEqual([]);
    expect(await dueRuns(new Date('2026-02-20T16:00:00Z'))).toEqual([]);
    expect(await dueRuns(new Date('2026-02-21T09:00:00Z'))).toEqual([]);
    const monday = new Date('2026-02-23T09:00:00Z');
    const runs = await dueRuns(monday);
    expect(runs.map((r) => [r.kind, r.runId, r.targets[0]?.targetId])).toEqual([[REVIEW_REMINDER_JOB, `plan-review:kent:118000:${REVIEWED.toISOString()}`, LEAD.aadObjectId]]);
    expect(await dueRuns(new Date('2026-02-24T09:00:00Z'))).toEqual(runs.map((r) => ({ ...r, dueAt: new Date('2026-02-24T09:00:00Z') })));
    const producer = ctx.app.services.sends.producer;
    expect(await producer.start(runs[0]!, monday)).toBe('enqueued');
    expect(await producer.start(runs[0]!, monday)).toBe('exists');

    await ctx.app.dispatcher.runFanoutJob(REVIEW_REMINDER_JOB, { runId: runs[0]!.runId, target: runs[0]!.targets[0]!, payload: runs[0]!.payload });
    expect(ctx.connector.calls.find((c) => c.path === '/v3/conversations')?.body).toMatchObject({ members: [{ id: LEAD.aadObjectId }], tenantId: FIXTURE_TENANT });
    const [card] = sentCards();
    expect(cardText(card)).toContain("Time to review Oakwood Primary's 5 Steps plan");
    expect(cardText(card)).toContain('every 3 months');
    // Far past the due date (the bot was down for weeks), no late reminder.
    expect(await dueRuns(new Date('2026-03-23T09:00:00Z'))).toEqual([]);
  });

  it('sends nothing once a newer review is complete, and plans none for it until it is due', async () => {
    const [run] = await dueRuns(new Date('2026-02-23T09:00:00Z'));
    const { services } = ctx.app;
    const again = new Date('2026-02-23T10:00:00Z');
    await services.fiveStepsPlans.change(SCHOOL, () => emptyPlan(SCHOOL, services.fiveStepsFramework), (_s, plan) => ({ write: { plan: reviewed(plan, again), review: snapshotOf(plan, services.fiveStepsFramework, LEAD, again) }, result: null }), again);
    await ctx.app.dispatcher.runFanoutJob(REVIEW_REMINDER_JOB, { runId: run!.runId, target: run!.targets[0]!, payload: run!.payload });
    expect(sentCards()).toEqual([]);
    expect(await dueRuns(new Date('2026-02-24T09:00:00Z'))).toEqual([]);
  });
});
