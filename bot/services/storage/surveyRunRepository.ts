// The `surveyRuns` table: PartitionKey the cohort (or conversation) id, RowKey the run id; one partition per target.
import { z } from 'zod';
import { SURVEY_KINDS } from '../../domain/surveys/definition';
import { PHASES, type SurveyRun } from '../../domain/surveys/runs';
import { isNotFound, odata, type StorageAccount } from './account';
import { fromKey, toKey } from './keys';

export const SURVEY_RUNS_TABLE = 'surveyRuns';

const optionalDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.date().optional());

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  kind: z.enum(SURVEY_KINDS),
  phase: z.enum(PHASES),
  label: z.string(),
  confidential: z.boolean(),
  conversationId: z.string(),
  openedAt: z.coerce.date(),
  closesAt: optionalDate,
  closedAt: optionalDate,
  openedBy: z.string(),
  members: z.string().transform((raw) => z.array(z.string()).parse(JSON.parse(raw))),
  salt: z.string(),
});

/** Runs remembered per instance. Only fields fixed at creation are trusted from memory; closing is enforced in storage. */
const CACHED_RUNS = 500;

export class SurveyRunRepository {
  private readonly cache = new Map<string, SurveyRun>();

  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(SURVEY_RUNS_TABLE);
  }

  async create(run: SurveyRun): Promise<void> {
    await this.table.createEntity({
      partitionKey: toKey(run.targetId),
      rowKey: toKey(run.runId),
      kind: run.kind,
      phase: run.phase,
      label: run.label,
      confidential: run.confidential,
      conversationId: run.conversationId,
      openedAt: run.openedAt,
      closesAt: run.closesAt ?? '',
      closedAt: run.closedAt ?? '',
      openedBy: run.openedBy,
      members: JSON.stringify(run.members.map((m) => m.toLowerCase())),
      salt: run.salt,
    });
  }

  async get(targetId: string, runId: string): Promise<SurveyRun | undefined> {
    try {
      return toRun(await this.table.getEntity(toKey(targetId), toKey(runId)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * A run as it was when this instance last read it: kind, members, target and scheduled close never change, so card
   * submits can skip a read. `closedAt` may be stale here; ResponseRepository.savePage enforces an early close.
   */
  async getForAnswer(targetId: string, runId: string): Promise<SurveyRun | undefined> {
    const key = `${targetId}\n${runId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const run = await this.get(targetId, runId);
    if (run) {
      if (this.cache.size >= CACHED_RUNS) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, run);
    }
    return run;
  }

  /** Every run of one target; reads one partition. */
  async listForTarget(targetId: string): Promise<SurveyRun[]> {
    const runs: SurveyRun[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${toKey(targetId)}` } })) runs.push(toRun(entity));
    return runs;
  }

  async close(run: SurveyRun, now: Date): Promise<void> {
    await this.table.updateEntity({ partitionKey: toKey(run.targetId), rowKey: toKey(run.runId), closedAt: now }, 'Merge');
    this.cache.delete(`${run.targetId}\n${run.runId}`);
  }
}

function toRun(entity: unknown): SurveyRun {
  const row = rowSchema.parse(entity);
  return {
    targetId: fromKey(row.partitionKey),
    runId: fromKey(row.rowKey),
    kind: row.kind,
    phase: row.phase,
    label: row.label,
    confidential: row.confidential,
    conversationId: row.conversationId,
    openedAt: row.openedAt,
    closesAt: row.closesAt,
    closedAt: row.closedAt,
    openedBy: row.openedBy,
    members: row.members,
    salt: row.salt,
  };
}
