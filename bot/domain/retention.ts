// How long each kind of record is kept, and when a record's time is up. Pure: `now` is a parameter.
import { DateTime } from 'luxon';

export interface RetentionPolicy {
  /** Survey responses, months after they were last updated. */
  readonly responsesMonths: number;
  /** Panel cases, months after advice was given (or after submission, for a case never advised). */
  readonly panelCasesMonths: number;
  /** Audit entries, months after the action. */
  readonly auditMonths: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { responsesMonths: 24, panelCasesMonths: 12, auditMonths: 72 };

/** The instant before which a record kept for `months` has expired (calendar months, UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();
}

/** A panel case's retention clock starts when advice is given; an unadvised case starts from submission. */
export function panelCaseExpired(submittedAt: Date, advisedAt: Date | undefined, now: Date, months: number): boolean {
  return (advisedAt ?? submittedAt).getTime() < retentionCutoff(now, months).getTime();
}
