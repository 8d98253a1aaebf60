// Runs the fan-out worker of an app until the queue is empty: scheduled runs (prompts, digests) reach the connector stub.
import type { App } from '../../bot/app';
import { FanoutWorker } from '../../bot/platform/messaging/fanoutWorker';

export async function drainFanout(app: App): Promise<void> {
  const { services } = app;
  await new FanoutWorker({
    storage: services.storage,
    ledger: services.sends.ledger,
    throttle: services.sends.throttle,
    installations: services.installations,
    runJob: (kind, job) => app.dispatcher.runFanoutJob(kind, job),
    logger: services.logger,
    clock: services.clock,
    ratePerSecond: 50,
    concurrency: 4,
    visibilitySeconds: 30,
    pollMs: 20,
  }).drain();
}
