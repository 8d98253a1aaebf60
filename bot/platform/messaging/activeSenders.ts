// How many instances are sending right now, so Teams' per-app rate is shared between them instead of multiplied:
// each sending instance keeps a heartbeat row in the `sendControl` table and paces itself at the rate / instances.
import { z } from 'zod';
import { deleteIfExists, isConflict, isNotFound, odata, type StorageAccount } from '../storage/account';
import { toKey } from '../storage/keys';
import { SEND_CONTROL_TABLE } from './throttleStore';

const PARTITION = 'senders';

const rowSchema = z.object({ rowKey: z.string(), seenAt: z.coerce.date(), etag: z.string() });

function ignoreGoneOrChanged(error: unknown): void {
  if (!isNotFound(error) && !isConflict(error)) throw error;
}

/**
 * Ages are told from the instances' own clocks (`seenAt`), so their clocks must agree to within seconds, as NTP keeps
 * Azure's hosts; the 30 s window leaves room for that.
 */
export class ActiveSenders {
  constructor(
    private readonly storage: StorageAccount,
    private readonly instanceId: string,
    /** An instance not heard from for this long is taken to have stopped. */
    private readonly aliveMs = 30_000,
  ) {}

  private get table() {
    return this.storage.table(SEND_CONTROL_TABLE);
  }

  /**
   * Records this instance as sending at `now` and returns how many instances are (this one included, so at least 1).
   * Rows of instances gone for ten times `aliveMs` are removed on the way.
   */
  async beat(now: Date): Promise<number> {
    await this.table.upsertEntity({ partitionKey: PARTITION, rowKey: toKey(this.instanceId), seenAt: now }, 'Replace');
    let alive = 0;
    for await (const entity of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } })) {
      const row = rowSchema.safeParse(entity);
      if (!row.success) continue;
      const age = now.getTime() - row.data.seenAt.getTime();
      if (age <= this.aliveMs) alive += 1;
      // Only the row as read: one that beat again meanwhile is alive after all.
      else if (age > this.aliveMs * 10) await this.table.deleteEntity(PARTITION, row.data.rowKey, { etag: row.data.etag }).catch(ignoreGoneOrChanged);
    }
    return Math.max(1, alive);
  }

  /** Removes this instance at once on a clean stop, so the others take up its share without waiting. */
  async leave(): Promise<void> {
    await deleteIfExists(this.table, PARTITION, toKey(this.instanceId));
  }
}
