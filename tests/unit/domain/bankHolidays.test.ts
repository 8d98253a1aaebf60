import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bankHolidaysFrom } from '../../../bot/domain/bankHolidays';
import { daysBetween, isWeekend, londonDate, londonInstant, londonTime } from '../../../bot/domain/londonTime';

const snapshot = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'bot', 'features', 'networks', 'data', 'bank-holidays.json'), 'utf8')) as unknown;

describe('bank holidays and London time', () => {
  const holidays = bankHolidaysFrom(snapshot);

  it('knows the substitute Boxing Day in 2026 and Good Friday 2027', () => {
    expect(holidays.titleOn('2026-12-28')).toBe('Boxing Day');
    expect(holidays.titleOn('2026-12-26')).toBeUndefined();
    expect(holidays.titleOn('2027-03-26')).toBe('Good Friday');
    expect(holidays.coversUntil).toBe('2028-12-26');
  });

  it('rejects a feed in the wrong shape', () => {
    expect(() => bankHolidaysFrom({ 'england-and-wales': { division: 'scotland', events: [] } })).toThrow();
  });

  it('converts London wall-clock times across the BST change', () => {
    expect(londonInstant('2026-03-27', '09:00').toISOString()).toBe('2026-03-27T09:00:00.000Z'); // GMT
    expect(londonInstant('2026-03-30', '09:00').toISOString()).toBe('2026-03-30T08:00:00.000Z'); // BST
    expect(() => londonInstant('2026-03-29', '01:30')).toThrow('does not exist');
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonTime(new Date('2026-10-25T08:00:00Z'))).toBe('08:00');
  });

  it('does calendar arithmetic on dates', () => {
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-27')).toBe(false);
    expect(daysBetween('2026-03-02', '2026-04-13')).toBe(42);
  });
});
