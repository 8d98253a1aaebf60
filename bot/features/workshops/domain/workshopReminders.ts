// Workshop reminders: one a day before each booked workshop, posted in the cohort channel. Pure decision.

export interface BookedWorkshop {
  readonly number: 1 | 2;
  /** London wall-clock start as booked, e.g. `2027-03-29T09:30:00`: part of the run id, so a moved workshop is reminded again. */
  readonly localStart: string;
  readonly start: Date;
}

export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

/** The workshops whose reminder is due at `now`: from 24 hours before the start until it starts. */
export function workshopsToRemind<W extends BookedWorkshop>(workshops: readonly W[], now: Date): W[] {
  return workshops.filter((w) => now.getTime() >= w.start.getTime() - REMINDER_LEAD_MS && now.getTime() < w.start.getTime());
}

export function reminderRunId(cohortId: string, workshop: Pick<BookedWorkshop, 'number' | 'localStart'>): string {
  return `workshop-reminder:${cohortId}:${workshop.number}:${workshop.localStart}`;
}
