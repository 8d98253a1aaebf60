// School holidays by area, from the term dates coordinators import (`calendar import`). Areas with none report nothing.
import type { BankHolidayRepository } from './storage/bankHolidayRepository';
import type { TermCalendarRepository } from './storage/termCalendarRepository';
import { schoolHolidayOn } from '../domain/schoolHolidays';

export interface SchoolHolidays {
  /** The holiday's name when `date` (YYYY-MM-DD) falls in the area's school holidays, else undefined. */
  holidayOn(tenantId: string, areaId: string, date: string): Promise<string | undefined>;
}

export function termCalendarSchoolHolidays(calendars: TermCalendarRepository, bankHolidays: BankHolidayRepository): SchoolHolidays {
  return {
    async holidayOn(tenantId, areaId, date) {
      const stored = await calendars.list(tenantId, areaId.toLowerCase());
      if (stored.length === 0) return undefined;
      const { holidays } = await bankHolidays.current();
      return schoolHolidayOn(date, stored, holidays);
    },
  };
}
