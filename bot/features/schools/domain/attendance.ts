// Who took part, pure: the programme's rule (a school has taken part when someone from it attended both workshops;
// one workshop is "started"), reading a Teams attendance report against a cohort's members, and when a workshop's
// attendance card is due.

export type SchoolProgress = 'taken part' | 'started' | 'not yet';

/**
 * Each school's progress from who attended each workshop (lower-cased addresses) and which school each person is
 * from: someone from it attended both workshops is "taken part"; anyone from it at either workshop is "started".
 */
export function schoolProgress(
  links: ReadonlyMap<string, string>,
  first: ReadonlySet<string>,
  second: ReadonlySet<string>,
): Map<string, SchoolProgress> {
  const progress = new Map<string, SchoolProgress>();
  for (const [email, urn] of links) {
    const was = progress.get(urn) ?? 'not yet';
    const now: SchoolProgress = first.has(email) && second.has(email) ? 'taken part' : first.has(email) || second.has(email) ? 'started' : 'not yet';
    progress.set(urn, rank(now) > rank(was) ? now : was);
  }
  return progress;
}

/** The best progress over several cohorts (a school may be in more than one). */
export function bestProgress(a: SchoolProgress | undefined, b: SchoolProgress): SchoolProgress {
  return a === undefined || rank(b) > rank(a) ? b : a;
}

function rank(progress: SchoolProgress): number {
  return progress === 'taken part' ? 2 : progress === 'started' ? 1 : 0;
}

/** Someone in the report for less than this is not counted as attending (a join to check the link). */
export const MIN_ATTENDANCE_SECONDS = 10 * 60;

/**
 * The cohort members a Teams attendance report shows at the workshop: matched by Entra ID object id or address,
 * present for at least ten minutes in all (across the report's rejoins and reports).
 */
export function attendeesFromReport(
  records: readonly { readonly email: string; readonly userId?: string; readonly seconds: number }[],
  members: readonly { readonly email: string; readonly userId?: string; readonly mail?: string | null }[],
): string[] {
  const seconds = new Map<string, number>();
  for (const member of members) {
    const mail = (member.mail ?? '').toLowerCase();
    const total = records
      .filter((record) => (member.userId !== undefined && record.userId === member.userId) || (record.email !== '' && (record.email === member.email || record.email === mail)))
      .reduce((sum, record) => sum + record.seconds, 0);
    if (total > 0) seconds.set(member.email, total);
  }
  return members.filter((member) => (seconds.get(member.email) ?? 0) >= MIN_ATTENDANCE_SECONDS).map((member) => member.email);
}

/** How long after a workshop ends its attendance card is still sent (the scheduler may have been down). */
export const ATTENDANCE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
/** The attendance report is ready a little after the meeting ends. */
export const ATTENDANCE_DELAY_MS = 30 * 60 * 1000;

/** Whether a workshop that ended at `end` is due its attendance card at `now`. */
export function attendanceDue(end: Date, now: Date): boolean {
  const since = now.getTime() - end.getTime();
  return since >= ATTENDANCE_DELAY_MS && since <= ATTENDANCE_WINDOW_MS;
}

export interface WorkshopAttendance {
  readonly number: 1 | 2;
  /** Lower-cased addresses of the cohort members who attended. */
  readonly attended: readonly string[];
  /** Entra ID object id of who confirmed it. */
  readonly confirmedBy: string;
  readonly confirmed: Date;
  /** The Teams attendance report filled the card in before the facilitator confirmed it. */
  readonly fromReport: boolean;
}
