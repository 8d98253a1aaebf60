// The `schoolLinks` table: which school or service each cohort member belongs to. One partition per tenant and cohort
// (`<tenant>|<cohort id>`, see keys.ts), one row per member keyed by their lower-cased email (the cohort's own key for
// a member); the row `_picker` records that the cohort channel has had its "Which school or service are you from?"
// card, so it is posted once. A link holds the URN and the school's name when linked, and who linked it.
import { z } from 'zod';
import { getIfExists, isConflict, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, tenantKey, toKey } from '../../platform/storage/keys';
import type { SchoolLink } from './domain/links';

export const SCHOOL_LINKS_TABLE = 'schoolLinks';

/** Not an email: emails hold "@". */
const PICKER_ROW = '_picker';

const linkSchema = z.object({
  rowKey: z.string(),
  urn: z.string(),
  schoolName: z.string(),
  areaId: z.string(),
  userId: z.string().optional(),
  linkedBy: z.enum(['coordinator', 'self']),
  linked: z.coerce.date(),
});

export function linksPartition(tenantId: string, cohortId: string): string {
  return tenantKey(tenantId, cohortId);
}

export class SchoolLinkRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(SCHOOL_LINKS_TABLE);
  }

  /** Every member's link in the cohort (one partition read). */
  async links(tenantId: string, cohortId: string): Promise<SchoolLink[]> {
    const filter = odata`PartitionKey eq ${linksPartition(tenantId, cohortId)} and RowKey ne ${PICKER_ROW}`;
    const found: SchoolLink[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const { rowKey, ...row } = linkSchema.parse(entity);
      found.push({ email: fromKey(rowKey), ...row, ...(row.userId ? { userId: row.userId } : {}) });
    }
    return found;
  }

  /** Saves links (a member's newer link replaces the older one). */
  async save(tenantId: string, cohortId: string, links: readonly SchoolLink[]): Promise<void> {
    const partitionKey = linksPartition(tenantId, cohortId);
    for (let start = 0; start < links.length; start += 100) {
      await this.table.submitTransaction(
        links.slice(start, start + 100).map(({ email, userId, ...link }) => ['upsert', { partitionKey, rowKey: toKey(email), ...link, ...(userId ? { userId } : {}) }, 'Replace']),
      );
    }
  }

  /** Claims the cohort's one picker card: true for the first caller only, so two instances never both post it. */
  async claimPicker(tenantId: string, cohortId: string, now: Date): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: linksPartition(tenantId, cohortId), rowKey: PICKER_ROW, claimed: now });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /** Gives the claim back when the card could not be posted, so the next run tries again. */
  async releasePicker(tenantId: string, cohortId: string): Promise<void> {
    await this.table.deleteEntity(linksPartition(tenantId, cohortId), PICKER_ROW).catch(() => undefined);
  }

  async pickerPosted(tenantId: string, cohortId: string): Promise<boolean> {
    return (await getIfExists(this.table, linksPartition(tenantId, cohortId), PICKER_ROW)) !== undefined;
  }

  /** A person's links in every cohort, by their Entra ID object id (a cross-partition query; privacy export and delete only). */
  async linksOf(userId: string): Promise<{ partitionKey: string; rowKey: string; link: SchoolLink }[]> {
    const found: { partitionKey: string; rowKey: string; link: SchoolLink }[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter: odata`userId eq ${userId}` } })) {
      const { rowKey, ...row } = linkSchema.parse(entity);
      found.push({ partitionKey: String(entity.partitionKey), rowKey, link: { email: fromKey(rowKey), ...row } });
    }
    return found;
  }

  async delete(partitionKey: string, rowKey: string): Promise<void> {
    await this.table.deleteEntity(partitionKey, rowKey).catch((error: unknown) => {
      if (!isConflict(error) && (error as { statusCode?: number }).statusCode !== 404) throw error;
    });
  }
}
