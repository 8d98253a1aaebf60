// School holidays by area, from the term dates coordinators import (`calendar import`), with the bank holidays they are
// worked out with. Areas with no imported term dates report no school holidays.
import type { BankHolidays } from '../../domain/bankHolidays';
import { schoolHolidayOn } from './domain/schoolHolidays';
import type { BankHolidayRepository } from './bankHolidayRepository';
import type { TermCalendarRepository } from './termCalendarRepository';

/** Everything a date check in one area needs, read once. */
export interface AreaHolidays {
  /** The bank holidays in use: the list saved by `bankholidays refresh`, else the shipped snapshot. */
  readonly bankHolidays: BankHolidays;
  /** The holiday's name when `date` (YYYY-MM-DD) falls in the area's school holidays, else undefined. */
  schoolHolidayOn(date: string): string | undefined;
}

export interface SchoolHolidays {
  /** Reads the bank holidays and the area's term calendars once, for checking any number of dates. */
  inArea(tenantId: string, areaId: string): Promise<AreaHolidays>;
}

export function termCalendarSchoolHolidays(calendars: TermCalendarRepository, bankHolidays: BankHolidayRepository): SchoolHolidays {
  return {
    async inArea(tenantId, areaId) {
      const [stored, { holidays }] = await Promise.all([calendars.list(tenantId, areaId.toLowerCase()), bankHolidays.current()]);
      return { bankHolidays: holidays, schoolHolidayOn: (date) => schoolHolidayOn(date, stored, holidays) };
    },
  };
}
