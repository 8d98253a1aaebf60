// Due-item source: a reminder in the cohort channel a day before each booked workshop.
import { describeLondonDateTime } from '../../domain/londonTime';
import { REMINDER_LEAD_MS, reminderRunId, workshopsToRemind } from './domain/workshopReminders';
import { workshopStart } from './domain/workshops';
import { WORKSHOP_REMINDER_JOB, type WorkshopReminderPayload } from './jobs/workshopReminder';
import type { PlannedRun } from '../../platform/messaging/fanout';
import type { DueSource } from '../../platform/scheduler/scheduler';

export const workshopReminderSource: DueSource = {
  name: 'workshop-reminders',
  async due({ now, services }) {
    const runs: PlannedRun[] = [];
    for (const cohort of await services.cohorts.listWithBookings()) {
      const booking = cohort.booking;
      if (!booking || !cohort.channelId) continue;
      const booked = booking.workshops.filter((w) => w.status === 'booked').map((w) => ({ ...w, start: workshopStart(w) }));
      const due = workshopsToRemind(booked, now);
      if (due.length === 0) continue;
      const team = await services.installations.get(cohort.tenantId, cohort.teamConversationId);
      if (!team || team.status !== 'active') continue;
      for (const workshop of due) {
        const payload: WorkshopReminderPayload = {
          cohort: cohort.name,
          number: workshop.number,
          when: describeLondonDateTime(workshop.start),
          where: booking.online ? 'Online, in Teams' : (booking.venue ?? 'See the invitation'),
          joinUrl: workshop.joinUrl,
        };
        runs.push({
          tenantId: cohort.tenantId,
          runId: reminderRunId(cohort.id, workshop),
          kind: WORKSHOP_REMINDER_JOB,
          label: `${cohort.name}: workshop ${workshop.number} reminder`,
          ownerId: cohort.id,
          dueAt: new Date(workshop.start.getTime() - REMINDER_LEAD_MS),
          payload,
          targets: [{ targetId: cohort.channelId, tenantId: cohort.tenantId, conversationId: cohort.teamConversationId, reference: team.reference, channelId: cohort.channelId }],
        });
      }
    }
    return runs;
  },
};
