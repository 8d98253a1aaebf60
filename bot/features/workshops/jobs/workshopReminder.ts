// Job kind `workshopReminder`: posts the day-before reminder for one workshop as a new thread in the cohort channel.
import { z } from 'zod';
import { workshopReminderCard } from '../cards/workshopReminder';
import type { FanoutJob } from '../../../platform/messaging/fanout';
import type { Services } from '../../../platform/services';
import { postToTarget } from '../../../platform/messaging/sender';

export const WORKSHOP_REMINDER_JOB = 'workshopReminder';

export const workshopReminderPayloadSchema = z.object({
  cohort: z.string().min(1),
  number: z.union([z.literal(1), z.literal(2)]),
  when: z.string().min(1),
  where: z.string().min(1),
  joinUrl: z.url().optional(),
});
export type WorkshopReminderPayload = z.infer<typeof workshopReminderPayloadSchema>;

const WHAT: Record<1 | 2, string> = {
  1: 'Workshop 1 works through the CASCADE framework: how schools, colleges and mental health services work together now, and where we want to be in a year.',
  2: 'Workshop 2 agrees how we will keep working together: the joint action plan.',
};

export async function handle(job: FanoutJob, services: Services): Promise<void> {
  const { target } = job;
  const payload = workshopReminderPayloadSchema.parse(job.payload);
  const card = services.cards.render(workshopReminderCard, { ...payload, what: WHAT[payload.number] });
  const message = { card, text: `Reminder: workshop ${payload.number} is tomorrow` };
  await postToTarget(services.sender, target, message);
}
