// The `surveyRuns` table: PartitionKey `<tenant>|<cohort or conversation id>` (see keys.ts), RowKey the run id; one
// partition per target. Cohort ids are a hash of the cohort's name, so without the tenant two tenants' cohorts of the
// same name would share their runs and results. Each row also holds `tenantId`: rows written before tenant keys have
// none (PartitionKey the bare target id), and bot/migrations/tenantScopingMigration.ts moves them.
import { z } from 'zod';
import { SURVEY_KINDS } from './domain/definition';
import { PHASES, type SurveyRun } from './domain/runs';
import { RecentMap } from '../../platform/recentMap';
import { getIfExists, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, splitTenantKey, tenantKey, toKey } from '../../platform/storage/keys';

export const SURVEY_RUNS_TABLE = 'surveyRuns';

const idListSchema = z.array(z.string());
const optionalDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.date().optional());

const rowSchema = z.object({
  partitionKey: z.string(),
  tenantId: z.string(),
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
  members: z.string().transform((raw) => idListSchema.parse(JSON.parse(raw))),
  membersOnly: z.boolean().optional(),
  salt: z.string(),
});

/** Runs remembered per instance, so a card submit needs no read. */
const CACHED_RUNS = 500;
/** How long an instance trusts its copy of a run. Must stay below CLOSE_GRACE_MS. */
export const RUN_CACHE_MS = 30_000;
/**
 * An early close takes effect this long after it is asked for: every instance re-reads a run within RUN_CACHE_MS, so
 * all of them agree on the closing instant and none can save after it, without a storage read on every submit.
 */
export const CLOSE_GRACE_MS = 60_000;

export class SurveyRunRepository {
  private readonly cache = new RecentMap<string, { readonly run: SurveyRun; readonly readAt: number }>(CACHED_RUNS);

  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(SURVEY_RUNS_TABLE);
  }

  async create(run: SurveyRun): Promise<void> {
    await this.table.createEntity({
      partitionKey: tenantKey(run.tenantId, run.targetId),
      rowKey: toKey(run.runId),
      tenantId: run.tenantId,
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
      membersOnly: run.membersOnly ?? false,
      salt: run.salt,
    });
  }

  async get(tenantId: string, targetId: string, runId: string): Promise<SurveyRun | undefined> {
    const entity = await getIfExists(this.table, tenantKey(tenantId, targetId), toKey(runId));
    return entity ? toRun(entity) : undefined;
  }

  /**
   * A run as this instance read it at most RUN_CACHE_MS ago. Safe for deciding whether a save is allowed because an
   * early close is always set at least CLOSE_GRACE_MS ahead (see close).
   */
  async getForAnswer(tenantId: string, targetId: string, runId: string, now: Date): Promise<SurveyRun | undefined> {
    const key = cacheKey(tenantId, targetId, runId);
    const cached = this.cache.get(key);
    if (cached && now.getTime() - cached.readAt < RUN_CACHE_MS && now.getTime() >= cached.readAt) return cached.run;
    const run = await this.get(tenantId, targetId, runId);
    if (run) this.cache.set(key, { run, readAt: now.getTime() });
    else this.cache.delete(key);
    return run;
  }

  /** Every run of one of the tenant's targets; reads one partition. */
  async listForTarget(tenantId: string, targetId: string): Promise<SurveyRun[]> {
    const runs: SurveyRun[] = [];
    const filter = odata`PartitionKey eq ${tenantKey(tenantId, targetId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) runs.push(toRun(entity));
    return runs;
  }

  /**
   * Closes a run early and returns when it stops taking answers: CLOSE_GRACE_MS from now, so that every instance's copy
   * is fresh before then (answers being typed at that moment are still saved). `immediately` is only for a run nobody
   * has seen, e.g. when posting its card failed.
   */
  async close(run: SurveyRun, now: Date, immediately = false): Promise<Date> {
    const closedAt = new Date(now.getTime() + (immediately ? 0 : CLOSE_GRACE_MS));
    await this.table.updateEntity({ partitionKey: tenantKey(run.tenantId, run.targetId), rowKey: toKey(run.runId), closedAt }, 'Merge');
    this.cache.delete(cacheKey(run.tenantId, run.targetId, run.runId));
    return closedAt;
  }
}

/** Conversation, cohort and run ids never contain a newline, so no two runs share a cache entry. */
function cacheKey(tenantId: string, targetId: string, runId: string): string {
  return tenantKey(tenantId, `${targetId}\n${runId}`);
}

function toRun(entity: unknown): SurveyRun {
  const row = rowSchema.parse(entity);
  const key = splitTenantKey(row.partitionKey);
  if (!key) throw new Error('A survey run row has no tenant in its key.');
  return {
    tenantId: row.tenantId,
    targetId: key.id,
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
    membersOnly: row.membersOnly ?? false,
    salt: row.salt,
  };
}
