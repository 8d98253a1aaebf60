// The `sendLedger` table: one row per run and target, so a restart or a second worker never re-sends what was sent.
// PartitionKey the run id, RowKey the target id (a conversation); the run itself is in its tenant's `sendRuns` partition.
// A target's row is created by the worker that first takes it from the queue (the insert is its claim).
import { z } from 'zod';
import { getIfExists, isConflict, odata, type StorageAccount } from '../storage/account';
import { fromKey, toKey } from '../storage/keys';

export const SEND_LEDGER_TABLE = 'sendLedger';

export const LEDGER_STATUSES = ['pending', 'sending', 'sent', 'failed', 'stale'] as const;
const ledgerStatusSchema = z.enum(LEDGER_STATUSES);
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface LedgerEntry {
  readonly runId: string;
  readonly targetId: string;
  readonly status: LedgerStatus;
  readonly attempts: number;
  /** A short code such as `429`, `502`, `403`, `gave-up`; never user text. */
  readonly lastError?: string;
  /** While `sending`: until when the worker that claimed it owns it; after that a crash is assumed. */
  readonly leaseUntil?: Date;
  readonly updated: Date;
  readonly etag: string;
}

export interface LedgerCounts {
  readonly total: number;
  readonly byStatus: Record<LedgerStatus, number>;
  /** Failure and stale reasons with how many targets each. */
  readonly reasons: Readonly<Record<string, number>>;
}

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  status: z.enum(LEDGER_STATUSES),
  attempts: z.number().int().default(0),
  lastError: z.string().optional(),
  leaseUntil: z.coerce.date().optional(),
  updated: z.coerce.date(),
  etag: z.string(),
});

export class SendLedger {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(SEND_LEDGER_TABLE);
  }

  async get(runId: string, targetId: string): Promise<LedgerEntry | undefined> {
    const entity = await getIfExists(this.table, toKey(runId), toKey(targetId));
    return entity && toEntry(entity);
  }

  /**
   * Claims targets of one run that have no row yet by creating their rows as `sending`: the insert is the claim, so a
   * first delivery needs no read (and no partition scan). One entity-group transaction per 100 rows; when any row
   * exists already, one insert per row. Returns the targets now held, and the rows that already existed (sent,
   * failed, stale, pending again, or held by someone) for the caller to decide on.
   */
  async claimNew(runId: string, targetIds: readonly string[], leaseUntil: Date, now: Date): Promise<{ claimed: string[]; existing: LedgerEntry[] }> {
    const partitionKey = toKey(runId);
    const row = (targetId: string) => ({ partitionKey, rowKey: toKey(targetId), status: 'sending', attempts: 1, lastError: '', leaseUntil, updated: now });
    const claimed: string[] = [];
    const existing: LedgerEntry[] = [];
    for (let i = 0; i < targetIds.length; i += 100) {
      const chunk = targetIds.slice(i, i + 100);
      try {
        await this.table.submitTransaction(chunk.map((targetId) => ['create', row(targetId)]));
        claimed.push(...chunk);
        continue;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      await Promise.all(
        chunk.map(async (targetId) => {
          try {
            await this.table.createEntity(row(targetId));
            claimed.push(targetId);
          } catch (error) {
            if (!isConflict(error)) throw error;
            const entry = await this.get(runId, targetId);
            if (entry) existing.push(entry);
          }
        }),
      );
    }
    return { claimed, existing };
  }

  /**
   * Moves rows of one run to `sending` in one entity-group transaction, each only if unchanged since it was read.
   * If any row changed (another worker), falls back to one claim per row. Returns the rows this worker now holds.
   */
  async claimMany(entries: readonly LedgerEntry[], leaseUntil: Date, now: Date): Promise<LedgerEntry[]> {
    if (entries.length <= 1) {
      const single = entries[0] ? await this.claim(entries[0], leaseUntil, now) : undefined;
      return single ? [single] : [];
    }
    const runId = (entries[0] as LedgerEntry).runId;
    try {
      await this.table.submitTransaction(
        entries.map((entry) => [
          'update',
          { partitionKey: toKey(runId), rowKey: toKey(entry.targetId), status: 'sending', attempts: entry.attempts + 1, leaseUntil, updated: now },
          'Merge',
          { etag: entry.etag },
        ]),
      );
      // The transaction does not return each new ETag; rows held are only settled (unconditionally) from here on.
      return entries.map((entry) => ({ ...entry, status: 'sending', attempts: entry.attempts + 1, leaseUntil, updated: now, etag: '' }));
    } catch (error) {
      if (!isConflict(error)) throw error;
      const held: LedgerEntry[] = [];
      for (const entry of entries) {
        const claimed = await this.claim(entry, leaseUntil, now);
        if (claimed) held.push(claimed);
      }
      return held;
    }
  }

  /** Records several outcomes of one run in entity-group transactions of up to 100 rows. */
  async settleMany(runId: string, outcomes: readonly { targetId: string; status: Exclude<LedgerStatus, 'sending'>; lastError?: string }[], now: Date): Promise<void> {
    const unique = [...new Map(outcomes.map((o) => [o.targetId, o])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      await this.table.submitTransaction(
        unique.slice(i, i + 100).map((o) => [
          'update',
          { partitionKey: toKey(runId), rowKey: toKey(o.targetId), status: o.status, lastError: o.lastError ?? '', leaseUntil: new Date(0), updated: now },
          'Merge',
        ]),
      );
    }
  }

  /** Moves a row to `sending` if nobody changed it since it was read; undefined when another worker got there first. */
  async claim(entry: LedgerEntry, leaseUntil: Date, now: Date): Promise<LedgerEntry | undefined> {
    const next = { status: 'sending' as const, attempts: entry.attempts + 1, leaseUntil, updated: now };
    try {
      const result = await this.table.updateEntity(
        { partitionKey: toKey(entry.runId), rowKey: toKey(entry.targetId), ...next },
        'Merge',
        { etag: entry.etag },
      );
      return { ...entry, ...next, etag: result.etag ?? '' };
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  /**
   * Records the outcome of an attempt: `sent`, `failed`, `stale`, or back to `pending` for a later retry. Written
   * whether or not the row is there (a merge-upsert), so an outcome is never lost to a row that went missing.
   */
  async settle(runId: string, targetId: string, status: Exclude<LedgerStatus, 'sending'>, now: Date, lastError = ''): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: toKey(runId), rowKey: toKey(targetId), status, lastError, leaseUntil: new Date(0), updated: now },
      'Merge',
    );
  }

  /**
   * Records a target as failed after too many attempts, unless its row says it was settled meanwhile (a copy of the
   * message can outlive a send that succeeded): a delivered message is never reported as failed.
   */
  async giveUp(runId: string, targetId: string, now: Date): Promise<void> {
    const row = { partitionKey: toKey(runId), rowKey: toKey(targetId), status: 'failed', lastError: 'gave-up', leaseUntil: new Date(0), updated: now };
    try {
      await this.table.createEntity(row);
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const entry = await this.get(runId, targetId);
    if (!entry || entry.status === 'sent' || entry.status === 'failed' || entry.status === 'stale') return;
    try {
      await this.table.updateEntity(row, 'Merge', { etag: entry.etag });
    } catch (error) {
      // Changed since it was read: whoever changed it is working on it.
      if (!isConflict(error)) throw error;
    }
  }

  /**
   * Counts a run's targets by status; reads the run's one partition. A target gets its row when a worker first takes
   * it from the queue, so the `targetCount - rows` not yet taken count as pending.
   */
  async counts(runId: string, targetCount = 0): Promise<LedgerCounts> {
    const byStatus: Record<LedgerStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, stale: 0 };
    const reasons: Record<string, number> = {};
    let total = 0;
    const rows = this.table.listEntities<{ status?: string; lastError?: string }>({
      queryOptions: { filter: odata`PartitionKey eq ${toKey(runId)}`, select: ['status', 'lastError'] },
    });
    for await (const row of rows) {
      const status = ledgerStatusSchema.safeParse(row.status);
      if (!status.success) continue;
      total += 1;
      byStatus[status.data] += 1;
      if ((status.data === 'failed' || status.data === 'stale') && row.lastError) reasons[row.lastError] = (reasons[row.lastError] ?? 0) + 1;
    }
    if (targetCount > total) {
      byStatus.pending += targetCount - total;
      total = targetCount;
    }
    return { total, byStatus, reasons };
  }
}

function toEntry(entity: unknown): LedgerEntry {
  const row = rowSchema.parse(entity);
  return {
    runId: fromKey(row.partitionKey),
    targetId: fromKey(row.rowKey),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError || undefined,
    leaseUntil: row.leaseUntil && row.leaseUntil.getTime() > 0 ? row.leaseUntil : undefined,
    updated: row.updated,
    etag: row.etag,
  };
}
