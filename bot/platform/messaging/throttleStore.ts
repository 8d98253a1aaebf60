// The shared "throttled until" time: a 429's Retry-After, recorded in Table Storage so every instance pauses together.
import { z } from 'zod';
import { getIfExists, isConflict, type StorageAccount } from '../storage/account';

export const SEND_CONTROL_TABLE = 'sendControl';

const PARTITION = 'throttle';
/** One row per app: Teams' per-app limit is what a 429 without a conversation-level cause tells us about. */
const APP_ROW = 'app';

const rowSchema = z.object({ until: z.coerce.date(), etag: z.string() });

export class ThrottleStore {
  private cached: { until: Date; readAt: number } | undefined;
  private reading: Promise<Date> | undefined;

  constructor(
    private readonly storage: StorageAccount,
    /** How long a read is reused before asking storage again; keeps the check off the hot path. */
    private readonly cacheMs = 1000,
  ) {}

  private get table() {
    return this.storage.table(SEND_CONTROL_TABLE);
  }

  /** The time before which no instance should send; in the past when not throttled. */
  async throttledUntil(nowMs: number = Date.now()): Promise<Date> {
    if (this.cached && nowMs - this.cached.readAt < this.cacheMs) return this.cached.until;
    // Every send in hand asks at once when the cached time expires: one read answers them all.
    this.reading ??= this.read(nowMs).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(nowMs: number): Promise<Date> {
    const row = await getIfExists(this.table, PARTITION, APP_ROW);
    const until = row ? rowSchema.parse(row).until : new Date(0);
    const local = this.cached?.until ?? new Date(0);
    this.cached = { until: until > local ? until : local, readAt: nowMs };
    return this.cached.until;
  }

  /** Records `until` unless a later time is already recorded; the row only ever moves forward. */
  async record(until: Date): Promise<void> {
    if (!this.cached || until > this.cached.until) this.cached = { until, readAt: this.cached?.readAt ?? 0 };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        const row = await getIfExists(this.table, PARTITION, APP_ROW);
        if (!row) {
          await this.table.createEntity({ partitionKey: PARTITION, rowKey: APP_ROW, until });
          return;
        }
        const current = rowSchema.parse(row);
        if (current.until >= until) return;
        await this.table.updateEntity({ partitionKey: PARTITION, rowKey: APP_ROW, until }, 'Replace', { etag: current.etag });
        return;
      } catch (error) {
        // Another instance wrote it first: read it again.
        if (!isConflict(error)) throw error;
      }
    }
  }
}
