// The `cohorts` table: PartitionKey tenant id, RowKey the cohort id (a hash of its name), so a name is a point read
// and a tenant's list is one partition. Progress of set-up and bookings is saved with the row's ETag.
import { z } from 'zod';
import type { Cohort, Stored } from './domain/cohorts';
import { conflict } from '../../errors';
import { conversationReferenceSchema } from '../../events';
import { getIfExists, isConflict, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, toKey } from '../../platform/storage/keys';

export const COHORTS_TABLE = 'cohorts';

const memberSchema = z.object({
  email: z.string(),
  status: z.enum(['pending', 'found', 'added', 'not-found', 'failed']),
  userId: z.string().optional(),
  name: z.string().optional(),
  guest: z.boolean().optional(),
  mail: z.string().nullable().optional(),
  errorCode: z.string().optional(),
});

const memberListSchema = z.array(memberSchema);
const bookingSchema = z.object({
  organiser: z.string(),
  online: z.boolean(),
  venue: z.string().optional(),
  durationMinutes: z.number(),
  workshops: z.array(
    z.object({
      number: z.union([z.literal(1), z.literal(2)]),
      localStart: z.string(),
      localEnd: z.string(),
      status: z.enum(['booked', 'cancelled']),
      eventId: z.string(),
      joinUrl: z.string().optional(),
    }),
  ),
  cardActivityId: z.string().optional(),
  cardThread: conversationReferenceSchema.optional(),
});

const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string(),
  name: z.string(),
  areaId: z.string(),
  teamConversationId: z.string(),
  teamAadGroupId: z.string(),
  teamName: z.string().optional(),
  membershipType: z.enum(['standard', 'private']),
  facilitator: z.string().optional(),
  channelId: z.string().optional(),
  channelUrl: z.string().optional(),
  welcomeActivityId: z.string().optional(),
  members: z.string().transform((raw) => memberListSchema.parse(JSON.parse(raw))),
  status: z.enum(['setting-up', 'ready']),
  booking: z.string().optional(),
  createdBy: z.string(),
  created: z.coerce.date(),
  updated: z.coerce.date(),
});

export class CohortRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(COHORTS_TABLE);
  }

  async get(tenantId: string, cohortId: string): Promise<Stored<Cohort> | undefined> {
    const entity = await getIfExists(this.table, toKey(tenantId), toKey(cohortId));
    return entity ? toStored(entity) : undefined;
  }

  /** Inserts a new cohort; when one with this id exists already, returns that one unchanged. */
  async insertOrGet(cohort: Cohort): Promise<{ stored: Stored<Cohort>; created: boolean }> {
    try {
      const response = await this.table.createEntity(toEntity(cohort));
      return { stored: { value: cohort, etag: response.etag ?? '' }, created: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
      const existing = await this.get(cohort.tenantId, cohort.id);
      if (!existing) throw error;
      return { stored: existing, created: false };
    }
  }

  /** Saves progress; refuses (conflict) when someone else saved the row since `etag`. Returns the new ETag. */
  async save(cohort: Cohort, etag: string): Promise<Stored<Cohort>> {
    try {
      const response = await this.table.updateEntity(toEntity(cohort), 'Replace', { etag });
      return { value: cohort, etag: response.etag ?? '' };
    } catch (error) {
      if (isConflict(error)) throw conflict('Someone else is updating this cohort at the same time. Wait a moment, then run the command again.');
      throw error;
    }
  }

  /**
   * Cohorts with workshops booked, in every tenant, for the reminder scheduler. A filtered scan: the table holds one
   * row per cohort (tens to hundreds), so this stays cheap even once a minute.
   */
  async listWithBookings(): Promise<Cohort[]> {
    const found: Cohort[] = [];
    const filter = odata`booking ne ''`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const cohort = toStored(entity).value;
      if (cohort.booking) found.push(cohort);
    }
    return found;
  }

  /** All cohorts of a tenant, by name; one partition. */
  async list(tenantId: string): Promise<Cohort[]> {
    const found: Cohort[] = [];
    const filter = odata`PartitionKey eq ${toKey(tenantId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toStored(entity).value);
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }
}

function toEntity(cohort: Cohort) {
  return {
    partitionKey: toKey(cohort.tenantId),
    rowKey: toKey(cohort.id),
    name: cohort.name,
    areaId: cohort.areaId,
    teamConversationId: cohort.teamConversationId,
    teamAadGroupId: cohort.teamAadGroupId,
    teamName: cohort.teamName ?? '',
    membershipType: cohort.membershipType,
    facilitator: cohort.facilitator ?? '',
    channelId: cohort.channelId ?? '',
    channelUrl: cohort.channelUrl ?? '',
    welcomeActivityId: cohort.welcomeActivityId ?? '',
    members: JSON.stringify(cohort.members),
    status: cohort.status,
    booking: cohort.booking ? JSON.stringify(cohort.booking) : '',
    createdBy: cohort.createdBy,
    created: cohort.created,
    updated: cohort.updated,
  };
}

function toStored(entity: unknown): Stored<Cohort> {
  const row = rowSchema.parse(entity);
  return {
    etag: row.etag,
    value: {
      tenantId: fromKey(row.partitionKey),
      id: fromKey(row.rowKey),
      name: row.name,
      areaId: row.areaId,
      teamConversationId: row.teamConversationId,
      teamAadGroupId: row.teamAadGroupId,
      teamName: row.teamName || undefined,
      membershipType: row.membershipType,
      facilitator: row.facilitator || undefined,
      channelId: row.channelId || undefined,
      channelUrl: row.channelUrl || undefined,
      welcomeActivityId: row.welcomeActivityId || undefined,
      members: row.members,
      status: row.status,
      booking: row.booking ? bookingSchema.parse(JSON.parse(row.booking)) : undefined,
      createdBy: row.createdBy,
      created: row.created,
      updated: row.updated,
    },
  };
}
