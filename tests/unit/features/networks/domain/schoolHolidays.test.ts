// School holidays named from a real council's published year (Kent 2025/26, see tests/fixtures/calendars/README.md).
import bankHolidayFeed from '../../../../../bot/features/networks/data/bank-holidays.json';
import { bankHolidaysFrom } from '../../../../../bot/domain/bankHolidays';
import { schoolHolidayOn } from '../../../../../bot/features/networks/domain/schoolHolidays';
import { kentCalendar } from '../../../../support/calendars';

const holidays = bankHolidaysFrom(bankHolidayFeed);
const kent = kentCalendar();

describe('school holidays from term dates', () => {
  it.each([
    ['2025-10-29', 'the October half-term'],
    ['2025-12-29', 'the Christmas holidays'],
    ['2026-02-18', 'the February half-term'],
    ['2026-04-08', 'the Easter holidays'],
    ['2026-05-27', 'the May half-term'],
    ['2026-08-10', 'the summer holidays'],
    ['2025-09-01', 'the summer holidays'],
  ])('names %s as %s', (date, name) => {
    expect(schoolHolidayOn(date, [kent], holidays)).toBe(name);
  });

  it.each(['2025-09-03', '2025-11-03', '2026-03-27', '2026-07-22', '2026-05-04'])('treats %s as term time (a bank holiday inside term is not a school holiday)', (date) => {
    expect(schoolHolidayOn(date, [kent], holidays)).toBeUndefined();
  });

  it('claims nothing for a year whose dates were not imported', () => {
    expect(schoolHolidayOn('2027-02-16', [kent], holidays)).toBeUndefined();
    expect(schoolHolidayOn('2026-02-18', [], holidays)).toBeUndefined();
  });

  it('reports an area closure day inside term', () => {
    expect(schoolHolidayOn('2025-11-14', [{ ...kent, closures: ['2025-11-14'] }], holidays)).toBe('a school closure day');
  });
});
