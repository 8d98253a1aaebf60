// The one-time move of rows stored before records were tenant-scoped (contacts directories and area lists, urgent-help
// lines, survey runs) into their tenant's keys. Runs at start-up, once across instances: a marker row in `migrations`
// is claimed with insert-if-not-exists (a lease, taken over with its ETag when an instance died mid-way) and finally
// says `done` or `unassigned`. Every step copies first and deletes the old row after, and every write is idempotent
// (upsert, insert-if-not-exists, delete-if-exists), so a crash loses nothing and the next start finishes the job.
//
// Who owns the old rows: the one tenant the deployment has ever served, i.e. the only tenant id in the tenant-keyed
// tables (installations, roles, preferences, cohorts, networks, audit, panels, send runs), together with
// the one tenant configuration lets reach the bot (MicrosoftAppTenantId for a single-tenant app, or a one-entry ALLOWED_TENANT_IDS). A survey run
// may also be placed by its cohort or conversation when exactly one tenant has it. With two tenants (or none) nothing
// is guessed: the rows stay where no one reads them, the marker says `unassigned` (final, so a tenant leaving later
// cannot inherit another's data), and every start logs which commands re-create the data.
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { Logger } from '../logger';
import type { Config } from '../config';
import { SEND_RUNS_TABLE } from '../platform/messaging/runRepository';
import { URGENT_HELP_TABLE } from '../features/safeguarding/urgentHelpService';
import { deleteIfExists, getIfExists, isConflict, isNotFound, odata, statusOf, type StorageAccount } from '../platform/storage/account';
import { AUDIT_TABLE } from '../platform/audit/auditLog';
import { COHORTS_TABLE } from '../features/cohorts/cohortRepository';
import { AREA_LIST, CONTACTS_TABLE, POINTER_ROW, areaListPartition, directoryPartition } from '../features/contacts/contactRepository';
import { INSTALLATIONS_TABLE } from '../platform/conversations/installationRepository';
import { fromKey, splitTenantKey, tenantKey, toKey } from '../platform/storage/keys';
import { NETWORKS_TABLE } from '../features/networks/networkRepository';
import { PANELS_TABLE } from '../features/panel/panelRepository';
import { PREFERENCES_TABLE } from '../features/contacts/preferenceRepository';
import { ROLES_TABLE } from '../features/roles/roleRepository';
import { SURVEY_RUNS_TABLE } from '../features/surveys/surveyRunRepository';

export const MIGRATIONS_TABLE = 'migrations';

const MARKER_PARTITION = 'tenant-scoping';
const MARKER_ROW = 'v1';
/** Long enough for a large deployment's contacts; an instance that died is taken over once it passes. */
export const MIGRATION_LEASE_MS = 10 * 60_000;
const BATCH = 100;

/** Tables whose PartitionKey is the bare tenant id: where the tenants a deployment has served can be seen. */
const TENANT_TABLES = [INSTALLATIONS_TABLE, ROLES_TABLE, PREFERENCES_TABLE, COHORTS_TABLE, NETWORKS_TABLE, AUDIT_TABLE, PANELS_TABLE, SEND_RUNS_TABLE];

/** The tables this migration reads and writes; app.ts creates them all before it runs. */
export const MIGRATION_TABLES = [MIGRATIONS_TABLE, CONTACTS_TABLE, URGENT_HELP_TABLE, SURVEY_RUNS_TABLE, ...TENANT_TABLES];

export interface MigrationCounts {
  /** Area directories moved (their rows and pointer). */
  directories: number;
  /** Contact rows moved with them. */
  contactRows: number;
  /** Rows of the old shared area list moved into a tenant's list. */
  areaListRows: number;
  urgentHelpLists: number;
  surveyRuns: number;
  /** Old directories or lists dropped because the tenant had already imported a newer one under its own key. */
  keptNewer: number;
  /** Old rows left where no one reads them, because no single tenant owns them. */
  leftUnassigned: number;
}

export type MigrationOutcome =
  | { readonly kind: 'done'; readonly owner?: string; readonly counts: MigrationCounts }
  | { readonly kind: 'unassigned'; readonly tenantsSeen: number; readonly counts: MigrationCounts }
  | { readonly kind: 'already-done' }
  /** Another instance holds the claim (and is moving the rows now). */
  | { readonly kind: 'elsewhere' }
  /** Storage failed part-way; the claim was released and the next start carries on. */
  | { readonly kind: 'failed' };

export interface MigrationOptions {
  readonly storage: StorageAccount;
  readonly logger: Logger;
  readonly clock: { now(): Date };
  /** The only tenant that can reach the bot, when there is one (see onlyReachableTenant); else undefined. */
  readonly appTenantId?: string;
}

/**
 * The one tenant that can reach this deployment, if configuration says so: MicrosoftAppTenantId for a SingleTenant or
 * UserAssignedMSI app, or the single entry of ALLOWED_TENANT_IDS for a multi-tenant one (every other tenant is refused).
 */
export function onlyReachableTenant(config: Pick<Config, 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'ALLOWED_TENANT_IDS'>): string | undefined {
  if (config.MicrosoftAppType !== 'MultiTenant') return config.MicrosoftAppTenantId;
  return config.ALLOWED_TENANT_IDS.length === 1 ? config.ALLOWED_TENANT_IDS[0] : undefined;
}

/** A stored row as read back: its keys and every property. */
type Entity = Record<string, unknown> & { readonly partitionKey: string; readonly rowKey: string };

interface Marker {
  readonly status: 'running' | 'done' | 'unassigned';
  readonly leaseUntil: Date;
  /** The owner chosen for the old rows once, so a resumed run keeps to it; '' while undecided or when there is none. */
  readonly owner: string;
  readonly tenantsSeen: number;
  readonly counts: MigrationCounts;
  readonly etag: string;
}

function emptyCounts(): MigrationCounts {
  return { directories: 0, contactRows: 0, areaListRows: 0, urgentHelpLists: 0, surveyRuns: 0, keptNewer: 0, leftUnassigned: 0 };
}

/** Moves rows stored before tenant keys into their tenant's keys; never throws (a failure is logged and retried next start). */
export async function migrateToTenantKeys(options: MigrationOptions): Promise<MigrationOutcome> {
  const { logger } = options;
  const markers = options.storage.table(MIGRATIONS_TABLE);
  let claim: Marker | undefined;
  try {
    const current = await readMarker(markers);
    if (current?.status === 'done') return { kind: 'already-done' };
    if (current?.status === 'unassigned') {
      warnUnassigned(logger, current.tenantsSeen, current.counts);
      return { kind: 'unassigned', tenantsSeen: current.tenantsSeen, counts: current.counts };
    }
    claim = await takeClaim(markers, current, options.clock.now());
    if (!claim) return { kind: 'elsewhere' };
    const outcome = await new Migration(options, markers, claim).run();
    claim = undefined;
    return outcome;
  } catch (error) {
    logger.error({ event: 'migration.tenant-scoping.failed', name: (error as Error).name, status: statusOf(error) }, 'moving old rows to tenant keys failed; the next start carries on where it stopped');
    if (claim) await releaseClaim(markers).catch(() => undefined);
    return { kind: 'failed' };
  }
}

class Migration {
  private readonly counts = emptyCounts();

  constructor(
    private readonly options: MigrationOptions,
    private readonly markers: TableClient,
    private marker: Marker,
  ) {}

  private table(name: string): TableClient {
    return this.options.storage.table(name);
  }

  async run(): Promise<MigrationOutcome> {
    const legacy = await this.findLegacyRows();
    if (legacy.directories.size === 0 && !legacy.areaList && legacy.urgentHelp.length === 0 && legacy.surveyRuns.length === 0) {
      await this.finish('done');
      this.options.logger.info({ event: 'migration.tenant-scoping', ...this.counts }, 'no rows from before tenant keys to move');
      return { kind: 'done', counts: this.counts };
    }
    let owner: string | undefined = this.marker.owner || undefined;
    let tenantsSeen = this.marker.tenantsSeen;
    if (!owner) {
      const seen = await tenantsServed(this.options.storage, this.options.appTenantId);
      tenantsSeen = seen.length;
      owner = seen.length === 1 ? seen[0] : undefined;
      this.marker = await this.saveMarker({ ...this.marker, owner: owner ?? '', tenantsSeen });
    }

    if (owner) {
      for (const area of legacy.directories) await this.moveDirectory(area, owner);
      if (legacy.areaList) await this.moveAreaList(owner);
      for (const area of legacy.urgentHelp) await this.moveUrgentHelp(area, owner);
    } else {
      this.counts.leftUnassigned += legacy.directories.size + (legacy.areaList ? 1 : 0) + legacy.urgentHelp.length;
    }
    for (const run of legacy.surveyRuns) {
      const tenant = owner ?? (await this.tenantOfSurveyTarget(run));
      if (tenant) await this.moveSurveyRun(run, tenant);
      else this.counts.leftUnassigned += 1;
    }

    const status = this.counts.leftUnassigned > 0 ? 'unassigned' : 'done';
    await this.finish(status, tenantsSeen);
    if (status === 'unassigned') {
      warnUnassigned(this.options.logger, tenantsSeen, this.counts);
      return { kind: 'unassigned', tenantsSeen, counts: this.counts };
    }
    this.options.logger.info({ event: 'migration.tenant-scoping', owner, ...this.counts }, 'rows from before tenant keys moved to their tenant');
    return { kind: 'done', owner, counts: this.counts };
  }

  /** The old rows: contacts partitions and urgent-help lists with no tenant in their key, survey runs with no tenant column. */
  private async findLegacyRows(): Promise<{ directories: Set<string>; areaList: boolean; urgentHelp: string[]; surveyRuns: Entity[] }> {
    const directories = new Set<string>();
    let areaList = false;
    for await (const entity of this.table(CONTACTS_TABLE).listEntities({ queryOptions: { select: ['PartitionKey'] } })) {
      const partition = String(entity.partitionKey);
      if (splitTenantKey(partition)) continue;
      if (partition === AREA_LIST) areaList = true;
      else directories.add(fromKey(partition));
    }
    const urgentHelp: string[] = [];
    for await (const entity of this.table(URGENT_HELP_TABLE).listEntities({ queryOptions: { select: ['PartitionKey'] } })) {
      const partition = String(entity.partitionKey);
      if (!splitTenantKey(partition)) urgentHelp.push(fromKey(partition));
    }
    const surveyRuns: Entity[] = [];
    for await (const entity of this.table(SURVEY_RUNS_TABLE).listEntities()) {
      if (typeof entity.tenantId !== 'string') surveyRuns.push(rowOf(entity));
    }
    return { directories, areaList, urgentHelp, surveyRuns };
  }

  /**
   * One area's directory: its current version's rows, then its pointer (insert-if-not-exists), then the tenant's area
   * list entry, and only then the old partition goes. A directory the tenant already has under its own key is newer
   * (imported since the upgrade) or was copied by an earlier, interrupted run: it is kept, and only the old rows go.
   */
  private async moveDirectory(areaId: string, owner: string): Promise<void> {
    const contacts = this.table(CONTACTS_TABLE);
    const legacyPartition = toKey(areaId);
    const rows = await listPartition(contacts, legacyPartition);
    const pointer = rows.find((row) => row.rowKey === POINTER_ROW);
    const target = directoryPartition(owner, areaId);
    const existing = await getIfExists(contacts, target, POINTER_ROW);
    if (pointer && !existing) {
      const version = String(pointer.version);
      const current = rows.filter((row) => row.rowKey.startsWith(`c_${version}_`));
      await submitInBatches(contacts, current.map((row) => ['upsert', { ...propertiesOf(row), partitionKey: target, rowKey: row.rowKey }, 'Replace']));
      try {
        await contacts.createEntity({ ...propertiesOf(pointer), partitionKey: target, rowKey: POINTER_ROW });
        this.counts.directories += 1;
        this.counts.contactRows += current.length;
      } catch (error) {
        if (!isConflict(error)) throw error;
        // The tenant imported this area a moment ago: theirs is current, so the copied rows are unused.
        await submitInBatches(contacts, current.map((row) => ['delete', { partitionKey: target, rowKey: row.rowKey }]));
        this.counts.keptNewer += 1;
      }
    } else if (pointer && existing) {
      if (String(existing.version) === String(pointer.version)) {
        this.counts.directories += 1;
        this.counts.contactRows += Number(pointer.count) || 0;
      } else {
        this.counts.keptNewer += 1;
      }
    }
    const kept = await getIfExists(contacts, target, POINTER_ROW);
    if (kept) await insertIfAbsent(contacts, { partitionKey: areaListPartition(owner), rowKey: toKey(areaId), name: String(kept.name), updated: kept.updated ?? this.options.clock.now() });
    // Rows of versions no pointer names were already invisible (a clean-up that failed before); they go with the rest.
    await submitInBatches(contacts, rows.filter((row) => row.rowKey !== POINTER_ROW).map((row) => ['delete', { partitionKey: legacyPartition, rowKey: row.rowKey }]));
    if (pointer) await deleteIfExists(contacts, legacyPartition, POINTER_ROW);
    await deleteIfExists(contacts, AREA_LIST, toKey(areaId));
  }

  /** What is left of the old shared area list (entries whose directory has already moved, or never existed). */
  private async moveAreaList(owner: string): Promise<void> {
    const contacts = this.table(CONTACTS_TABLE);
    for (const row of await listPartition(contacts, AREA_LIST)) {
      // Already in the tenant's list: the directory moved earlier, or the tenant imported it since.
      if (await insertIfAbsent(contacts, { ...propertiesOf(row), partitionKey: areaListPartition(owner), rowKey: row.rowKey })) this.counts.areaListRows += 1;
      await deleteIfExists(contacts, AREA_LIST, row.rowKey);
    }
  }

  private async moveUrgentHelp(areaId: string, owner: string): Promise<void> {
    const table = this.table(URGENT_HELP_TABLE);
    for (const row of await listPartition(table, toKey(areaId))) {
      const target = tenantKey(owner, areaId);
      if (await insertIfAbsent(table, { ...propertiesOf(row), partitionKey: target, rowKey: row.rowKey })) {
        this.counts.urgentHelpLists += 1;
      } else {
        // The same lines: copied by an interrupted earlier run. Other lines: set by the tenant since, so theirs stay.
        const there = await getIfExists(table, target, row.rowKey);
        if (there && there.lines === row.lines) this.counts.urgentHelpLists += 1;
        else this.counts.keptNewer += 1;
      }
      await deleteIfExists(table, row.partitionKey, row.rowKey);
    }
  }

  private async moveSurveyRun(run: Entity, tenant: string): Promise<void> {
    const table = this.table(SURVEY_RUNS_TABLE);
    // A run id is unique, so an existing row under the tenant's key is this run, copied by an interrupted earlier run.
    await insertIfAbsent(table, { ...propertiesOf(run), partitionKey: tenantKey(tenant, fromKey(run.partitionKey)), rowKey: run.rowKey, tenantId: tenant });
    this.counts.surveyRuns += 1;
    await deleteIfExists(table, run.partitionKey, run.rowKey);
  }

  /** The one tenant with a cohort of this id, or with the run's conversation installed; undefined when none or several. */
  private async tenantOfSurveyTarget(run: Entity): Promise<string | undefined> {
    const found = new Set<string>();
    const rowKeys = new Set([run.partitionKey]);
    if (typeof run.conversationId === 'string' && run.conversationId.length > 0) rowKeys.add(toKey(run.conversationId));
    for (const table of [COHORTS_TABLE, INSTALLATIONS_TABLE]) {
      for (const rowKey of rowKeys) {
        for await (const entity of this.table(table).listEntities({ queryOptions: { filter: odata`RowKey eq ${rowKey}`, select: ['PartitionKey'] } })) {
          found.add(fromKey(String(entity.partitionKey)));
        }
      }
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  private async saveMarker(next: Omit<Marker, 'etag'>): Promise<Marker> {
    const { etag } = await this.markers.updateEntity(markerEntity(next), 'Replace', { etag: this.marker.etag });
    return { ...next, etag: etag ?? '' };
  }

  private async finish(status: 'done' | 'unassigned', tenantsSeen = this.marker.tenantsSeen): Promise<void> {
    this.marker = await this.saveMarker({ ...this.marker, status, tenantsSeen, leaseUntil: new Date(0), counts: this.counts });
  }
}

/** The distinct tenant ids the deployment has served, stopping at two (all that matters is whether there is one). */
export async function tenantsServed(storage: StorageAccount, appTenantId?: string): Promise<string[]> {
  const seen = new Set<string>(appTenantId ? [appTenantId] : []);
  for (const name of TENANT_TABLES) {
    let after: string | undefined;
    // The first partition, then the first one after it: two queries per table tell none, one or several.
    while (seen.size < 2) {
      const partition = await firstPartition(storage.table(name), after);
      if (partition === undefined) break;
      seen.add(fromKey(partition));
      after = partition;
    }
    if (seen.size >= 2) break;
  }
  return [...seen].sort();
}

async function firstPartition(table: TableClient, after: string | undefined): Promise<string | undefined> {
  const queryOptions = after === undefined ? { select: ['PartitionKey'] } : { filter: odata`PartitionKey gt ${after}`, select: ['PartitionKey'] };
  try {
    // A page may come back empty with a continuation (Table Storage does that at partition-server boundaries).
    for await (const page of table.listEntities({ queryOptions }).byPage({ maxPageSize: 1 })) {
      const first = page[0];
      if (first) return String(first.partitionKey);
    }
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  return undefined;
}

async function readMarker(markers: TableClient): Promise<Marker | undefined> {
  const entity = await getIfExists(markers, MARKER_PARTITION, MARKER_ROW);
  if (!entity) return undefined;
  const status = entity.status === 'done' || entity.status === 'unassigned' ? entity.status : 'running';
  let counts = emptyCounts();
  try {
    counts = { ...counts, ...(JSON.parse(typeof entity.counts === 'string' ? entity.counts : '{}') as Partial<MigrationCounts>) };
  } catch {
    // Counts are only for the log line; an unreadable value must not stop the bot from starting.
  }
  return {
    status,
    leaseUntil: new Date(entity.leaseUntil instanceof Date || typeof entity.leaseUntil === 'string' ? entity.leaseUntil : 0),
    owner: typeof entity.owner === 'string' ? entity.owner : '',
    tenantsSeen: typeof entity.tenantsSeen === 'number' ? entity.tenantsSeen : 0,
    counts,
    etag: entity.etag,
  };
}

/** The claim for this instance, or undefined when another instance holds a live one. */
async function takeClaim(markers: TableClient, current: Marker | undefined, now: Date): Promise<Marker | undefined> {
  const leaseUntil = new Date(now.getTime() + MIGRATION_LEASE_MS);
  try {
    if (!current) {
      const fresh = { status: 'running' as const, leaseUntil, owner: '', tenantsSeen: 0, counts: emptyCounts() };
      const { etag } = await markers.createEntity(markerEntity(fresh));
      return { ...fresh, etag: etag ?? '' };
    }
    if (current.leaseUntil.getTime() > now.getTime()) return undefined;
    // The last holder died (or released it after a failure): take over, keeping the owner it chose.
    const next = { ...current, status: 'running' as const, leaseUntil };
    const { etag } = await markers.updateEntity(markerEntity(next), 'Replace', { etag: current.etag });
    return { ...next, etag: etag ?? '' };
  } catch (error) {
    if (isConflict(error)) return undefined;
    throw error;
  }
}

/** After a failure: the next start (of any instance) may carry on at once instead of waiting for the lease to pass. */
async function releaseClaim(markers: TableClient): Promise<void> {
  const latest = await readMarker(markers);
  if (!latest || latest.status !== 'running') return;
  await markers.updateEntity(markerEntity({ ...latest, leaseUntil: new Date(0) }), 'Replace', { etag: latest.etag });
}

function markerEntity(marker: Omit<Marker, 'etag'>) {
  return {
    partitionKey: MARKER_PARTITION,
    rowKey: MARKER_ROW,
    status: marker.status,
    leaseUntil: marker.leaseUntil,
    owner: marker.owner,
    tenantsSeen: marker.tenantsSeen,
    counts: JSON.stringify(marker.counts),
  };
}

function warnUnassigned(logger: Logger, tenantsSeen: number, counts: MigrationCounts): void {
  logger.warn(
    { event: 'migration.tenant-scoping.unassigned', tenantsSeen, ...counts },
    `${counts.leftUnassigned} record(s) stored before records were kept per tenant were not given to any tenant, because this deployment has served ${tenantsSeen === 0 ? 'no tenant' : `${tenantsSeen} or more tenants`} and their owner cannot be told. Nobody can see them. In each tenant, a coordinator re-creates what is missing: "contacts import <area>" with the directory file, "contacts urgent-help <area>" with the lines, and a new "cascade start" or "pulse start" for a survey still under way.`,
  );
}

async function listPartition(table: TableClient, partitionKey: string): Promise<Entity[]> {
  const rows: Entity[] = [];
  for await (const entity of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) rows.push(rowOf(entity));
  return rows;
}

function rowOf(entity: TableEntityResult<Record<string, unknown>>): Entity {
  return { ...entity, partitionKey: String(entity.partitionKey), rowKey: String(entity.rowKey) };
}

/** The stored properties of a row, without the service's own (ETag, Timestamp), ready to write elsewhere. */
function propertiesOf(entity: Entity): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'etag' || name === 'timestamp' || name === 'partitionKey' || name === 'rowKey' || name.startsWith('odata.')) continue;
    properties[name] = value;
  }
  return properties;
}

/** True when this call created the row; false when it was already there (kept as it is). */
async function insertIfAbsent(table: TableClient, entity: { partitionKey: string; rowKey: string } & Record<string, unknown>): Promise<boolean> {
  try {
    await table.createEntity(entity);
    return true;
  } catch (error) {
    if (isConflict(error)) return false;
    throw error;
  }
}

async function submitInBatches(table: TableClient, actions: TransactionAction[]): Promise<void> {
  for (let start = 0; start < actions.length; start += BATCH) await table.submitTransaction(actions.slice(start, start + BATCH));
}
