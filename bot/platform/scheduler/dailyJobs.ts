// Runs daily jobs (retention purge) exactly once a day across any number of instances: each day's run is claimed
// with insert-if-not-exists on (job kind, London date) before it runs; a failed run releases its claim to be retried.
import { dueDailyRuns, type DailyJob } from './dailySchedule';
import type { Logger } from '../../logger';
import { deleteIfExists, isConflict, type StorageAccount } from '../storage/account';
import { toKey } from '../storage/keys';

export const DAILY_RUNS_TABLE = 'dailyRuns';

export interface DailyJobRunner {
  /** One pass; resolves with the kinds that ran. */
  tick(now: Date): Promise<string[]>;
}

export function createDailyJobs(
  storage: StorageAccount,
  jobs: readonly DailyJob[],
  runJob: (kind: string, payload: unknown) => Promise<void>,
  logger: Logger,
): DailyJobRunner {
  const table = storage.table(DAILY_RUNS_TABLE);
  return {
    async tick(now) {
      const ran: string[] = [];
      for (const { kind, day } of dueDailyRuns(jobs, now)) {
        try {
          await table.createEntity({ partitionKey: toKey(kind), rowKey: day, started: now });
        } catch (error) {
          if (isConflict(error)) continue; // another instance (or an earlier tick) has today's run
          throw error;
        }
        try {
          await runJob(kind, { now: now.toISOString() });
          ran.push(kind);
        } catch (error) {
          logger.error({ event: 'daily-job.failed', kind, day, name: (error as Error).name }, 'daily job failed; it will be retried');
          await deleteIfExists(table, toKey(kind), day);
        }
      }
      return ran;
    },
  };
}
