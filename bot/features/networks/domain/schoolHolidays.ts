// Which school holiday a date falls in, from an area's imported term calendars and the bank holidays in use. Pure; dates are London calendar dates.
import type { BankHolidays } from '../../../domain/bankHolidays';
import { halfTermsOf, type TermCalendar } from '../../../domain/termCalendar';

/** The break after half-term 1..5 of a school year, by its usual English name. */
const BREAK_AFTER: Record<number, string> = {
  1: 'the October half-term',
  2: 'the Christmas holidays',
  3: 'the February half-term',
  4: 'the Easter holidays',
  5: 'the May half-term',
};

/**
 * The name of the school holiday `date` falls in, or undefined when it is in term time or when no imported
 * calendar covers it (nothing is claimed about years the council's dates were not imported for).
 * Weekends and bank holidays inside a half-term are not school holidays here; callers check those themselves.
 */
export function schoolHolidayOn(date: string, calendars: readonly TermCalendar[], holidays: BankHolidays): string | undefined {
  for (const calendar of calendars) {
    const halfTerms = halfTermsOf(calendar, holidays);
    const first = halfTerms[0];
    const last = halfTerms[halfTerms.length - 1];
    if (!first || !last) continue;
    const startYear = first.firstDay.slice(0, 4);
    const endYear = last.lastDay.slice(0, 4);
    if (date >= `${startYear}-08-01` && date < first.firstDay) return 'the summer holidays';
    if (date > last.lastDay && date <= `${endYear}-08-31`) return 'the summer holidays';
    if (date < first.firstDay || date > last.lastDay) continue;
    if (calendar.closures.includes(date)) return 'a school closure day';
    const inside = halfTerms.find((h) => date >= h.firstDay && date <= h.lastDay);
    if (inside) return undefined;
    const before = [...halfTerms].reverse().find((h) => h.lastDay < date);
    return before ? (BREAK_AFTER[before.index] ?? 'a school holiday') : 'a school holiday';
  }
  return undefined;
}

/** An area's term dates for one school year, as a coordinator imported them. */
export interface StoredTermCalendar extends TermCalendar {
  readonly area: string;
  readonly importedBy: string;
  readonly imported: Date;
}

/** The bank holidays in use, and where they came from. */
export interface BankHolidaySource {
  readonly holidays: BankHolidays;
  /** `snapshot` (shipped with the bot) or the time of the last refresh. */
  readonly from: 'snapshot' | Date;
}
