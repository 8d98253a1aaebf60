// Job kind `schoolsAttendance`: sends one workshop's "who attended" card to the cohort's facilitator in their 1:1 chat,
// ticked from the Teams meeting's attendance report when there is one.
import { z } from 'zod';
import type { FanoutJob } from '../../../platform/messaging/fanout';
import type { Services } from '../../../platform/services';
import { buildAttendanceCard, reportAttendees } from '../attendanceCard';

export const ATTENDANCE_JOB = 'schoolsAttendance';

export const attendancePayloadSchema = z.object({
  cohortId: z.string().min(1),
  number: z.union([z.literal(1), z.literal(2)]),
  /** Entra ID object id of who gets the card: the facilitator, else the coordinator who created the cohort. */
  recipient: z.string().min(1),
});
export type AttendancePayload = z.infer<typeof attendancePayloadSchema>;

export async function handle(job: FanoutJob, services: Services): Promise<void> {
  const payload = attendancePayloadSchema.parse(job.payload);
  const { tenantId, reference } = job.target;
  const stored = await services.cohorts.get(tenantId, payload.cohortId);
  // A cohort deleted since the run was planned: nothing to ask about.
  if (!stored) return;
  const cohort = stored.value;
  const confirmed = await services.attendance.get(tenantId, cohort.id, payload.number);
  const { emails, note } = confirmed ? { emails: [...confirmed.attended], note: 'As you last confirmed it.' } : await reportAttendees(cohort, payload.number, services);
  const card = await buildAttendanceCard(cohort, payload.number, new Set(emails), `A school has taken part when someone from it attended both workshops. ${note}`, services);
  const chat = await services.sender.createPersonalConversation({ tenantId, serviceUrl: reference.serviceUrl, userId: payload.recipient, botId: reference.bot.id });
  await services.sender.send(chat, { card, text: `Who attended workshop ${payload.number} of ${cohort.name}?` });
}
