// School holidays by area. Term dates are per-area configuration (issue 5); until they are plugged in, nothing is a holiday.

export interface SchoolHolidays {
  /** The holiday's name when `date` (YYYY-MM-DD) falls in the area's school holidays, else undefined. */
  holidayOn(areaId: string, date: string): Promise<string | undefined>;
}

/** No term dates configured: no date is reported as a school holiday. */
export const noSchoolHolidays: SchoolHolidays = {
  holidayOn: async () => undefined,
};
