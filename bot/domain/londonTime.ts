// School life runs on Europe/London wall-clock time; these helpers convert between it and instants (BST/GMT handled by luxon).
import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';

/** The instant of a London wall-clock date and time, e.g. ('2026-03-29', '09:00'). Throws on a time that does not exist. */
export function londonInstant(date: string, time: string): Date {
  const value = DateTime.fromISO(`${date}T${time}`, { zone: LONDON });
  if (!value.isValid) throw new Error(`Not a valid London date and time: ${date} ${time} (${value.invalidExplanation ?? 'invalid'})`);
  // Luxon moves a time inside the spring-forward gap forward; refuse it instead of booking a surprise.
  if (value.toFormat('HH:mm') !== time.slice(0, 5)) throw new Error(`${date} ${time} does not exist in London (the clocks go forward).`);
  return value.toJSDate();
}

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: LONDON }).toISODate() as string;
}

/** The London wall-clock time (HH:mm) of an instant. */
export function londonTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: LONDON }).toFormat('HH:mm');
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: LONDON }).weekday;
}

export function isWeekend(date: string): boolean {
  return weekdayOf(date) >= 6;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate() as string;
}

/** Whole days from `from` to `to` (calendar dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** A readable London date for cards, e.g. "Tuesday 3 March 2026". */
export function describeLondonDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: LONDON }).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** e.g. "Tuesday 3 March 2026, 09:30". */
export function describeLondonDateTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: LONDON }).setLocale('en-GB').toFormat("cccc d LLLL yyyy', 'HH:mm");
}
