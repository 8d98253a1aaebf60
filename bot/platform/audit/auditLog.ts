// The `audit` table: who did what, when, to which id (and, for urgent help, which risk concepts matched). PartitionKey
// tenant, RowKey newest first. Never free text.
import { z } from 'zod';
import { deleteIfExists, odata, type StorageAccount } from '../storage/account';
import { fromKey, newestFirstKey, toKey } from '../storage/keys';

export const AUDIT_TABLE = 'audit';

/** What can be audited: a fixed list of codes, so no caller can put a sentence in the log. */
export const AUDIT_ACTIONS = [
  'panel.create',
  'fiveSteps.lead',
  'panel.who',
  'panel.advise',
  'privacy.export',
  'privacy.delete',
  'privacy.purge',
  'roles.grant',
  'roles.revoke',
  /** Urgent help was shown first: the target is the route (contacts, post-submit, ...), `concepts` what matched. */
  'urgent-help.shown',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly tenantId: string;
  /** The Entra ID object id of who acted. */
  readonly actor: string;
  readonly action: AuditAction;
  /** The id acted on: a case reference, an area id, a person's object id. Never free text. */
  readonly target: string;
  readonly at: Date;
  /** Names of the risk concepts that matched (`urgent-help.shown` only): names from the lexicons, never any text. */
  readonly concepts?: readonly string[];
}

const TARGET = /^[A-Za-z0-9:._@-]{1,200}$/;
/** A concept or rule name as the lexicons spell them ("suicidal-intent", "substance-taken-in-quantity"). */
const CONCEPT = /^[a-z0-9][a-z0-9:._-]{0,79}$/;
const MAX_CONCEPTS = 40;

const rowSchema = z.object({
  partitionKey: z.string(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  at: z.coerce.date(),
  concepts: z.string().optional(),
});

export class AuditLog {
  constructor(
    private readonly storage: StorageAccount,
    private readonly newId: () => string,
  ) {}

  private get table() {
    return this.storage.table(AUDIT_TABLE);
  }

  async record(entry: AuditEntry): Promise<void> {
    if (!TARGET.test(entry.target)) throw new Error('An audit target must be an id (letters, digits and : . _ @ -), never free text.');
    const concepts = entry.concepts ?? [];
    if (concepts.length > MAX_CONCEPTS || !concepts.every((c) => CONCEPT.test(c))) {
      throw new Error('Audit concepts must be concept names (lower-case letters, digits and : . _ -), never free text.');
    }
    await this.table.createEntity({
      partitionKey: toKey(entry.tenantId),
      rowKey: newestFirstKey(entry.at, this.newId()),
      actor: entry.actor.toLowerCase(),
      action: entry.action,
      target: entry.target,
      at: entry.at,
      ...(concepts.length > 0 ? { concepts: concepts.join(',') } : {}),
    });
  }

  /** Newest first; reads one partition. */
  async recent(tenantId: string, limit: number): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    const filter = odata`PartitionKey eq ${toKey(tenantId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      found.push(toEntry(entity));
      if (found.length >= limit) break;
    }
    return found;
  }

  /** Entries where the person acted (their own export, their coordinator actions); reads one partition. */
  async byActor(tenantId: string, actor: string): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    const filter = odata`PartitionKey eq ${toKey(tenantId)} and actor eq ${actor.toLowerCase()}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toEntry(entity));
    return found;
  }

  /** Deletes entries older than the cutoff across tenants; safe to repeat. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    const filter = odata`at lt ${cutoff}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['partitionKey', 'rowKey'] } })) {
      if (await deleteIfExists(this.table, entity.partitionKey as string, entity.rowKey as string)) purged += 1;
    }
    return purged;
  }
}

function toEntry(entity: unknown): AuditEntry {
  const row = rowSchema.parse(entity);
  const concepts = row.concepts ? row.concepts.split(',').filter((c) => c.length > 0) : [];
  return { tenantId: fromKey(row.partitionKey), actor: row.actor, action: row.action, target: row.target, at: row.at, ...(concepts.length > 0 ? { concepts } : {}) };
}
