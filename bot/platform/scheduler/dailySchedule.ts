// Jobs that run once a day at a London wall-clock time (e.g. the retention purge at 02:00). Pure decision.
import { londonDate, londonTime } from '../../domain/londonTime';

export interface DailyJob {
  readonly kind: string;
  /** London time (HH:mm) from which the day's run is due. */
  readonly at: string;
}

/** The day's runs due at `now`: each job once its time has passed, keyed by London date so a day runs once. */
export function dueDailyRuns(jobs: readonly DailyJob[], now: Date): { kind: string; day: string }[] {
  const day = londonDate(now);
  const time = londonTime(now);
  return jobs.filter((job) => time >= job.at).map((job) => ({ kind: job.kind, day }));
}
