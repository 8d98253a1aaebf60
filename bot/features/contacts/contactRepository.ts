// The `contacts` table: one partition per tenant and area (`<tenant>|<area>`, see keys.ts), so two tenants with an area
// of the same name never see each other's directory. A directory is versioned: rows `c_<version>_<contact id>` plus one
// pointer row `area` naming the current version, so an import replaces the whole directory at once (readers follow the
// pointer and never see a mix). Small imports go in a single entity-group transaction with the pointer; larger ones
// write their rows in batches of 100 first, then flip the pointer (ETag-checked), then delete the old version.
// Each tenant's list of areas with a directory is the partition `<tenant>|_areas`, one row per area.
// Rows written before tenant keys (partition `<area>` and `_areas`) are moved by bot/migrations/tenantScopingMigration.ts.
import type { TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { CONTACT_KINDS, REFERRERS, type Contact, type ContactArea, type DirectoryPointer, type StoredDirectory } from './domain/contacts';
import { conflict } from '../../errors';
import type { Logger } from '../../logger';
import { getIfExists, isConflict, odata, statusOf, type StorageAccount } from '../../platform/storage/account';
import { fromKey, tenantKey, toKey } from '../../platform/storage/keys';

const areaRowSchema = z.object({ rowKey: z.string(), name: z.string() });

export const CONTACTS_TABLE = 'contacts';

export const POINTER_ROW = 'area';
/** Names the partition listing a tenant's areas with a directory, for "in Salford" and "contacts area". Not an area id: ids have no "_". */
export const AREA_LIST = '_areas';
const BATCH = 100;

/** The partition of one tenant's directory for an area. */
export function directoryPartition(tenantId: string, areaId: string): string {
  return tenantKey(tenantId, areaId);
}

/** The partition listing one tenant's areas. */
export function areaListPartition(tenantId: string): string {
  return tenantKey(tenantId, AREA_LIST);
}

const contactSchema = z.object({
  id: z.string(),
  serviceName: z.string(),
  kind: z.enum(CONTACT_KINDS),
  needs: z.array(z.string()),
  ageMin: z.number(),
  ageMax: z.number(),
  whoCanRefer: z.array(z.enum(REFERRERS)),
  howToRefer: z.string(),
  phone: z.string(),
  email: z.string(),
  web: z.string(),
  openingHours: z.string(),
  notes: z.string(),
  lastVerified: z.string(),
});

const pointerSchema = z.object({
  name: z.string(),
  version: z.string(),
  count: z.number().int(),
  importedBy: z.string(),
  updated: z.coerce.date(),
  etag: z.string(),
});

export class ContactRepository {
  constructor(
    private readonly storage: StorageAccount,
    private readonly logger: Logger,
  ) {}

  private get table() {
    return this.storage.table(CONTACTS_TABLE);
  }

  /** Every area of the tenant that has a directory, by name. Reads one partition. */
  async areas(tenantId: string): Promise<ContactArea[]> {
    const found: ContactArea[] = [];
    const filter = odata`PartitionKey eq ${areaListPartition(tenantId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const row = areaRowSchema.parse(entity);
      found.push({ id: fromKey(row.rowKey), name: row.name });
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The current version of an area's directory, without its rows (one point read). */
  async pointer(tenantId: string, areaId: string): Promise<DirectoryPointer | undefined> {
    const entity = await getIfExists(this.table, directoryPartition(tenantId, areaId), POINTER_ROW);
    if (!entity) return undefined;
    const row = pointerSchema.parse(entity);
    return { area: { id: areaId, name: row.name }, version: row.version, count: row.count, importedBy: row.importedBy, etag: row.etag };
  }

  /** The whole current directory of an area, or undefined when it has none. */
  async load(tenantId: string, areaId: string): Promise<StoredDirectory | undefined> {
    // An import that finishes while we read deletes the rows we are reading; read again at the new version.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const raw = await getIfExists(this.table, directoryPartition(tenantId, areaId), POINTER_ROW);
      if (!raw) return undefined;
      const pointer = pointerSchema.parse(raw);
      const contacts = await this.rowsOf(directoryPartition(tenantId, areaId), pointer.version);
      if (contacts.length === pointer.count) {
        return {
          area: { id: areaId, name: pointer.name },
          version: pointer.version,
          contacts,
          importedBy: pointer.importedBy,
          updated: pointer.updated,
          etag: pointer.etag,
        };
      }
    }
    throw conflict('The contacts directory was being replaced while I read it. Please ask again.');
  }

  /**
   * Replaces the tenant's directory for the area with `contacts` as one change. `expectedEtag` is the pointer's ETag from `load`
   * (undefined when the area had no directory); if someone else imported in between, nothing changes and a conflict is thrown.
   */
  async replace(
    tenantId: string,
    area: ContactArea,
    contacts: readonly Contact[],
    change: { version: string; importedBy: string; now: Date; expectedEtag?: string; previousVersion?: string },
  ): Promise<void> {
    const partitionKey = directoryPartition(tenantId, area.id);
    const rows: TransactionAction[] = contacts.map((contact) => [
      'create',
      { partitionKey, rowKey: rowKeyOf(change.version, contact.id), contact: JSON.stringify(contact) },
    ]);
    const pointer = { partitionKey, rowKey: POINTER_ROW, name: area.name, version: change.version, count: contacts.length, importedBy: change.importedBy, updated: change.now };
    const flip: TransactionAction = change.expectedEtag ? ['update', pointer, 'Replace', { etag: change.expectedEtag }] : ['create', pointer];
    try {
      if (rows.length < BATCH) {
        await this.table.submitTransaction([...rows, flip]);
      } else {
        for (let start = 0; start < rows.length; start += BATCH) await this.table.submitTransaction(rows.slice(start, start + BATCH));
        await this.table.submitTransaction([flip]);
      }
    } catch (error) {
      if (rows.length >= BATCH) await this.deleteVersion(partitionKey, change.version);
      if (isConflict(error)) {
        throw conflict('Someone else replaced this area\'s contacts at the same time, so your import was not saved. Check the directory with "contacts export" and import again.');
      }
      throw error;
    }
    await this.table.upsertEntity({ partitionKey: areaListPartition(tenantId), rowKey: toKey(area.id), name: area.name, updated: change.now }, 'Replace');
    if (change.previousVersion) await this.deleteVersion(partitionKey, change.previousVersion);
  }

  private async rowsOf(partitionKey: string, version: string): Promise<Contact[]> {
    const prefix = `c_${version}_`;
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`c_${version}\``}`;
    const contacts: Contact[] = [];
    for await (const entity of this.table.listEntities<{ contact: string }>({ queryOptions: { filter, select: ['contact'] } })) {
      contacts.push(contactSchema.parse(JSON.parse(entity.contact)));
    }
    return contacts;
  }

  /** Removes one version's rows; the pointer no longer names it, so readers never see them go. Failures only leave invisible rows. */
  private async deleteVersion(partitionKey: string, version: string): Promise<void> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${`c_${version}_`} and RowKey lt ${`c_${version}\``}`;
    const keys: string[] = [];
    try {
      for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) keys.push(String(entity.rowKey));
      for (let start = 0; start < keys.length; start += BATCH) {
        const batch: TransactionAction[] = keys.slice(start, start + BATCH).map((rowKey) => ['delete', { partitionKey, rowKey }]);
        await this.table.submitTransaction(batch);
      }
    } catch (error) {
      this.logger.warn({ event: 'contacts.cleanup-failed', area: fromKey(partitionKey), version, rows: keys.length, status: statusOf(error) }, 'old directory rows not removed');
    }
  }
}

function rowKeyOf(version: string, contactId: string): string {
  return `c_${version}_${toKey(contactId)}`;
}
