// Workshop dates: the two workshops of a cohort, checked in Europe/London time before anything is booked.
import type { BankHolidays } from '../../../domain/bankHolidays';
import { addDays, daysBetween, isWeekend, londonInstant } from '../../../domain/londonTime';

/** The programme runs its two workshops about six weeks apart. */
export const STANDARD_GAP_DAYS = 42;

export interface WorkshopRequest {
  /** YYYY-MM-DD, London. */
  readonly firstDate: string;
  /** HH:mm, London. */
  readonly startTime: string;
  /** YYYY-MM-DD; default six weeks after the first. */
  readonly secondDate?: string;
  readonly durationMinutes: number;
}

export interface PlannedWorkshop {
  readonly number: 1 | 2;
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
  /** London wall-clock for Graph, e.g. `2026-03-03T09:30:00`. */
  readonly localStart: string;
  readonly localEnd: string;
}

export interface WorkshopPlan {
  readonly workshops: readonly PlannedWorkshop[];
  /** Refusals: nothing may be booked while there are any. */
  readonly errors: readonly string[];
  /** Needs a coordinator's confirmation before booking. */
  readonly warnings: readonly string[];
}

/** The moment a workshop starts, from its London wall-clock start as booked (`2026-03-03T09:30:00`). */
export function workshopStart(w: Pick<PlannedWorkshop, 'localStart'>): Date {
  return londonInstant(w.localStart.slice(0, 10), w.localStart.slice(11, 16));
}

/** `schoolHolidayOn` gives the holiday's name when the area's term dates say a date is in one. */
export interface WorkshopDateContext {
  readonly now: Date;
  readonly bankHolidays: BankHolidays;
  readonly schoolHolidayOn: (date: string) => string | undefined;
}

export function planWorkshops(
  request: WorkshopRequest,
  context: WorkshopDateContext,
): WorkshopPlan {
  const errors: string[] = [];
  const warnings: string[] = [];
  const dates: [string, string] = [request.firstDate, request.secondDate ?? addDays(request.firstDate, STANDARD_GAP_DAYS)];
  const workshops: PlannedWorkshop[] = [];
  dates.forEach((date, i) => {
    const number = (i + 1) as 1 | 2;
    let start: Date;
    try {
      start = londonInstant(date, request.startTime);
    } catch {
      errors.push(`Workshop ${number}: ${date} at ${request.startTime} is not a time that exists in London (check the date, or the clocks change that night).`);
      return;
    }
    const end = new Date(start.getTime() + request.durationMinutes * 60_000);
    if (start.getTime() <= context.now.getTime()) errors.push(`Workshop ${number}: ${date} at ${request.startTime} is in the past. Choose a later date.`);
    if (isWeekend(date)) warnings.push(`Workshop ${number} is on a weekend (${date}).`);
    const holiday = context.bankHolidays.titleOn(date);
    if (holiday) warnings.push(`Workshop ${number} is on a bank holiday: ${holiday} (${date}).`);
    else if (date > context.bankHolidays.coversUntil) {
      warnings.push(`Workshop ${number} (${date}) is after the last date in the bank holiday list (${context.bankHolidays.coversUntil}); a coordinator can run "bankholidays refresh".`);
    }
    const school = context.schoolHolidayOn(date);
    if (school) warnings.push(`Workshop ${number} is in the school holidays: ${school} (${date}).`);
    workshops.push({ number, date, start, end, localStart: `${date}T${request.startTime}:00`, localEnd: localWallClock(date, request.startTime, request.durationMinutes) });
  });
  const gap = daysBetween(dates[0], dates[1]);
  if (gap <= 0) errors.push('The second workshop must be after the first.');
  else if (gap < STANDARD_GAP_DAYS) warnings.push(`The workshops are ${gap} days apart; the programme runs them about six weeks (${STANDARD_GAP_DAYS} days) apart.`);
  return { workshops, errors, warnings };
}

/** London wall-clock end time; a one-day workshop never crosses midnight, which the duration limit ensures. */
function localWallClock(date: string, time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:00`;
}

/**
 * Which workshop a refusal or warning of a plan is about: each line names its workshop ("Workshop 1: ..."); the one
 * about the gap between them is about workshop 2, whose date sets it.
 */
export function workshopOfLine(line: string): 1 | 2 {
  return line.startsWith('Workshop 1') ? 1 : 2;
}

/** Checks one moved workshop the same way; `otherDate` is the other workshop's date, for the gap. */
export function planMove(
  number: 1 | 2,
  date: string,
  startTime: string,
  durationMinutes: number,
  otherDate: string | undefined,
  context: WorkshopDateContext,
): WorkshopPlan {
  const first = number === 1 ? date : (otherDate ?? addDays(date, -STANDARD_GAP_DAYS));
  const second = number === 2 ? date : (otherDate ?? addDays(date, STANDARD_GAP_DAYS));
  const plan = planWorkshops({ firstDate: first, secondDate: second, startTime, durationMinutes }, context);
  const mine = plan.workshops.filter((w) => w.number === number);
  const about = (line: string) => line.startsWith(`Workshop ${number}`) || !line.startsWith('Workshop ');
  // The other workshop may already be in the past; only this one's date and the gap matter here.
  return { workshops: mine, errors: plan.errors.filter(about), warnings: plan.warnings.filter(about) };
}
