import bankHolidayFeed from '../../../../../bot/features/networks/data/bank-holidays.json';
import { bankHolidaysFrom } from '../../../../../bot/domain/bankHolidays';
import { digestRunId, dueDigests } from '../../../../../bot/features/posts/domain/postDigest';
import { kentCalendar } from '../../../../support/calendars';

const kent = kentCalendar();
const holidays = bankHolidaysFrom(bankHolidayFeed);
const since = new Date('2025-09-01T00:00:00Z');

describe('dueDigests', () => {
  it('is due from 15:00 London on the half-term\'s last school day, covering the posts since the previous digest', () => {
    expect(dueDigests([kent], holidays, new Date('2025-12-19T14:59:00Z'), since)).toEqual([]);
    const [due, ...rest] = dueDigests([kent], holidays, new Date('2025-12-19T15:00:00Z'), since);
    expect(rest).toEqual([]);
    expect(due?.halfTerm.id).toBe('2025-26-autumn-2');
    expect(due?.at.toISOString()).toBe('2025-12-19T15:00:00.000Z');
    // Autumn 1 ends Friday 24 October 2025, 15:00 BST.
    expect(due?.from.toISOString()).toBe('2025-10-24T14:00:00.000Z');
    expect(digestRunId('net', due!.halfTerm.id)).toBe('digest:net:2025-26-autumn-2');
  });

  it('uses the last school day (not the weekend before the break), and drops a digest more than a week late', () => {
    // Summer 1's last day is Sunday 24 May 2026 (the break starts on the bank holiday); its last school day is Friday 22 May.
    expect(dueDigests([kent], holidays, new Date('2026-05-22T15:30:00Z'), since).map((d) => d.halfTerm.id)).toEqual(['2025-26-summer-1']);
    expect(dueDigests([kent], holidays, new Date('2026-01-05T09:00:00Z'), since)).toEqual([]);
  });

  it('sends nothing for a half-term that ended before the network was created', () => {
    expect(dueDigests([kent], holidays, new Date('2025-12-19T16:00:00Z'), new Date('2025-12-19T15:30:00Z'))).toEqual([]);
  });
});
