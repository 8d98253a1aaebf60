// Builds the facilitator's "who attended" card for one workshop of a cohort: its schools and people as checkboxes,
// ticked from the Teams meeting's attendance report when the workshop was a Teams meeting (or as last confirmed).
import type { AdaptiveCard } from '../../events';
import type { Services } from '../../platform/services';
import { ATTENDANCE_VERB, attendanceCard } from './cards/schools';
import { attendeesFromReport } from './domain/attendance';
import { cohortSchools, type CohortForSchools } from './links';

export interface CohortWithBooking extends CohortForSchools {
  readonly members: readonly { readonly email: string; readonly userId?: string; readonly name?: string; readonly mail?: string | null }[];
  readonly booking?: {
    readonly organiser: string;
    readonly online: boolean;
    readonly workshops: readonly { readonly number: 1 | 2; readonly status: string; readonly joinUrl?: string }[];
  };
}

/** Who the Teams attendance report shows, or why it could not be read (a line for the card). */
export async function reportAttendees(cohort: CohortWithBooking, number: 1 | 2, services: Services): Promise<{ emails: string[]; note: string }> {
  const booking = cohort.booking;
  const workshop = booking?.workshops.find((w) => w.number === number && w.status === 'booked');
  if (!booking?.online || !workshop?.joinUrl) return { emails: [], note: 'Tick everyone who came.' };
  try {
    const organiser = (await services.graph.usersByEmail([booking.organiser])).get(booking.organiser);
    const records = organiser ? await services.graph.meetingAttendance(organiser.id, workshop.joinUrl) : undefined;
    if (!records) return { emails: [], note: 'I found no Teams meeting report for this workshop, so nobody is ticked: tick everyone who came.' };
    const emails = attendeesFromReport(records, cohort.members);
    return { emails, note: `Ticked from the Teams meeting's attendance report (${emails.length} of ${cohort.members.length} members there for 10 minutes or more). Check it, add anyone who came in person, and confirm.` };
  } catch (error) {
    services.logger.warn({ event: 'schools.attendance-report-failed', cohort: cohort.id, number, code: (error as { code?: unknown }).code }, 'attendance report not read');
    return { emails: [], note: 'I could not read the Teams meeting\'s attendance report (the bot may lack the OnlineMeetingArtifact.Read.All permission), so nobody is ticked: tick everyone who came.' };
  }
}

/** The card, with `ticked` ticked. */
export async function buildAttendanceCard(cohort: CohortWithBooking, number: 1 | 2, ticked: ReadonlySet<string>, intro: string, services: Services): Promise<AdaptiveCard> {
  const { schools, without } = await cohortSchools(cohort, services);
  const nameOf = new Map(cohort.members.map((member) => [member.email, member.name ? `${member.name} (${member.email})` : member.email]));
  const groups = [
    ...schools.map((school) => ({ title: school.entry?.kind === 'service' ? `${school.name} (service)` : school.name, emails: school.members })),
    ...(without.length > 0 ? [{ title: 'No school recorded', emails: without }] : []),
  ];
  return services.cards.render(attendanceCard, {
    cohortName: cohort.name,
    cohortId: cohort.id,
    number,
    verb: ATTENDANCE_VERB,
    intro,
    groups: groups.slice(0, 100).map((group, index) => ({
      title: group.title,
      inputId: `a_${index}`,
      value: group.emails.filter((email) => ticked.has(email)).join(','),
      people: group.emails.map((email) => ({ title: nameOf.get(email) ?? email, value: email })),
    })),
  });
}
