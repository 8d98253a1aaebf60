// The scheduler: asks each due-item source what is due now and starts each run once (insert-if-not-exists), on a timer.
import type { PlannedRun } from '../messaging/fanout';
import { RecentMap } from '../recentMap';
import type { Services } from '../services';

/** What one tick's sources share: the time, the services, and storage reads made at most once per tick. */
export interface SchedulerTick {
  readonly now: Date;
  /** Passed through to the sources, which belong to features; the scheduler itself reads only platform services. */
  readonly services: Services;
  /**
   * `load`'s result for this tick: the first source to ask runs it, every later one gets the same promise (e.g. every
   * active network with its term calendars, which three sources read). Keyed by the function, so pass a named one.
   */
  shared<T>(load: (services: Services) => Promise<T>): Promise<T>;
}

/** A source of scheduled runs (network prompts, workshop reminders, digests): a pure decision over stored data. */
export interface DueSource {
  readonly name: string;
  /** The runs due at `tick.now`, each with a deterministic run id; returning one again later is harmless. */
  due(tick: SchedulerTick): Promise<PlannedRun[]>;
}

export interface TickResult {
  readonly due: number;
  readonly enqueued: number;
}

/**
 * Runs known to be fully enqueued (by this process, or seen so once), remembered so a run that stays due for days is
 * not offered to the producer on every tick (a refused insert and a read each time). Only a hint: the producer's
 * insert-if-not-exists on the run id is what keeps a run to once across instances, so forgetting the oldest entries
 * costs only those requests again. A run still `planned` elsewhere is not remembered: its planner may die, and the
 * producer must be asked again to take it over.
 */
const REMEMBERED_RUNS = 5_000;

/** Runs each load on first use and hands every later caller the same promise, for the life of one tick. */
function sharedReads(services: Services): SchedulerTick['shared'] {
  const loaded = new Map<(services: Services) => Promise<unknown>, Promise<unknown>>();
  return <T>(load: (services: Services) => Promise<T>): Promise<T> => {
    let read = loaded.get(load) as Promise<T> | undefined;
    if (!read) {
      read = load(services);
      loaded.set(load, read);
    }
    return read;
  };
}

export class Scheduler {
  /** Used as a bounded set: only the keys matter. */
  private readonly knownEnqueued = new RecentMap<string, true>(REMEMBERED_RUNS);

  constructor(
    private readonly services: Services,
    private readonly sources: readonly DueSource[],
  ) {}

  /** One pass: every source, every due run; a source that fails is logged and the others still run. */
  async tick(now: Date = this.services.clock.now()): Promise<TickResult> {
    const { services } = this;
    const tick: SchedulerTick = { now, services, shared: sharedReads(services) };
    let due = 0;
    let enqueued = 0;
    for (const source of this.sources) {
      let runs: PlannedRun[];
      try {
        runs = await source.due(tick);
      } catch (error) {
        this.services.logger.error({ event: 'scheduler.source-failed', source: source.name, name: (error as Error).name }, 'a scheduler source failed');
        continue;
      }
      for (const run of runs) {
        due += 1;
        const key = `${run.tenantId}|${run.runId}`;
        if (this.knownEnqueued.has(key)) continue;
        const outcome = await this.services.sends.producer.start(run, now);
        if (outcome === 'enqueued') {
          enqueued += 1;
          this.services.logger.info({ event: 'scheduler.enqueued', source: source.name, runId: run.runId, targets: run.targets.length }, 'run enqueued');
        }
        if (outcome !== 'planned-elsewhere') this.knownEnqueued.set(key, true);
      }
    }
    return { due, enqueued };
  }

  /** Ticks now and every `intervalMs`; `stop()` waits for a tick in progress. */
  start(intervalMs: number): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      running = this.tick().catch((error: unknown) => {
        this.services.logger.error({ event: 'scheduler.tick-failed', name: (error as Error).name, code: (error as { code?: string }).code }, 'scheduler tick failed; will retry');
      });
    };
    run();
    const timer = setInterval(run, intervalMs);
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }
}
