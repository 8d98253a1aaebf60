// The fan-out work item: one queue message per target conversation of a run, and the producer that enqueues a run once.
import { z } from 'zod';
import { conversationReferenceSchema } from '../../events';
import type { StorageAccount } from '../storage/account';
import type { RunRepository } from './runRepository';
import type { SendRun } from './types';

export const FANOUT_QUEUE = 'fanout';
/** Messages that could not be processed (unreadable, or retried too often) are moved here for a person to look at. */
export const FANOUT_POISON_QUEUE = 'fanout-poison';

export const fanoutTargetSchema = z.object({
  /** Unique within the run, e.g. the conversation id. */
  targetId: z.string().min(1),
  tenantId: z.string().min(1),
  conversationId: z.string().min(1),
  /** The conversation to send to; for a channel post, the team's reference plus `channelId`. */
  reference: conversationReferenceSchema,
  /** When set, the message starts a new thread in this channel of the team in `reference`. */
  channelId: z.string().optional(),
});
export type FanoutTarget = z.infer<typeof fanoutTargetSchema>;

export const fanoutMessageSchema = z.object({
  v: z.literal(1),
  runId: z.string().min(1),
  kind: z.string().min(1),
  target: fanoutTargetSchema,
  /** The job kind's own data, parsed by its handler. */
  payload: z.record(z.string(), z.unknown()),
});
export type FanoutMessage = z.infer<typeof fanoutMessageSchema>;

/** What a job handler receives for one target: the run, the target and the job's data. */
export interface FanoutJob<P = Record<string, unknown>> {
  readonly runId: string;
  readonly target: FanoutTarget;
  readonly payload: P;
}

export interface PlannedRun extends Omit<SendRun, 'status' | 'updated' | 'created' | 'targetCount'> {
  readonly targets: readonly FanoutTarget[];
  readonly payload: Record<string, unknown>;
}

/** A run left `planned` this long is assumed abandoned by a crashed planner and finished by whoever sees it. */
export const PLANNING_TAKEOVER_MS = 2 * 60_000;

export interface ProducerOptions {
  /** Parallel enqueue requests. */
  readonly concurrency?: number;
  /**
   * When above 0, enqueuing pauses while the queue holds more than this many messages, so a large run is fed in as it
   * drains. Off by default: Azure Storage queues take any depth; the local emulator slows down with a deep queue.
   */
  readonly maxQueueDepth?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FanoutProducer {
  private readonly concurrency: number;
  private readonly maxQueueDepth: number;

  constructor(
    private readonly storage: StorageAccount,
    private readonly runs: RunRepository,
    options: ProducerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.maxQueueDepth = options.maxQueueDepth ?? 0;
  }

  /**
   * Creates the run with insert-if-not-exists and, only if this call created it, enqueues one message per target
   * (each target's ledger row is written when a worker claims it). However many instances call at the same moment,
   * the run is enqueued once. A run whose planner died half-way is finished after PLANNING_TAKEOVER_MS.
   * Returns `enqueued` when this call enqueued it, `exists` when it was enqueued before, and `planned-elsewhere` when
   * another instance is (or was, until it died) still enqueuing it: that one may need this call again later.
   */
  async start(run: PlannedRun, now: Date): Promise<'enqueued' | 'exists' | 'planned-elsewhere'> {
    const created = await this.runs.createIfAbsent({ ...run, targetCount: run.targets.length, created: now });
    if (!created) {
      const existing = await this.runs.get(run.tenantId, run.runId);
      if (existing?.status === 'enqueued') return 'exists';
      const abandoned = existing?.status === 'planned' && now.getTime() - existing.updated.getTime() > PLANNING_TAKEOVER_MS;
      if (!existing || !abandoned || !(await this.runs.takeOverPlanning(existing, now))) return 'planned-elsewhere';
    }
    const queue = this.storage.queue(FANOUT_QUEUE);
    let next = 0;
    let checkedAt = 0;
    let beatAt = Date.now();
    let gate: Promise<void> | undefined;
    // Still planning: a long enqueue renews the run's claim, so other instances do not take it over meanwhile.
    const beat = async (): Promise<void> => {
      if (Date.now() - beatAt <= 30_000) return;
      beatAt = Date.now();
      await this.runs.stillPlanning(run.tenantId, run.runId, new Date(now.getTime() + (Date.now() - started)));
    };
    const waitForRoom = async (): Promise<void> => {
      for (;;) {
        const depth = (await queue.getProperties()).approximateMessagesCount ?? 0;
        if (depth <= this.maxQueueDepth) return;
        await beat();
        await sleep(250);
      }
    };
    const started = Date.now();
    const worker = async (): Promise<void> => {
      while (next < run.targets.length) {
        if (this.maxQueueDepth > 0 && next - checkedAt >= 100) {
          checkedAt = next;
          gate ??= waitForRoom().finally(() => {
            gate = undefined;
          });
        }
        if (gate) await gate;
        await beat();
        // Other enqueuers ran while this one waited: the targets may be used up.
        if (next >= run.targets.length) break;
        const target = run.targets[next++] as FanoutTarget;
        const message: FanoutMessage = { v: 1, runId: run.runId, kind: run.kind, target, payload: run.payload };
        await queue.sendMessage(JSON.stringify(message));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, run.targets.length) }, worker));
    await this.runs.markEnqueued(run.tenantId, run.runId, now);
    return 'enqueued';
  }
}
