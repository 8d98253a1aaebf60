// The `installations` table: one row per conversation the bot is in, holding the reference proactive sends use.
// PartitionKey the tenant id, RowKey the conversation id: a tenant's conversations are one partition.
import { conversationReferenceSchema, type ConversationScope } from '../../events';
import { z } from 'zod';
import type { Installation } from './types';
import { deleteIfExists, getIfExists, isNotFound, odata, type StorageAccount } from '../storage/account';
import { fromKey, toKey } from '../storage/keys';

export const INSTALLATIONS_TABLE = 'installations';

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  scope: z.enum(['personal', 'groupChat', 'channel']),
  status: z.enum(['active', 'stale']),
  reference: z.string(),
  teamId: z.string().optional(),
  teamAadGroupId: z.string().optional(),
  channelId: z.string().optional(),
  name: z.string().optional(),
  updated: z.coerce.date(),
  staleReason: z.string().optional(),
});

export class InstallationRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(INSTALLATIONS_TABLE);
  }

  async saveActive(installation: Omit<Installation, 'status' | 'staleReason'>): Promise<void> {
    await this.table.upsertEntity(
      {
        partitionKey: toKey(installation.tenantId),
        rowKey: toKey(installation.conversationId),
        scope: installation.scope,
        status: 'active',
        reference: JSON.stringify(installation.reference),
        teamId: installation.teamId,
        teamAadGroupId: installation.teamAadGroupId,
        channelId: installation.channelId,
        name: installation.name,
        updated: installation.updated,
        staleReason: '',
      },
      'Replace',
    );
  }

  /** Marks a conversation the bot can no longer reach; a later install makes it active again. */
  async markStale(tenantId: string, conversationId: string, reason: string, now: Date): Promise<void> {
    try {
      await this.table.updateEntity(
        { partitionKey: toKey(tenantId), rowKey: toKey(conversationId), status: 'stale', staleReason: reason, updated: now },
        'Merge',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async get(tenantId: string, conversationId: string): Promise<Installation | undefined> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(conversationId));
    return entity ? toInstallation(entity) : undefined;
  }

  /** Active installations of a tenant, optionally of one scope; reads one partition. */
  async listActive(tenantId: string, scope?: ConversationScope): Promise<Installation[]> {
    const filter = scope
      ? odata`PartitionKey eq ${toKey(tenantId)} and status eq 'active' and scope eq ${scope}`
      : odata`PartitionKey eq ${toKey(tenantId)} and status eq 'active'`;
    const found: Installation[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toInstallation(entity));
    return found;
  }

  /** Every personal-chat installation of a tenant, active or stale (for privacy export and erasure); reads one partition. */
  async listPersonal(tenantId: string): Promise<Installation[]> {
    const filter = odata`PartitionKey eq ${toKey(tenantId)} and scope eq 'personal'`;
    const found: Installation[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toInstallation(entity));
    return found;
  }

  /** Forgets a conversation entirely (privacy erasure); a later install records it again. */
  async remove(tenantId: string, conversationId: string): Promise<void> {
    await deleteIfExists(this.table, toKey(tenantId), toKey(conversationId));
  }
}

function toInstallation(entity: unknown): Installation {
  const row = rowSchema.parse(entity);
  return {
    tenantId: fromKey(row.partitionKey),
    conversationId: fromKey(row.rowKey),
    scope: row.scope,
    status: row.status,
    reference: conversationReferenceSchema.parse(JSON.parse(row.reference)),
    teamId: row.teamId || undefined,
    teamAadGroupId: row.teamAadGroupId || undefined,
    channelId: row.channelId || undefined,
    name: row.name || undefined,
    updated: row.updated,
    staleReason: row.staleReason || undefined,
  };
}
