// Due-item source: when a school's plan is due for review (its cycle of 3 to 6 months after the last review), its
// senior mental health lead gets a reminder on the first school day from then (the area's term dates and the bank
// holidays respected), within 14 days. One run per plan and review, so it is sent once however many instances run.
import { isWeekend, londonDate } from '../../domain/londonTime';
import type { PlannedRun } from '../../platform/messaging/fanout';
import type { DueSource } from '../../platform/scheduler/scheduler';
import type { Services } from '../../platform/services';
import { nextReviewDue, REVIEW_MONTHS } from './domain/plan';
import { REVIEW_REMINDER_JOB, type ReviewReminderPayload } from './jobs/reviewReminder';

/** A reminder not sent within this long of the due date (the bot was down, a long holiday) is not sent late. */
const WITHIN_DAYS = 14;

export const reviewReminderSource: DueSource = {
  name: 'five-steps-review-reminders',
  async due({ now, services }) {
    const runs: PlannedRun[] = [];
    const earliestCycle = new Date(now);
    earliestCycle.setUTCMonth(earliestCycle.getUTCMonth() - REVIEW_MONTHS.min);
    const today = londonDate(now);
    // One read of each area's term dates and bank holidays per tick, however many of its plans are due.
    const holidaysByArea = new Map<string, ReturnType<Services['schoolHolidays']['inArea']>>();
    for (const plan of await services.fiveStepsPlans.reviewedBefore(earliestCycle)) {
      const due = nextReviewDue(plan.lastReviewAt, plan.reviewMonths);
      if (due > now || now.getTime() - due.getTime() > WITHIN_DAYS * 86_400_000) continue;
      const areaKey = `${plan.tenantId}|${plan.areaId}`;
      let reading = holidaysByArea.get(areaKey);
      if (!reading) {
        reading = services.schoolHolidays.inArea(plan.tenantId, plan.areaId);
        holidaysByArea.set(areaKey, reading);
      }
      const holidays = await reading;
      if (isWeekend(today) || holidays.bankHolidays.titleOn(today) !== undefined || holidays.schoolHolidayOn(today) !== undefined) continue;
      // The lead's 1:1 chat is opened through an installation in the tenant: the team of a cohort they are in.
      const links = (await services.schoolLinks.linksOf(plan.lead.aadObjectId)).filter((found) => found.partitionKey.startsWith(`${plan.tenantId}|`));
      let reference;
      for (const { partitionKey } of links) {
        const cohort = (await services.cohorts.get(plan.tenantId, partitionKey.slice(plan.tenantId.length + 1)))?.value;
        if (!cohort) continue;
        const team = await services.installations.get(plan.tenantId, cohort.teamConversationId);
        if (team?.status === 'active') {
          reference = { conversationId: cohort.teamConversationId, reference: team.reference };
          break;
        }
      }
      if (!reference) {
        services.logger.warn({ event: 'fiveSteps.reminder-unreachable', area: plan.areaId, urn: plan.urn }, 'plan review due, but no installation reaches its lead');
        continue;
      }
      const payload: ReviewReminderPayload = { areaId: plan.areaId, urn: plan.urn, lastReviewAt: plan.lastReviewAt.toISOString(), recipient: plan.lead.aadObjectId };
      runs.push({
        tenantId: plan.tenantId,
        runId: `plan-review:${plan.areaId}:${plan.urn}:${payload.lastReviewAt}`,
        kind: REVIEW_REMINDER_JOB,
        label: `${plan.schoolName}: 5 Steps review due`,
        ownerId: `${plan.areaId}:${plan.urn}`,
        dueAt: now,
        payload,
        targets: [{ targetId: plan.lead.aadObjectId, tenantId: plan.tenantId, conversationId: reference.conversationId, reference: reference.reference }],
      });
    }
    return runs;
  },
};
