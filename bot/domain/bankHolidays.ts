// England-and-Wales bank holidays, in the shape GOV.UK publishes (https://www.gov.uk/bank-holidays.json).
import { z } from 'zod';

export const bankHolidayFeedSchema = z.object({
  'england-and-wales': z.object({
    division: z.literal('england-and-wales'),
    events: z.array(
      z.object({
        title: z.string().min(1),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        notes: z.string(),
        bunting: z.boolean(),
      }),
    ),
  }),
}).loose();

export type BankHolidayFeed = z.infer<typeof bankHolidayFeedSchema>;

export interface BankHolidays {
  /** The holiday's title when `date` (YYYY-MM-DD) is a bank holiday in England and Wales. */
  titleOn(date: string): string | undefined;
  /** The last date the snapshot covers, so callers can warn when a date is beyond it. */
  readonly coversUntil: string;
}

export function bankHolidaysFrom(feed: unknown): BankHolidays {
  const events = bankHolidayFeedSchema.parse(feed)['england-and-wales'].events;
  const byDate = new Map(events.map((event) => [event.date, event.title]));
  const dates = [...byDate.keys()].sort();
  return {
    titleOn: (date) => byDate.get(date),
    coversUntil: dates[dates.length - 1] ?? '0000-00-00',
  };
}
