// The `preferences` table: PartitionKey tenant id, RowKey the person's Entra ID object id. Small per-person choices.
import { z } from 'zod';
import type { Preferences } from './domain/contacts';
import { getIfExists, type StorageAccount } from '../../platform/storage/account';
import { toKey } from '../../platform/storage/keys';

export const PREFERENCES_TABLE = 'preferences';

const rowSchema = z.object({ contactsArea: z.string().optional() });

export class PreferenceRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(PREFERENCES_TABLE);
  }

  async get(tenantId: string, aadObjectId: string): Promise<Preferences> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(aadObjectId.toLowerCase()));
    if (!entity) return {};
    return { contactsArea: rowSchema.parse(entity).contactsArea || undefined };
  }

  /** Merges, so other preferences a later feature stores on the same row are kept. */
  async setContactsArea(tenantId: string, aadObjectId: string, areaId: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: toKey(tenantId), rowKey: toKey(aadObjectId.toLowerCase()), contactsArea: areaId, updated: now }, 'Merge');
  }
}
