// Due-item source: half an hour after each booked workshop of a cohort whose area keeps a school register ends, its
// facilitator gets the "who attended" card (within 14 days; one run per workshop and start time, so it is sent once
// however many instances run, and again for a workshop moved to another time).
import { londonInstant } from '../../domain/londonTime';
import type { PlannedRun } from '../../platform/messaging/fanout';
import type { DueSource } from '../../platform/scheduler/scheduler';
import { attendanceDue } from './domain/attendance';
import { ATTENDANCE_JOB, type AttendancePayload } from './jobs/attendanceCard';

export const attendanceSource: DueSource = {
  name: 'workshop-attendance',
  async due({ now, services }) {
    const runs: PlannedRun[] = [];
    for (const cohort of await services.cohorts.listWithBookings()) {
      const booking = cohort.booking;
      if (!booking) continue;
      const ended = booking.workshops.filter((w) => w.status === 'booked' && attendanceDue(londonInstant(w.localEnd.slice(0, 10), w.localEnd.slice(11, 16)), now));
      if (ended.length === 0) continue;
      // An area that keeps no school register does not count uptake: no attendance card.
      if (!(await services.schools.repository.area(cohort.tenantId, cohort.areaId))?.generation) continue;
      const team = await services.installations.get(cohort.tenantId, cohort.teamConversationId);
      if (!team || team.status !== 'active') continue;
      const facilitator = cohort.members.find((m) => m.email === cohort.facilitator && m.userId)?.userId ?? cohort.createdBy;
      for (const workshop of ended) {
        const payload: AttendancePayload = { cohortId: cohort.id, number: workshop.number, recipient: facilitator };
        runs.push({
          tenantId: cohort.tenantId,
          runId: `attendance:${cohort.id}:${workshop.number}:${workshop.localStart}`,
          kind: ATTENDANCE_JOB,
          label: `${cohort.name}: workshop ${workshop.number} attendance`,
          ownerId: cohort.id,
          dueAt: now,
          payload,
          // The card goes 1:1 to the facilitator; the team's reference carries the service URL and bot id to open that chat.
          targets: [{ targetId: facilitator, tenantId: cohort.tenantId, conversationId: cohort.teamConversationId, reference: team.reference }],
        });
      }
    }
    return runs;
  },
};
