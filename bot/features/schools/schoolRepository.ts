// The `schools` table: one partition per tenant and area (`<tenant>|<area>`, see keys.ts). The pointer row `area` holds
// the area's LA codes and names the current generation of its register; the register is rows `s_<generation>_<URN>`.
// An import writes a whole new generation in batches of 100 (the pointer first records it as `writing`), then flips
// the pointer (ETag-checked, so two imports at once cannot both win), then deletes the old generation: a reader that
// follows the pointer always sees one whole register, never half of one. A generation left behind by a crash is
// deleted by the next import. Each tenant's areas with a register or LA codes are listed in `<tenant>|_areas`.
import type { TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { conflict } from '../../errors';
import type { Logger } from '../../logger';
import { getIfExists, isConflict, odata, statusOf, type StorageAccount } from '../../platform/storage/account';
import { fromKey, tenantKey, toKey } from '../../platform/storage/keys';
import { UPTAKE_PHASES, type RegisterEntry, type SchoolArea, type StoredRegister } from './domain/register';

export const SCHOOLS_TABLE = 'schools';

const POINTER_ROW = 'area';
/** Not an area id: ids have no "_". */
const AREA_LIST = '_areas';
const BATCH = 100;

export function registerPartition(tenantId: string, areaId: string): string {
  return tenantKey(tenantId, areaId);
}

function areaListPartition(tenantId: string): string {
  return tenantKey(tenantId, AREA_LIST);
}

const pointerSchema = z.object({
  laCodes: z.string().default(''),
  generation: z.string().optional(),
  writing: z.string().optional(),
  count: z.number().int().default(0),
  importedBy: z.string().optional(),
  imported: z.coerce.date().optional(),
  etag: z.string(),
});

const entrySchema = z.object({
  rowKey: z.string(),
  name: z.string(),
  kind: z.enum(['school', 'service']),
  phase: z.enum(UPTAKE_PHASES),
  laCode: z.string().optional(),
  laName: z.string().optional(),
  type: z.string().optional(),
  postcode: z.string().optional(),
  proposedToClose: z.boolean().optional(),
});

export class SchoolRepository {
  constructor(
    private readonly storage: StorageAccount,
    private readonly logger: Logger,
  ) {}

  private get table() {
    return this.storage.table(SCHOOLS_TABLE);
  }

  /** The area's LA codes and current generation (one point read), or undefined for an area never set or imported. */
  async area(tenantId: string, areaId: string): Promise<SchoolArea | undefined> {
    const raw = await getIfExists(this.table, registerPartition(tenantId, areaId), POINTER_ROW);
    return raw ? areaOf(areaId, pointerSchema.parse(raw)) : undefined;
  }

  /** Every area of the tenant with LA codes or a register, by id. Reads one partition. */
  async areas(tenantId: string): Promise<string[]> {
    const ids: string[] = [];
    const filter = odata`PartitionKey eq ${areaListPartition(tenantId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) ids.push(fromKey(String(entity.rowKey)));
    return ids.sort();
  }

  /** Sets the area's LA codes, keeping its register. */
  async setLaCodes(tenantId: string, areaId: string, laCodes: readonly string[], now: Date): Promise<SchoolArea> {
    const partitionKey = registerPartition(tenantId, areaId);
    await this.table.upsertEntity({ partitionKey, rowKey: POINTER_ROW, laCodes: laCodes.join(',') }, 'Merge');
    await this.listArea(tenantId, areaId, now);
    const area = await this.area(tenantId, areaId);
    if (!area) throw conflict('The area changed while I saved its codes. Please try again.');
    return area;
  }

  /** The area's whole current register (empty before its first import), or undefined for an unknown area. */
  async load(tenantId: string, areaId: string): Promise<StoredRegister | undefined> {
    // An import that finishes while we read deletes the rows we are reading; read again at the new generation.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const area = await this.area(tenantId, areaId);
      if (!area) return undefined;
      if (!area.generation) return { area, entries: [] };
      const entries = await this.rowsOf(registerPartition(tenantId, areaId), area.generation);
      if (entries.length === area.count) return { area, entries };
    }
    throw conflict('The school register was being replaced while I read it. Please ask again.');
  }

  /**
   * Replaces the area's register with `entries` as one change seen by readers. `expected` is the area as read before
   * (undefined when the area had no row); if someone else imported in between, nothing changes and a conflict is thrown.
   */
  async replace(
    tenantId: string,
    areaId: string,
    entries: readonly RegisterEntry[],
    change: { readonly generation: string; readonly importedBy: string; readonly now: Date; readonly expected?: SchoolArea },
  ): Promise<void> {
    const partitionKey = registerPartition(tenantId, areaId);
    const { expected, generation } = change;
    // Record the generation being written first, so a crash part-way leaves rows the next import knows to delete.
    let etag: string;
    try {
      const marked = expected
        ? await this.table.updateEntity({ partitionKey, rowKey: POINTER_ROW, writing: generation }, 'Merge', { etag: expected.etag })
        : await this.table.createEntity({ partitionKey, rowKey: POINTER_ROW, laCodes: '', count: 0, writing: generation });
      etag = marked.etag ?? '';
    } catch (error) {
      if (isConflict(error)) throw lostRace();
      throw error;
    }
    const leftover = expected?.unfinished;
    if (leftover && leftover !== generation && leftover !== expected.generation) await this.deleteGeneration(partitionKey, leftover);
    const rows: TransactionAction[] = entries.map((entry) => ['create', rowOf(partitionKey, generation, entry)]);
    try {
      for (let start = 0; start < rows.length; start += BATCH) await this.table.submitTransaction(rows.slice(start, start + BATCH));
      await this.table.updateEntity(
        {
          partitionKey,
          rowKey: POINTER_ROW,
          generation,
          writing: '',
          count: entries.length,
          importedBy: change.importedBy,
          imported: change.now,
        },
        'Merge',
        { etag },
      );
    } catch (error) {
      await this.deleteGeneration(partitionKey, generation);
      if (isConflict(error) || isTransactionConflict(error)) throw lostRace();
      throw error;
    }
    await this.listArea(tenantId, areaId, change.now);
    if (expected?.generation) await this.deleteGeneration(partitionKey, expected.generation);
  }

  private async listArea(tenantId: string, areaId: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: areaListPartition(tenantId), rowKey: toKey(areaId), updated: now }, 'Replace');
  }

  private async rowsOf(partitionKey: string, generation: string): Promise<RegisterEntry[]> {
    const prefix = `s_${generation}_`;
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`s_${generation}\``}`;
    const entries: RegisterEntry[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const row = entrySchema.parse(entity);
      const { rowKey, ...rest } = row;
      entries.push({ urn: fromKey(rowKey.slice(prefix.length)), ...withoutUndefined(rest) });
    }
    return entries;
  }

  /** Removes one generation's rows; the pointer no longer names it, so readers never see them go. Failures only leave invisible rows. */
  private async deleteGeneration(partitionKey: string, generation: string): Promise<void> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${`s_${generation}_`} and RowKey lt ${`s_${generation}\``}`;
    const keys: string[] = [];
    try {
      for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) keys.push(String(entity.rowKey));
      for (let start = 0; start < keys.length; start += BATCH) {
        await this.table.submitTransaction(keys.slice(start, start + BATCH).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
      }
    } catch (error) {
      this.logger.warn({ event: 'schools.cleanup-failed', generation, rows: keys.length, status: statusOf(error) }, 'old register rows not removed');
    }
  }
}

function areaOf(id: string, row: z.infer<typeof pointerSchema>): SchoolArea {
  return {
    id,
    laCodes: row.laCodes.split(',').filter((code) => code.length > 0),
    ...(row.generation ? { generation: row.generation } : {}),
    count: row.generation ? row.count : 0,
    ...(row.importedBy ? { importedBy: row.importedBy } : {}),
    ...(row.imported ? { imported: row.imported } : {}),
    ...(row.writing ? { unfinished: row.writing } : {}),
    etag: row.etag,
  };
}

function rowOf(partitionKey: string, generation: string, entry: RegisterEntry): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const { urn, ...rest } = entry;
  return { partitionKey, rowKey: `s_${generation}_${toKey(urn)}`, ...withoutUndefined(rest) };
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function lostRace() {
  return conflict('Someone else imported this area\'s school register at the same time, so your import was not saved. Send the file again.');
}

/** A failed transaction reports the failing action's status in its message; a 409/412 there is a lost race. */
function isTransactionConflict(error: unknown): boolean {
  const raw = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  const message = typeof raw === 'string' ? raw : '';
  return /UpdateConditionNotSatisfied|EntityAlreadyExists|ConditionNotMet/i.test(message);
}
