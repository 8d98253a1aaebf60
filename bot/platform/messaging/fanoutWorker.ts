// The queue consumer: takes one target at a time, paces it, sends it through the job's handler, records the outcome.
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import type { StorageAccount } from '../storage/account';
import type { InstallationRepository } from '../conversations/installationRepository';
import { backoffMs, classifySendError } from './classify';
import { FANOUT_POISON_QUEUE, FANOUT_QUEUE, fanoutMessageSchema, type FanoutJob, type FanoutMessage } from './fanout';
import type { ActiveSenders } from './activeSenders';
import { AppRateLimiter, ConversationRateLimiter } from './rateLimiter';
import type { LedgerEntry, SendLedger } from './sendLedger';
import type { ThrottleStore } from './throttleStore';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A send starts at least this long before its claim runs out, so that even a call that takes the Bot Connector
 * client's whole timeout (10 s) ends while the claim is still this worker's. Configured claims are 40 s or more; the
 * quarter-of-a-claim rule is for the seconds-long claims tests use.
 */
const LEASE_MARGIN_MS = 15_000;

export type RunJob = (kind: string, job: FanoutJob) => Promise<void>;

export interface FanoutWorkerOptions {
  readonly storage: StorageAccount;
  readonly ledger: SendLedger;
  readonly throttle: ThrottleStore;
  readonly installations: InstallationRepository;
  /** Calls the registered job handler for the kind; it sends one message to the target. */
  readonly runJob: RunJob;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Requests per second for the whole app (Teams' per-app limit); shared among instances when `senders` is given. */
  readonly ratePerSecond: number;
  /** Counts the instances sending, so each sends ratePerSecond / instances; without it this process takes it all. */
  readonly senders?: ActiveSenders;
  /** How often the instance count is refreshed. */
  readonly sendersEveryMs?: number;
  /** Messages held and worked on at once. */
  readonly concurrency: number;
  /** How long a received message stays hidden from other workers; also the lease on a `sending` ledger row. */
  readonly visibilitySeconds: number;
  /** After this many deliveries of one message it is given up and moved to the poison queue. */
  readonly maxDequeueCount?: number;
  /** Quick retries inside this process (412/502/504, short 429s) before the message goes back to the queue. */
  readonly inProcessRetries?: number;
  readonly pollMs?: number;
  readonly random?: () => number;
}

export interface FanoutWorkerStats {
  sent: number;
  stale: number;
  failed: number;
  retried: number;
  throttled: number;
  requeued: number;
  poisoned: number;
}

export class FanoutWorker {
  private readonly appLimiter: AppRateLimiter;
  private readonly conversationLimiter = new ConversationRateLimiter();
  private readonly queue: QueueClient;
  private readonly sentRecorder: SentRecorder;
  private readonly poison: QueueClient;
  private active = 0;
  private readonly leaseMarginMs: number;
  private readonly delivering = new Set<DequeuedMessageItem>();
  /** Targets this process is working on; a copy that reappears meanwhile (storage stalled past the lease) must wait. */
  private readonly inHand = new Set<string>();
  /** When the instance count was last asked for, and what it said. */
  private sharedAt = 0;
  private instances = 1;
  private stopped = true;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  readonly stats: FanoutWorkerStats = { sent: 0, stale: 0, failed: 0, retried: 0, throttled: 0, requeued: 0, poisoned: 0 };

  constructor(private readonly options: FanoutWorkerOptions) {
    this.appLimiter = new AppRateLimiter(options.ratePerSecond);
    this.leaseMarginMs = Math.min(LEASE_MARGIN_MS, (options.visibilitySeconds * 1000) / 4);
    this.queue = options.storage.queue(FANOUT_QUEUE);
    this.poison = options.storage.queue(FANOUT_POISON_QUEUE);
    this.sentRecorder = new SentRecorder(options.ledger, options.clock);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /** Stops receiving and waits for the messages in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
    while (this.active > 0) await sleep(20);
    await this.sentRecorder.flush();
    await this.options.senders?.leave().catch((error: unknown) => {
      // The row ages out instead; the other instances take up this share a little later.
      this.options.logger.warn({ event: 'fanout.leave-failed', code: (error as { code?: string }).code }, 'could not sign off from the senders table');
    });
  }

  /** Requests per second this process sends now: its share of the app's rate. */
  get ratePerSecond(): number {
    return this.appLimiter.ratePerSecond;
  }

  /** Takes this process's share of the app's rate, from how many instances are sending. */
  private async shareRate(): Promise<void> {
    const { senders, logger, ratePerSecond } = this.options;
    if (!senders || Date.now() - this.sharedAt < (this.options.sendersEveryMs ?? 10_000)) return;
    this.sharedAt = Date.now();
    try {
      const instances = await senders.beat(this.options.clock.now());
      if (instances === this.instances) return;
      this.instances = instances;
      this.appLimiter.setRate(ratePerSecond / instances);
      logger.info({ event: 'fanout.instances', instances, ratePerSecond: this.appLimiter.ratePerSecond }, 'proactive send rate shared between instances');
    } catch (error) {
      // Keep the last share and try again next beat. If beats keep failing while sends work, the others stop counting
      // this instance after 30 s and the app can go over its rate: Teams' 429s then pace everyone (Retry-After is
      // shared through the same table, so that case ends when storage answers again).
      logger.warn({ event: 'fanout.instances-failed', code: (error as { code?: string }).code }, 'could not count the sending instances');
    }
  }

  /** Receives until the queue has nothing visible and nothing is in hand (tests, one-shot runs). */
  async drain(): Promise<void> {
    for (;;) {
      const received = await this.receiveBatch();
      if (received === 0 && this.active === 0) return;
      if (received === 0) await sleep(this.options.pollMs ?? 50);
      while (this.active >= this.options.concurrency) await this.slot();
    }
  }

  private async loop(): Promise<void> {
    let idle = 0;
    let reportedAt = Date.now();
    while (!this.stopped) {
      await this.shareRate();
      if (Date.now() - reportedAt > 10_000) {
        reportedAt = Date.now();
        this.options.logger.debug({ event: 'fanout.progress', active: this.active, ...this.stats }, 'fan-out worker progress');
      }
      if (this.active >= this.options.concurrency) {
        await this.slot();
        continue;
      }
      try {
        const received = await this.receiveBatch();
        idle = received === 0 ? idle + 1 : 0;
        if (received === 0) await sleep(Math.min(2000, (this.options.pollMs ?? 200) * Math.min(idle, 10)));
      } catch (error) {
        this.options.logger.warn({ event: 'fanout.receive-failed', code: (error as { code?: string }).code }, 'could not read the fan-out queue; retrying');
        await sleep(1000);
      }
    }
  }

  private slot(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, 100);
    });
  }

  private async receiveBatch(): Promise<number> {
    const room = Math.min(32, this.options.concurrency - this.active);
    if (room <= 0) return 0;
    // The claim's end, on this machine's clock: the messages are hidden until at least then (the queue's own clock
    // can differ), and their ledger rows are leased until then.
    const lease = new Date(Date.now() + this.options.visibilitySeconds * 1000);
    const response = await this.queue.receiveMessages({ numberOfMessages: room, visibilityTimeout: this.options.visibilitySeconds });
    const items = response.receivedMessageItems;
    if (items.length === 0) return 0;
    this.active += items.length;
    const open = new Set(items);
    const done = (item: DequeuedMessageItem) => {
      if (!open.delete(item)) return;
      this.active -= 1;
      this.wake?.();
    };
    void this.handleBatch(items, lease, done)
      .catch((error: unknown) => {
        // Storage trouble mid-way: the messages reappear after their visibility timeout and are tried again.
        this.options.logger.warn({ event: 'fanout.batch-failed', count: open.size, code: (error as { code?: string }).code }, 'fan-out messages will be retried');
      })
      .finally(() => {
        for (const item of [...open]) if (!this.delivering.has(item)) done(item);
      });
    return items.length;
  }

  /**
   * Claims the batch's targets per run: new targets by inserting their ledger rows (no read), the rest by looking at
   * the row that exists: done ones are dropped, ones held elsewhere wait, ones whose holder died are claimed again.
   */
  private async handleBatch(items: readonly DequeuedMessageItem[], lease: Date, done: (item: DequeuedMessageItem) => void): Promise<void> {
    const { ledger } = this.options;
    const byRun = new Map<string, Map<string, { item: DequeuedMessageItem; message: FanoutMessage }>>();
    for (const item of items) {
      const message = parseMessage(item.messageText);
      if (!message) {
        await this.moveToPoison(item, 'unreadable');
        done(item);
        continue;
      }
      if (item.dequeueCount > (this.options.maxDequeueCount ?? 10)) {
        await ledger.giveUp(message.runId, message.target.targetId, this.options.clock.now());
        await this.moveToPoison(item, 'gave-up');
        this.stats.failed += 1;
        done(item);
        continue;
      }
      const group = byRun.get(message.runId) ?? new Map<string, { item: DequeuedMessageItem; message: FanoutMessage }>();
      const targetId = message.target.targetId;
      if (group.has(targetId) || this.inHand.has(handKey(message.runId, targetId))) {
        // The same target twice in one batch, or still in this process's hands (its lease ran out while storage was
        // slow): look again once this attempt has settled.
        await this.hide(item, this.options.visibilitySeconds * 1000);
        done(item);
        continue;
      }
      group.set(targetId, { item, message });
      byRun.set(message.runId, group);
    }
    for (const [runId, group] of byRun) {
      const now = this.options.clock.now();
      const { claimed, existing } = await ledger.claimNew(runId, [...group.keys()], lease, now);
      // Held now: sent whatever happens to the rest of the batch, so a failure below cannot strand them until the lease ends.
      this.startDelivering(runId, group, claimed, done, lease);
      const retakeable: LedgerEntry[] = [];
      for (const entry of existing) {
        const { item } = group.get(entry.targetId) as { item: DequeuedMessageItem };
        if (entry.status === 'sent' || entry.status === 'failed' || entry.status === 'stale') {
          await this.deleteMessage(item);
          done(item);
        } else if (entry.status === 'sending' && entry.leaseUntil && entry.leaseUntil.getTime() > Date.now()) {
          // Another worker holds it (a duplicate queue message): look again when its lease ends.
          await this.hide(item, entry.leaseUntil.getTime() - Date.now());
          done(item);
        } else {
          // `pending` (a retry) or `sending` with an expired lease (a worker died mid-send: the one possible duplicate).
          retakeable.push(entry);
        }
      }
      const retaken = new Set((await ledger.claimMany(retakeable, lease, now)).map((e) => e.targetId));
      for (const entry of retakeable) {
        if (!retaken.has(entry.targetId)) done((group.get(entry.targetId) as { item: DequeuedMessageItem }).item);
      }
      this.startDelivering(runId, group, [...retaken], done, lease);
    }
  }

  private startDelivering(
    runId: string,
    group: ReadonlyMap<string, { item: DequeuedMessageItem; message: FanoutMessage }>,
    targetIds: readonly string[],
    done: (item: DequeuedMessageItem) => void,
    lease: Date,
  ): void {
    for (const targetId of targetIds) {
      const { item, message } = group.get(targetId) as { item: DequeuedMessageItem; message: FanoutMessage };
      this.delivering.add(item);
      const key = handKey(runId, targetId);
      this.inHand.add(key);
      void this.deliver(item, message, lease)
        .catch((error: unknown) => {
          this.options.logger.warn({ event: 'fanout.process-failed', runId, code: (error as { code?: string }).code }, 'a fan-out message will be retried');
        })
        .finally(() => {
          this.inHand.delete(key);
          this.delivering.delete(item);
          done(item);
        });
    }
  }

  /**
   * Sends one claimed target, retrying quick failures here and slow ones through the queue. Never sends once the claim
   * is about to run out: by then the message may be visible again and another worker may take it over.
   */
  private async deliver(item: DequeuedMessageItem, message: FanoutMessage, lease: Date): Promise<void> {
    const { ledger, logger } = this.options;
    const { runId, target } = message;
    const retries = this.options.inProcessRetries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      await this.waitForTurn(target.conversationId);
      if (Date.now() >= lease.getTime()) {
        // The claim is gone: another worker may hold the target now, so its row is not ours to write. The message
        // is visible again and the row's lease has ended, so whoever takes it next sends it.
        this.stats.requeued += 1;
        return;
      }
      if (Date.now() > lease.getTime() - this.leaseMarginMs) {
        // A long throttle or backoff used up most of the claim: hand it back (pending) rather than race another worker.
        await ledger.settle(runId, target.targetId, 'pending', this.options.clock.now(), 'lease');
        await this.hide(item, 1000);
        this.stats.requeued += 1;
        return;
      }
      try {
        await this.options.runJob(message.kind, { runId, target, payload: message.payload });
      } catch (error) {
        const outcome = classifySendError(error);
        const now = this.options.clock.now();
        if (outcome.kind === 'gone') {
          await this.options.installations.markStale(target.tenantId, target.conversationId, outcome.code, now);
          await ledger.settle(runId, target.targetId, 'stale', now, outcome.code);
          await this.deleteMessage(item);
          this.stats.stale += 1;
          logger.info({ event: 'fanout.stale', runId, status: outcome.code }, 'conversation no longer reachable; installation marked stale');
          return;
        }
        if (outcome.kind === 'failed') {
          await ledger.settle(runId, target.targetId, 'failed', now, outcome.code);
          await this.deleteMessage(item);
          this.stats.failed += 1;
          logger.warn({ event: 'fanout.failed', runId, kind: message.kind, code: outcome.code }, 'a proactive message could not be sent');
          return;
        }
        const wait = outcome.retryAfterMs ?? backoffMs(attempt, this.options.random);
        if (outcome.kind === 'throttled') {
          this.stats.throttled += 1;
          await this.options.throttle.record(new Date(Date.now() + wait));
        }
        if (attempt < retries && wait <= 5000) {
          this.stats.retried += 1;
          if (outcome.kind === 'transient') await sleep(wait);
          continue;
        }
        await ledger.settle(runId, target.targetId, 'pending', now, outcome.code);
        await this.hide(item, Math.max(wait, backoffMs(attempt, this.options.random, 1000, 60_000)));
        this.stats.requeued += 1;
        return;
      }
      // Recorded in batches; the queue message goes only once `sent` is stored, so a crash can only re-send.
      await this.sentRecorder.record(runId, target.targetId);
      this.stats.sent += 1;
      await this.deleteMessage(item);
      return;
    }
  }

  /** Waits out a shared throttle, the conversation's windows and the app's pace, in that order. */
  private async waitForTurn(conversationId: string): Promise<void> {
    for (;;) {
      const until = (await this.options.throttle.throttledUntil()).getTime();
      if (until <= Date.now()) break;
      await sleep(until - Date.now());
    }
    await this.conversationLimiter.acquire(conversationId);
    await this.appLimiter.acquire();
  }

  private async hide(item: DequeuedMessageItem, delayMs: number): Promise<void> {
    const seconds = Math.min(7 * 24 * 3600, Math.max(1, Math.ceil(delayMs / 1000)));
    try {
      await this.queue.updateMessage(item.messageId, item.popReceipt, undefined, seconds);
    } catch (error) {
      // The receipt expired (the message is visible again already): nothing to do.
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }

  private async deleteMessage(item: DequeuedMessageItem): Promise<void> {
    try {
      await this.queue.deleteMessage(item.messageId, item.popReceipt);
    } catch (error) {
      // Gone or re-received by someone else: the ledger row stops a second send.
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }

  private async moveToPoison(item: DequeuedMessageItem, reason: string): Promise<void> {
    await this.poison.sendMessage(item.messageText);
    await this.deleteMessage(item);
    this.stats.poisoned += 1;
    this.options.logger.error({ event: 'fanout.poison', messageId: item.messageId, reason, dequeueCount: item.dequeueCount }, `a fan-out message was moved to the ${FANOUT_POISON_QUEUE} queue`);
  }
}

/** Collects `sent` outcomes for a moment and stores them per run in transactions, instead of one write per send. */
class SentRecorder {
  private readonly waiting = new Map<string, { targetId: string; resolve: () => void; reject: (error: unknown) => void }[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: SendLedger,
    private readonly clock: Clock,
    private readonly flushMs = 200,
  ) {}

  record(runId: string, targetId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(runId) ?? [];
      list.push({ targetId, resolve, reject });
      this.waiting.set(runId, list);
      if (list.length >= 100) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    });
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.waiting];
    this.waiting.clear();
    await Promise.all(
      batches.map(async ([runId, list]) => {
        // Tried a few times: a send that is not recorded is sent again once its claim runs out.
        for (let attempt = 0; ; attempt += 1) {
          try {
            await this.ledger.settleMany(runId, list.map((w) => ({ targetId: w.targetId, status: 'sent' as const })), this.clock.now());
            for (const w of list) w.resolve();
            return;
          } catch (error) {
            if (attempt >= 2) {
              for (const w of list) w.reject(error);
              return;
            }
            await sleep(backoffMs(attempt));
          }
        }
      }),
    );
  }
}

function handKey(runId: string, targetId: string): string {
  return `${runId}\n${targetId}`;
}

function parseMessage(text: string): FanoutMessage | undefined {
  try {
    const parsed = fanoutMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
