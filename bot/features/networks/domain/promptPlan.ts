// A network's prompt plan is data: which prompts go out in each half-term, anchored to its start or to the network
// meeting, at a London time, never on a day without school. Pure: time is a parameter.
import { z } from 'zod';
import type { BankHolidays } from '../../../domain/bankHolidays';
import { addDays, londonInstant } from '../../../domain/londonTime';
import { halfTermsOf, nearestSchoolDay, type HalfTerm, type TermCalendar } from '../../../domain/termCalendar';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 09:00');

export const promptSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,30}$/),
  anchor: z.enum(['half-term-start', 'meeting']),
  offsetDays: z.number().int().min(-30).max(30),
  time,
  /** question: an open prompt; agenda: gathers agenda items; pulse: a short check-in after the meeting. */
  style: z.enum(['question', 'agenda', 'pulse']),
  title: z.string().min(1).max(120),
  /** `{meeting}` becomes the meeting's date and time. */
  text: z.string().min(1).max(1000),
  /** A pulse is the pulse survey, open for answers this many days (to the end of the last London day). */
  openDays: z.number().int().min(1).max(60).default(14),
});
export type Prompt = z.output<typeof promptSchema>;

export const promptPlanSchema = z.object({
  /** The network meets on `weekday` (1 = Monday) of school week `week` of each half-term, at `time`. */
  meeting: z.object({ week: z.number().int().min(1).max(8), weekday: z.number().int().min(1).max(5), time }),
  prompts: z.array(promptSchema).min(1).max(10),
});
export type PromptPlan = z.infer<typeof promptPlanSchema>;

export interface PromptOccurrence {
  readonly prompt: Prompt;
  readonly halfTerm: HalfTerm;
  /** The London date it goes out (a school day). */
  readonly date: string;
  readonly at: Date;
  readonly meetingAt: Date;
}

/** The meeting's date in a half-term: the weekday of school week N, moved to the next school day if there is none. */
export function meetingDate(plan: PromptPlan, halfTerm: HalfTerm, calendar: TermCalendar, holidays: BankHolidays): string {
  const first = halfTerm.firstSchoolDay;
  const weekday = new Date(`${first}T12:00:00Z`).getUTCDay() || 7;
  const monday = addDays(first, 1 - weekday);
  const wanted = addDays(monday, (plan.meeting.week - 1) * 7 + plan.meeting.weekday - 1);
  return (
    nearestSchoolDay(wanted < first ? first : wanted, halfTerm, calendar, holidays, 1) ??
    nearestSchoolDay(wanted, halfTerm, calendar, holidays, -1) ??
    halfTerm.lastSchoolDay
  );
}

/** Every prompt of the plan in every half-term of the calendar, each moved onto a school day inside its half-term. */
export function promptOccurrences(plan: PromptPlan, calendar: TermCalendar, holidays: BankHolidays): PromptOccurrence[] {
  const found: PromptOccurrence[] = [];
  for (const halfTerm of halfTermsOf(calendar, holidays)) {
    const meeting = meetingDate(plan, halfTerm, calendar, holidays);
    const meetingAt = londonInstant(meeting, plan.meeting.time);
    for (const prompt of plan.prompts) {
      const base = prompt.anchor === 'meeting' ? meeting : halfTerm.firstSchoolDay;
      const wanted = addDays(base, prompt.offsetDays);
      // Before the meeting: the school day on or before; otherwise on or after. Holidays are never used.
      const direction = prompt.offsetDays < 0 ? -1 : 1;
      const date = nearestSchoolDay(wanted, halfTerm, calendar, holidays, direction) ?? nearestSchoolDay(wanted, halfTerm, calendar, holidays, direction === 1 ? -1 : 1);
      if (!date) continue;
      found.push({ prompt, halfTerm, date, at: londonInstant(date, prompt.time), meetingAt });
    }
  }
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The prompts due at `now`: their time has come, within `lookbackMs` (so a bot that was down catches up, but a
 * network created mid-year is not flooded with the past), and not before the network existed.
 */
export function duePrompts(
  plan: PromptPlan,
  calendars: readonly TermCalendar[],
  holidays: BankHolidays,
  now: Date,
  since: Date,
  lookbackMs = 3 * 24 * 3600_000,
): PromptOccurrence[] {
  const from = Math.max(since.getTime(), now.getTime() - lookbackMs);
  return calendars
    .flatMap((calendar) => promptOccurrences(plan, calendar, holidays))
    .filter((o) => o.at.getTime() <= now.getTime() && o.at.getTime() >= from);
}

/** The deterministic run id: network + half-term + prompt, the same on every instance. */
export function promptRunId(networkId: string, halfTermId: string, promptId: string): string {
  return `network:${networkId}:${halfTermId}:${promptId}`;
}
