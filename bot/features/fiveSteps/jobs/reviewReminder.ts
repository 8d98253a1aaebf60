// Job kind `fiveStepsReviewReminder`: tells a school's senior mental health lead, in their 1:1 chat, that the school's
// 5 Steps plan is due for review. Nothing is sent when a review was completed (or the lead changed) since it was planned.
import { z } from 'zod';
import { describeLondonDate } from '../../../domain/londonTime';
import { noticeCard } from '../../../platform/cards/notice';
import type { FanoutJob } from '../../../platform/messaging/fanout';
import type { Services } from '../../../platform/services';

export const REVIEW_REMINDER_JOB = 'fiveStepsReviewReminder';

export const reviewReminderPayloadSchema = z.object({
  areaId: z.string().min(1),
  urn: z.string().min(1),
  /** The review the reminder follows (ISO): a later one makes it moot. */
  lastReviewAt: z.string().min(1),
  recipient: z.string().min(1),
});
export type ReviewReminderPayload = z.infer<typeof reviewReminderPayloadSchema>;

export async function handle(job: FanoutJob, services: Services): Promise<void> {
  const payload = reviewReminderPayloadSchema.parse(job.payload);
  const { tenantId, reference } = job.target;
  const stored = await services.fiveStepsPlans.get(tenantId, payload.areaId, payload.urn);
  if (!stored?.plan.lastReviewAt || stored.plan.lastReviewAt.toISOString() !== payload.lastReviewAt || stored.lead?.aadObjectId !== payload.recipient) return;
  const { plan } = stored;
  const card = services.cards.render(noticeCard, {
    title: `Time to review ${plan.schoolName}'s 5 Steps plan`,
    message: `The last review was on ${describeLondonDate(plan.lastReviewAt ?? new Date(payload.lastReviewAt))}, and the school reviews its plan every ${plan.reviewMonths} months. Send me "plan" to check each step's ratings with your team, then press "Mark review complete".`,
    details: [`"plan progress" shows what changed since the last review.`, `To review less often, change "Review the plan every" on the plan's first card.`],
  });
  const chat = await services.sender.createPersonalConversation({ tenantId, serviceUrl: reference.serviceUrl, userId: payload.recipient, botId: reference.bot.id });
  await services.sender.send(chat, { card, text: `Time to review ${plan.schoolName}'s 5 Steps plan.` });
}
