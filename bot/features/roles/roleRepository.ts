// The `roles` table: PartitionKey tenant id, RowKey the person's Entra ID object id.
import { z } from 'zod';
import { ROLES, type Role, type RoleGrant } from './domain/roles';
import { deleteIfExists, getIfExists, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, toKey } from '../../platform/storage/keys';

export const ROLES_TABLE = 'roles';

const roleListSchema = z.array(z.enum(ROLES));
const rowSchema = z.object({
  rowKey: z.string(),
  roles: z.string().transform((raw) => roleListSchema.parse(JSON.parse(raw))),
  name: z.string().optional(),
  grantedBy: z.string(),
  updated: z.coerce.date(),
});

export class RoleRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(ROLES_TABLE);
  }

  async rolesOf(tenantId: string, aadObjectId: string): Promise<Role[]> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(aadObjectId.toLowerCase()));
    return entity ? [...rowSchema.parse(entity).roles] : [];
  }

  /** Sets a person's roles; an empty list removes the row. */
  async setRoles(tenantId: string, grant: RoleGrant): Promise<void> {
    const partitionKey = toKey(tenantId);
    const rowKey = toKey(grant.aadObjectId.toLowerCase());
    if (grant.roles.length === 0) {
      await deleteIfExists(this.table, partitionKey, rowKey);
      return;
    }
    await this.table.upsertEntity(
      { partitionKey, rowKey, roles: JSON.stringify([...grant.roles].sort()), name: grant.name ?? '', grantedBy: grant.grantedBy, updated: grant.updated },
      'Replace',
    );
  }

  async list(tenantId: string): Promise<RoleGrant[]> {
    const grants: RoleGrant[] = [];
    const filter = odata`PartitionKey eq ${toKey(tenantId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const row = rowSchema.parse(entity);
      grants.push({ aadObjectId: fromKey(row.rowKey), roles: row.roles, name: row.name || undefined, grantedBy: row.grantedBy, updated: row.updated });
    }
    return grants;
  }
}
