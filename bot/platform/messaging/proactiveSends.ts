// The fan-out services handlers and the scheduler use, built once in app.ts.
import type { StorageAccount } from '../storage/account';
import { FANOUT_POISON_QUEUE, FANOUT_QUEUE, FanoutProducer } from './fanout';
import { RunRepository, SEND_RUNS_TABLE } from './runRepository';
import { SEND_LEDGER_TABLE, SendLedger } from './sendLedger';
import { SEND_CONTROL_TABLE, ThrottleStore } from './throttleStore';

export const SEND_TABLES = [SEND_RUNS_TABLE, SEND_LEDGER_TABLE, SEND_CONTROL_TABLE] as const;
export const SEND_QUEUES = [FANOUT_QUEUE, FANOUT_POISON_QUEUE] as const;

export interface ProactiveSends {
  readonly runs: RunRepository;
  readonly ledger: SendLedger;
  readonly throttle: ThrottleStore;
  readonly producer: FanoutProducer;
}

export function createProactiveSends(storage: StorageAccount): ProactiveSends {
  const runs = new RunRepository(storage);
  const ledger = new SendLedger(storage);
  return { runs, ledger, throttle: new ThrottleStore(storage), producer: new FanoutProducer(storage, runs) };
}
