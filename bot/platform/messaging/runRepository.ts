// The `sendRuns` table: one row per scheduled run (network + half-term + prompt, a digest, a reminder), keyed deterministically:
// PartitionKey the tenant id, RowKey the run id.
import { z } from 'zod';
import { getIfExists, isConflict, isNotFound, odata, type StorageAccount } from '../storage/account';
import { fromKey, toKey } from '../storage/keys';
import type { SendRun } from './types';

export const SEND_RUNS_TABLE = 'sendRuns';

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  kind: z.string(),
  label: z.string(),
  ownerId: z.string().default(''),
  dueAt: z.coerce.date(),
  targetCount: z.number().int(),
  status: z.enum(['planned', 'enqueued']),
  created: z.coerce.date(),
  updated: z.coerce.date(),
});

export class RunRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(SEND_RUNS_TABLE);
  }

  /** Insert-if-not-exists: true when this call created the run, false when any instance already had. */
  async createIfAbsent(run: Omit<SendRun, 'status' | 'updated'>): Promise<boolean> {
    try {
      await this.table.createEntity({
        partitionKey: toKey(run.tenantId),
        rowKey: toKey(run.runId),
        kind: run.kind,
        label: run.label,
        ownerId: run.ownerId,
        dueAt: run.dueAt,
        targetCount: run.targetCount,
        status: 'planned',
        created: run.created,
        updated: run.created,
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async markEnqueued(tenantId: string, runId: string, now: Date): Promise<void> {
    await this.table.updateEntity({ partitionKey: toKey(tenantId), rowKey: toKey(runId), status: 'enqueued', updated: now }, 'Merge');
  }

  /** Marks a run still being planned, so no other instance takes it over as abandoned. */
  async stillPlanning(tenantId: string, runId: string, now: Date): Promise<void> {
    await this.table.updateEntity({ partitionKey: toKey(tenantId), rowKey: toKey(runId), updated: now }, 'Merge');
  }

  /** Takes over planning a run whose planner stopped before enqueuing; false when another instance did first. */
  async takeOverPlanning(run: SendRun, now: Date): Promise<boolean> {
    try {
      const entity = await this.table.getEntity(toKey(run.tenantId), toKey(run.runId));
      if (entity.status !== 'planned') return false;
      await this.table.updateEntity({ partitionKey: toKey(run.tenantId), rowKey: toKey(run.runId), updated: now }, 'Merge', { etag: entity.etag });
      return true;
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  async get(tenantId: string, runId: string): Promise<SendRun | undefined> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(runId));
    return entity && toRun(entity);
  }

  /** A tenant's runs, newest due first, optionally of one owner; reads one partition. */
  async list(tenantId: string, ownerId?: string): Promise<SendRun[]> {
    const filter = ownerId
      ? odata`PartitionKey eq ${toKey(tenantId)} and ownerId eq ${ownerId}`
      : odata`PartitionKey eq ${toKey(tenantId)}`;
    const runs: SendRun[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) runs.push(toRun(entity));
    return runs.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
  }
}

function toRun(entity: unknown): SendRun {
  const row = rowSchema.parse(entity);
  return {
    tenantId: fromKey(row.partitionKey),
    runId: fromKey(row.rowKey),
    kind: row.kind,
    label: row.label,
    ownerId: row.ownerId,
    dueAt: row.dueAt,
    targetCount: row.targetCount,
    status: row.status,
    created: row.created,
    updated: row.updated,
  };
}
