// The demo area's term dates: a plausible English school year (three terms, each with a one-week half-term) for the
// school year that contains `today` (from August on, the year starting that September). Pure: today is passed in.
import type { TermDates } from '../../../domain/termCalendar';

/** `date` (YYYY-MM-DD) moved to the first `weekday` (0 Sunday … 6 Saturday) on or after it. */
function onOrAfter(date: string, weekday: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + ((weekday - at.getUTCDay() + 7) % 7));
  return at.toISOString().slice(0, 10);
}

function plusDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const MONDAY = 1;
const WEDNESDAY = 3;
const FRIDAY = 5;

/** The first year of the school year `today` is in (or, in August, about to start). */
export function schoolYearStartOf(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 8 ? year : year - 1;
}

/** Three terms as a council publishes them: first day, half-term break (Monday to Friday), last day. */
export function demoTermDates(today: string): TermDates[] {
  const y = schoolYearStartOf(today);
  const term = (name: TermDates['term'], starts: string, halfTermMonday: string, endsBy: string): TermDates => ({
    term: name,
    starts,
    halfTermStarts: halfTermMonday,
    halfTermEnds: plusDays(halfTermMonday, 4),
    // The Friday on or before `endsBy`.
    ends: onOrAfter(plusDays(endsBy, -6), FRIDAY),
  });
  return [
    term('Autumn', onOrAfter(`${y}-09-02`, WEDNESDAY), onOrAfter(`${y}-10-23`, MONDAY), `${y}-12-20`),
    term('Spring', onOrAfter(`${y + 1}-01-05`, MONDAY), onOrAfter(`${y + 1}-02-13`, MONDAY), `${y + 1}-03-28`),
    term('Summer', onOrAfter(`${y + 1}-04-13`, MONDAY), onOrAfter(`${y + 1}-05-25`, MONDAY), `${y + 1}-07-22`),
  ];
}

/** The same dates as the rows of the CSV `calendar import` reads, so the demo goes through the import's own parser. */
export function demoTermDateRows(today: string): { line: number; cells: string[] }[] {
  const rows = [['term', 'starts', 'half_term_starts', 'half_term_ends', 'ends'], ...demoTermDates(today).map((t) => [t.term, t.starts, t.halfTermStarts, t.halfTermEnds, t.ends])];
  return rows.map((cells, index) => ({ line: index + 1, cells }));
}
