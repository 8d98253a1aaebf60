// The `networks` table: half-termly network groups, each the channel or group chat it was created in, with its plan.
// PartitionKey the tenant id, RowKey the network id (a hash of tenant and conversation); the area is a column.
import { z } from 'zod';
import { networkIdOf, type Network, type NetworkStatus } from './domain/networks';
import { promptPlanSchema } from './domain/promptPlan';
import { conversationReferenceSchema } from '../../events';
import { getIfExists, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, toKey } from '../../platform/storage/keys';

export const NETWORKS_TABLE = 'networks';

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  name: z.string(),
  area: z.string(),
  scope: z.enum(['personal', 'groupChat', 'channel']),
  conversationId: z.string(),
  reference: z.string(),
  installationId: z.string(),
  channelId: z.string().optional(),
  plan: z.string(),
  status: z.enum(['active', 'paused']),
  createdBy: z.string(),
  created: z.coerce.date(),
  updated: z.coerce.date(),
});

export class NetworkRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(NETWORKS_TABLE);
  }

  async save(network: Network): Promise<void> {
    await this.table.upsertEntity(
      {
        partitionKey: toKey(network.tenantId),
        rowKey: toKey(network.networkId),
        name: network.name,
        area: network.area,
        scope: network.scope,
        conversationId: network.conversationId,
        reference: JSON.stringify(network.reference),
        installationId: network.installationId,
        channelId: network.channelId ?? '',
        plan: JSON.stringify(network.plan),
        status: network.status,
        createdBy: network.createdBy,
        created: network.created,
        updated: network.updated,
      },
      'Replace',
    );
  }

  async setStatus(tenantId: string, networkId: string, status: NetworkStatus, now: Date): Promise<void> {
    await this.table.updateEntity({ partitionKey: toKey(tenantId), rowKey: toKey(networkId), status, updated: now }, 'Merge');
  }

  async get(tenantId: string, networkId: string): Promise<Network | undefined> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(networkId));
    return entity ? toNetwork(entity) : undefined;
  }

  /** The network living in a conversation (a channel id, or a chat id), if that conversation is one. */
  async findByConversation(tenantId: string, conversationId: string): Promise<Network | undefined> {
    return this.get(tenantId, networkIdOf(tenantId, conversationId));
  }

  /** A tenant's networks, by name; reads one partition. */
  async list(tenantId: string): Promise<Network[]> {
    const found: Network[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${toKey(tenantId)}` } })) found.push(toNetwork(entity));
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every active network of every tenant, for the scheduler (the table holds one small row per network). */
  async listActiveEverywhere(): Promise<Network[]> {
    const found: Network[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter: odata`status eq 'active'` } })) found.push(toNetwork(entity));
    return found;
  }
}

function toNetwork(entity: unknown): Network {
  const row = rowSchema.parse(entity);
  return {
    tenantId: fromKey(row.partitionKey),
    networkId: fromKey(row.rowKey),
    name: row.name,
    area: row.area,
    scope: row.scope,
    conversationId: row.conversationId,
    reference: conversationReferenceSchema.parse(JSON.parse(row.reference)),
    installationId: row.installationId,
    channelId: row.channelId || undefined,
    plan: promptPlanSchema.parse(JSON.parse(row.plan)),
    status: row.status,
    createdBy: row.createdBy,
    created: row.created,
    updated: row.updated,
  };
}
