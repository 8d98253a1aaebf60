// When a network's half-term digest is due: on the half-term's last school day, from its area's term calendar, covering
// the posts since the previous digest. Pure: time is a parameter.
import type { BankHolidays } from '../../../domain/bankHolidays';
import { londonInstant } from '../../../domain/londonTime';
import { halfTermsOf, type HalfTerm, type TermCalendar } from '../../../domain/termCalendar';

/** The digest goes out at the end of the school day. */
export const DIGEST_TIME = '15:00';
/** A digest missed for longer than this (the bot was down, or the calendar was imported late) is not sent any more. */
export const DIGEST_LATE_DAYS = 7;

export interface DueDigest {
  readonly halfTerm: HalfTerm;
  readonly at: Date;
  /** Posts made from `from` (the previous digest's time, or the half-term's first day) up to `at`. */
  readonly from: Date;
}

/** The deterministic run id: one digest per network and half-term, whichever instance decides first. */
export function digestRunId(networkId: string, halfTermId: string): string {
  return `digest:${networkId}:${halfTermId}`;
}

/** Digests due at `now`: half-terms whose last school day's DIGEST_TIME has passed, within DIGEST_LATE_DAYS, after `since`. */
export function dueDigests(calendars: readonly TermCalendar[], holidays: BankHolidays, now: Date, since: Date): DueDigest[] {
  const halfTerms = calendars.flatMap((c) => halfTermsOf(c, holidays)).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
  const due: DueDigest[] = [];
  halfTerms.forEach((halfTerm, i) => {
    const at = londonInstant(halfTerm.lastSchoolDay, DIGEST_TIME);
    if (at > now || now.getTime() - at.getTime() > DIGEST_LATE_DAYS * 86_400_000 || at <= since) return;
    const previous = halfTerms[i - 1];
    const from = previous ? londonInstant(previous.lastSchoolDay, DIGEST_TIME) : londonInstant(halfTerm.firstDay, '00:00');
    due.push({ halfTerm, at, from });
  });
  return due;
}
