// The demo area's term dates: the school year that contains today, shaped as councils publish them, and accepted by
// the same parser `calendar import` uses.
import { demoTermDateRows, demoTermDates, schoolYearStartOf } from '../../../../../bot/features/demo/domain/demoCalendar';
import { parseTermCalendarCsv } from '../../../../../bot/domain/termCalendar';

const weekday = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

describe('the demo term calendar', () => {
  it('is for the school year under way, and from August the one about to start', () => {
    expect(schoolYearStartOf('2026-12-03')).toBe(2026);
    expect(schoolYearStartOf('2027-03-15')).toBe(2026);
    expect(schoolYearStartOf('2027-07-31')).toBe(2026);
    expect(schoolYearStartOf('2027-08-01')).toBe(2027);
  });

  it.each(['2024-10-01', '2025-12-03', '2026-12-03', '2027-05-20', '2028-09-10', '2031-01-02'])('passes the import parser for %s, with Monday-to-Friday half-terms and terms ending on a Friday', (today) => {
    const calendar = parseTermCalendarCsv(demoTermDateRows(today));
    const start = schoolYearStartOf(today);
    expect(calendar.schoolYear).toBe(`${start}-${String(start + 1).slice(2)}`);
    const terms = demoTermDates(today);
    expect(terms.map((term) => term.term)).toEqual(['Autumn', 'Spring', 'Summer']);
    for (const term of terms) {
      expect(weekday(term.halfTermStarts)).toBe(1);
      expect(weekday(term.halfTermEnds)).toBe(5);
      expect(weekday(term.ends)).toBe(5);
      expect(term.starts < term.halfTermStarts && term.halfTermEnds < term.ends).toBe(true);
    }
    expect(terms[0]?.starts.slice(0, 7)).toBe(`${start}-09`);
    expect(terms[2]?.ends.slice(0, 7)).toBe(`${start + 1}-07`);
  });
});
