// The `responses` table: PartitionKey the run id, RowKey the respondent's Entra ID object id: one row per person per run.
// No tenant in the key: run ids are unique across tenants (random, or a hash of a tenant-scoped network's send run),
// and a run is only found through its tenant's `surveyRuns` partition.
// Each card page is its own property, written with an upsert-merge, so a double submit or an edit replaces, never adds.
import { z } from 'zod';
import type { Answers, StoredResponse } from './domain/answers';
import { deleteIfExists, getIfExists, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, toKey } from '../../platform/storage/keys';

export const RESPONSES_TABLE = 'responses';

const PAGE_PREFIX = 'page_';
const answersSchema = z.record(z.string(), z.union([z.number(), z.string()]));
const updatedSchema = z.coerce.date();

export class ResponseRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(RESPONSES_TABLE);
  }

  /** Saves one page of a person's answers in one upsert, replacing that page if they answered it before. */
  async savePage(runId: string, respondent: string, pageId: string, answers: Answers, now: Date): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: toKey(runId), rowKey: toKey(respondent.toLowerCase()), [`${PAGE_PREFIX}${pageId}`]: JSON.stringify(answers), updated: now },
      'Merge',
    );
  }

  async get(runId: string, respondent: string): Promise<StoredResponse | undefined> {
    const entity = await getIfExists(this.table, toKey(runId), toKey(respondent.toLowerCase()));
    return entity ? toResponse(entity) : undefined;
  }

  /**
   * Every response one person gave, across runs. A cross-partition query (RowKey only): it serves `privacy export`
   * and `privacy delete`, which are rare, so no second index is kept for it.
   */
  async listByRespondent(respondent: string): Promise<(StoredResponse & { runId: string })[]> {
    const found: (StoredResponse & { runId: string })[] = [];
    const filter = odata`RowKey eq ${toKey(respondent.toLowerCase())}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      found.push({ ...toResponse(entity), runId: fromKey(String(entity.partitionKey)) });
    }
    return found;
  }

  /** Removes one person's response to a run; true when there was one. */
  async delete(runId: string, respondent: string): Promise<boolean> {
    return deleteIfExists(this.table, toKey(runId), toKey(respondent.toLowerCase()));
  }

  /** Deletes responses last changed before `cutoff` (retention); returns how many went. Safe to repeat. */
  async purgeUpdatedBefore(cutoff: Date): Promise<number> {
    let purged = 0;
    const filter = odata`updated lt ${cutoff}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      if (await this.delete(fromKey(String(entity.partitionKey)), fromKey(String(entity.rowKey)))) purged += 1;
    }
    return purged;
  }

  /** Every response to a run: one partition. */
  async listRun(runId: string): Promise<StoredResponse[]> {
    const found: StoredResponse[] = [];
    const filter = odata`PartitionKey eq ${toKey(runId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toResponse(entity));
    return found;
  }
}

function toResponse(entity: Record<string, unknown>): StoredResponse {
  const pages: Record<string, Answers> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name.startsWith(PAGE_PREFIX) && typeof value === 'string') pages[name.slice(PAGE_PREFIX.length)] = answersSchema.parse(JSON.parse(value));
  }
  return { respondent: fromKey(String(entity.rowKey)), pages, updated: updatedSchema.parse(entity.updated) };
}
