// Daily jobs against Azurite: once a day across instances, not before their London time, retried after a failure.
import { createDailyJobs, DAILY_RUNS_TABLE } from '../../../../bot/platform/scheduler/dailyJobs';
import { captureLogs } from '../../../support/logs';
import { testStorage } from '../../../support/storage';

const JOBS = [{ kind: 'retention-purge', at: '02:00' }];

describe('daily jobs', () => {
  it('runs the day’s job once even when two instances tick at the same moment, and again the next day', async () => {
    const storage = await testStorage([DAILY_RUNS_TABLE]);
    const runs: string[] = [];
    const runJob = async (kind: string, payload: unknown) => {
      runs.push(`${kind} ${(payload as { now: string }).now}`);
    };
    const a = createDailyJobs(storage, JOBS, runJob, captureLogs().logger);
    const b = createDailyJobs(storage, JOBS, runJob, captureLogs().logger);

    // 01:30 London (GMT in November): not yet due.
    expect(await a.tick(new Date('2026-11-23T01:30:00Z'))).toEqual([]);
    const at = new Date('2026-11-23T02:05:00Z');
    const [ranA, ranB] = await Promise.all([a.tick(at), b.tick(at)]);
    expect([...ranA, ...ranB]).toEqual(['retention-purge']);
    expect(await a.tick(new Date('2026-11-23T09:00:00Z'))).toEqual([]);
    expect(await b.tick(new Date('2026-11-24T02:01:00Z'))).toEqual(['retention-purge']);
    expect(runs).toEqual(['retention-purge 2026-11-23T02:05:00.000Z', 'retention-purge 2026-11-24T02:01:00.000Z']);
  });

  it('uses London time across the clock change: 02:00 BST is 01:00 UTC', async () => {
    const storage = await testStorage([DAILY_RUNS_TABLE]);
    const runner = createDailyJobs(storage, JOBS, async () => undefined, captureLogs().logger);
    expect(await runner.tick(new Date('2026-06-10T01:05:00Z'))).toEqual(['retention-purge']);
  });

  it('releases the claim when the job fails, so the next tick runs it again', async () => {
    const storage = await testStorage([DAILY_RUNS_TABLE]);
    const logs = captureLogs();
    let attempts = 0;
    const runner = createDailyJobs(
      storage,
      JOBS,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('storage blip');
      },
      logs.logger,
    );
    expect(await runner.tick(new Date('2026-11-23T03:00:00Z'))).toEqual([]);
    expect(logs.lines().some((line) => line.event === 'daily-job.failed')).toBe(true);
    expect(await runner.tick(new Date('2026-11-23T03:01:00Z'))).toEqual(['retention-purge']);
    expect(attempts).toBe(2);
  });
});
