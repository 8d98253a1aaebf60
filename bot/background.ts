// Background work shared by the bot process and `npm run worker`: the scheduler timer and the fan-out queue consumer.
import type { App } from './app';
import { ActiveSenders } from './platform/messaging/activeSenders';
import { FanoutWorker } from './platform/messaging/fanoutWorker';
import { Scheduler } from './platform/scheduler/scheduler';
import { createDailyJobs } from './platform/scheduler/dailyJobs';

export interface Background {
  readonly worker: FanoutWorker;
  stop(): Promise<void>;
}

export function startBackground(app: App): Background {
  const { services, dispatcher, dueSources, dailyJobs } = app;
  const { config } = services;
  const scheduler = new Scheduler(services, dueSources).start(config.SCHEDULER_INTERVAL_SECONDS * 1000);
  const daily = createDailyJobs(services.storage, dailyJobs, (kind, payload) => dispatcher.runJob(kind, payload), services.logger);
  // Kept so stopping waits for a run under way: the day's claim is already taken, so a cut-off purge is not redone.
  let dailyRunning: Promise<unknown> = Promise.resolve();
  const dailyTick = () => {
    dailyRunning = daily.tick(services.clock.now()).catch((error: unknown) => services.logger.error({ event: 'daily-jobs.tick-failed', name: error instanceof Error ? error.name : typeof error }, 'daily jobs tick failed'));
  };
  dailyTick();
  const dailyTimer = setInterval(dailyTick, config.SCHEDULER_INTERVAL_SECONDS * 1000);
  const worker = new FanoutWorker({
    storage: services.storage,
    ledger: services.sends.ledger,
    throttle: services.sends.throttle,
    installations: services.installations,
    runJob: (kind, job) => dispatcher.runFanoutJob(kind, job),
    logger: services.logger,
    clock: services.clock,
    ratePerSecond: config.PROACTIVE_RATE_PER_SECOND,
    // Every bot process and `npm run worker` sends: they share the app's rate instead of each taking all of it.
    senders: new ActiveSenders(services.storage, services.ids.newId()),
    concurrency: config.PROACTIVE_CONCURRENCY,
    visibilitySeconds: config.PROACTIVE_VISIBILITY_SECONDS,
  });
  worker.start();
  services.logger.info(
    { event: 'background.started', rate: config.PROACTIVE_RATE_PER_SECOND, intervalSeconds: config.SCHEDULER_INTERVAL_SECONDS },
    'scheduler and send queue running',
  );
  return {
    worker,
    async stop() {
      clearInterval(dailyTimer);
      await dailyRunning;
      await scheduler.stop();
      await worker.stop();
    },
  };
}
