// The `sendLedger` table: one row per run and target, so a restart or a second worker never re-sends what was sent.
import { z } from 'zod';
import { isConflict, isNotFound, odata, type StorageAccount } from '../storage/account';
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

  /** Adds `pending` rows for targets that have none; existing rows (any status) are left as they are. */
  async addPending(runId: string, targetIds: readonly string[], now: Date): Promise<void> {
    const partitionKey = toKey(runId);
    for (let i = 0; i < targetIds.length; i += 100) {
      const chunk = targetIds.slice(i, i + 100);
      const rows = chunk.map((targetId) => ({ partitionKey, rowKey: toKey(targetId), status: 'pending', attempts: 0, lastError: '', updated: now }));
      try {
        await this.table.submitTransaction(rows.map((row) => ['create', row]));
      } catch (error) {
        if (!isConflict(error)) throw error;
        // Some rows exist already (a resumed enqueue): add the missing ones one by one.
        for (const row of rows) {
          try {
            await this.table.createEntity(row);
          } catch (inner) {
            if (!isConflict(inner)) throw inner;
          }
        }
      }
    }
  }

  async get(runId: string, targetId: string): Promise<LedgerEntry | undefined> {
    try {
      return toEntry(await this.table.getEntity(toKey(runId), toKey(targetId)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Several rows of one run in one query (a received batch), by target id; missing targets are absent. */
  async getMany(runId: string, targetIds: readonly string[]): Promise<Map<string, LedgerEntry>> {
    const found = new Map<string, LedgerEntry>();
    const partition = odata`PartitionKey eq ${toKey(runId)}`;
    // Table Storage allows at most 15 comparisons in one filter: the partition plus 14 row keys.
    for (let i = 0; i < targetIds.length; i += 14) {
      const keys = targetIds.slice(i, i + 14).map((id) => odata`RowKey eq ${toKey(id)}`);
      for await (const entity of this.table.listEntities({ queryOptions: { filter: `${partition} and (${keys.join(' or ')})` } })) {
        const entry = toEntry(entity);
        found.set(entry.targetId, entry);
      }
    }
    return found;
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

  /** Records the outcome of an attempt: `sent`, `failed`, `stale`, or back to `pending` for a later retry. */
  async settle(runId: string, targetId: string, status: Exclude<LedgerStatus, 'sending'>, now: Date, lastError = ''): Promise<void> {
    await this.table.updateEntity(
      { partitionKey: toKey(runId), rowKey: toKey(targetId), status, lastError, leaseUntil: new Date(0), updated: now },
      'Merge',
    );
  }

  /** Counts a run's rows by status; reads the run's one partition. */
  async counts(runId: string): Promise<LedgerCounts> {
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
