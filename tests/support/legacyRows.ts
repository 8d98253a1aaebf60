// Rows in the shape the bot stored before records were kept per tenant (commit d3d7bf9's contactRepository.ts,
// urgentHelp.ts and surveyRunRepository.ts, written field for field), for testing the move to tenant keys.
import type { Contact } from '../../bot/features/contacts/domain/contacts';
import type { UrgentHelpLine } from '../../bot/features/safeguarding/domain/urgentHelp';
import type { StorageAccount } from '../../bot/platform/storage/account';
import { toKey } from '../../bot/platform/storage/keys';

export const LEGACY_CONTACTS_TABLE = 'contacts';
export const LEGACY_URGENT_HELP_TABLE = 'urgentHelp';
export const LEGACY_SURVEY_RUNS_TABLE = 'surveyRuns';

/** What the old `ContactRepository.replace` wrote for a first import: one partition per area, and the shared `_areas` list. */
export async function writeLegacyDirectory(
  storage: StorageAccount,
  area: { id: string; name: string },
  contacts: readonly Contact[],
  change: { version: string; importedBy: string; now: Date },
): Promise<void> {
  const table = storage.table(LEGACY_CONTACTS_TABLE);
  const partitionKey = toKey(area.id);
  const rows = contacts.map((contact) => ['create', { partitionKey, rowKey: `c_${change.version}_${toKey(contact.id)}`, contact: JSON.stringify(contact) }] as const);
  const pointer = { partitionKey, rowKey: 'area', name: area.name, version: change.version, count: contacts.length, importedBy: change.importedBy, updated: change.now };
  for (let start = 0; start < rows.length; start += 100) await table.submitTransaction(rows.slice(start, start + 100).map(([kind, entity]) => [kind, entity]));
  await table.createEntity(pointer);
  await table.upsertEntity({ partitionKey: '_areas', rowKey: toKey(area.id), name: area.name, updated: change.now }, 'Replace');
}

/** A row of a version no pointer names: what the old code left behind when a clean-up failed. */
export async function writeLegacyOrphanRow(storage: StorageAccount, areaId: string, version: string, contact: Contact): Promise<void> {
  await storage.table(LEGACY_CONTACTS_TABLE).createEntity({ partitionKey: toKey(areaId), rowKey: `c_${version}_${toKey(contact.id)}`, contact: JSON.stringify(contact) });
}

/** What the old `UrgentHelpService.setLines` wrote. */
export async function writeLegacyUrgentHelp(storage: StorageAccount, areaId: string, lines: readonly UrgentHelpLine[], by: string, now: Date): Promise<void> {
  await storage.table(LEGACY_URGENT_HELP_TABLE).upsertEntity({ partitionKey: toKey(areaId), rowKey: 'current', lines: JSON.stringify(lines), updatedBy: by, updated: now }, 'Replace');
}

export interface LegacySurveyRun {
  readonly targetId: string;
  readonly runId: string;
  readonly conversationId: string;
  readonly openedAt: Date;
  readonly closesAt?: Date;
  readonly openedBy: string;
  readonly members: readonly string[];
}

/** What the old `SurveyRunRepository.create` wrote: PartitionKey the bare target id, no tenant column. */
export async function writeLegacySurveyRun(storage: StorageAccount, run: LegacySurveyRun): Promise<void> {
  await storage.table(LEGACY_SURVEY_RUNS_TABLE).createEntity({
    partitionKey: toKey(run.targetId),
    rowKey: toKey(run.runId),
    kind: 'cascade',
    phase: 'baseline',
    label: 'Salford 2026',
    confidential: false,
    conversationId: run.conversationId,
    openedAt: run.openedAt,
    closesAt: run.closesAt ?? '',
    closedAt: '',
    openedBy: run.openedBy,
    members: JSON.stringify(run.members.map((m) => m.toLowerCase())),
    membersOnly: true,
    salt: 'legacy-salt',
  });
}

/** Every row of a table, as [PartitionKey, RowKey] pairs, for checking what is left. */
export async function keysOf(storage: StorageAccount, table: string): Promise<[string, string][]> {
  const keys: [string, string][] = [];
  for await (const entity of storage.table(table).listEntities({ queryOptions: { select: ['PartitionKey', 'RowKey'] } })) keys.push([String(entity.partitionKey), String(entity.rowKey)]);
  return keys;
}
