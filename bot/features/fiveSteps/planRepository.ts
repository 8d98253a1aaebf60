// The `fiveStepsPlans` table: every school's 5 Steps plan, one partition per tenant and area (`<tenant>|<area>`), so
// an area's overview is one query of compact rows. Per school: `plan|<urn>` (the plan: entries, lead, review cycle),
// `summary|<urn>` (its ratings in one short text, written in the same transaction as every change to the plan, so the
// two never disagree), `review|<urn>|<ISO time>` (a dated snapshot per completed review) and `editor|<person>|<urn>`
// (who has edited the plan, for `privacy export` and `privacy delete`). A change is read, applied and written back
// under the plan row's ETag: when someone else wrote in between, it is applied again to what they wrote.
import type { TableTransaction, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { getIfExists, isConflict, isNotFound, odata, type StorageAccount } from '../../platform/storage/account';
import { splitTenantKey, tenantKey } from '../../platform/storage/keys';
import { decodeRatings, encodeRatings, summaryOf, type PlanSummary } from './domain/overview';
import { RATINGS, type ActionEntry, type Person, type Plan, type ReviewSnapshot } from './domain/plan';

export const PLANS_TABLE = 'fiveStepsPlans';

/** A string property holds at most 32K UTF-16 characters; longer JSON is kept in numbered parts. */
const PART_CHARS = 30_000;
/** A plan's 5 steps of notes stay far below this; it bounds a row whatever the framework grows to. */
const MAX_PARTS = 8;
/** Tries of a change when other writers keep getting in first (each re-reads and re-applies, after a short random wait). */
const WRITE_ATTEMPTS = 12;

const pause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));

const personSchema = z.object({ aadObjectId: z.string(), name: z.string() });
const entrySchema = z.object({
  rating: z.enum(RATINGS).optional(),
  note: z.string().optional(),
  owner: z.string().optional(),
  target: z.string().optional(),
  changedBy: personSchema,
  changedAt: z.coerce.date(),
});
const entriesSchema = z.record(z.string(), entrySchema);
const snapshotSchema = z.object({
  at: z.coerce.date(),
  by: personSchema,
  frameworkVersion: z.number().int(),
  actions: z.array(z.object({ stepId: z.string(), actionId: z.string(), text: z.string(), rating: z.enum(RATINGS).optional() })),
});

const planRowSchema = z.object({
  schoolName: z.string(),
  frameworkVersion: z.number().int(),
  shareWithNetwork: z.boolean(),
  reviewMonths: z.number().int(),
  lastReviewAt: z.coerce.date().optional(),
  reviews: z.number().int(),
  leadId: z.string().optional(),
  leadName: z.string().optional(),
  created: z.coerce.date(),
  updated: z.coerce.date(),
});

const summaryRowSchema = z.object({
  rowKey: z.string(),
  schoolName: z.string(),
  shareWithNetwork: z.boolean(),
  lastReviewAt: z.coerce.date().optional(),
  ratings: z.string(),
  updated: z.coerce.date(),
});

const candidateSchema = z.object({
  schoolName: z.string(),
  lastReviewAt: z.coerce.date(),
  reviewMonths: z.number().int(),
  leadId: z.string().optional(),
  leadName: z.string().optional(),
});

export interface ReviewCandidate {
  readonly tenantId: string;
  readonly areaId: string;
  readonly urn: string;
  readonly schoolName: string;
  readonly lastReviewAt: Date;
  readonly reviewMonths: number;
  readonly lead: Person;
}

/** A plan as stored, with the school's senior mental health lead (who may complete a review) when one is named. */
export interface StoredPlan {
  readonly plan: Plan;
  readonly lead?: Person;
  readonly created: Date;
  readonly updated: Date;
}

export interface SchoolKey {
  readonly tenantId: string;
  readonly areaId: string;
  readonly urn: string;
  readonly schoolName: string;
}

/** What a change decides from the plan as it is now: the plan to write (and a review to add), or a refusal. */
export type PlanChange<R> =
  | { readonly write: { readonly plan: Plan; readonly lead?: Person | null; readonly review?: ReviewSnapshot; readonly editor?: Person }; readonly result: R }
  | { readonly refuse: R };

export interface SummaryPage {
  readonly summaries: PlanSummary[];
  /** Storage requests the read took (one per page of up to 1,000 rows). */
  readonly requests: number;
}

const planRow = (urn: string) => `plan|${urn}`;
const summaryRow = (urn: string) => `summary|${urn}`;
const reviewRow = (urn: string, at: Date) => `review|${urn}|${at.toISOString()}`;
const editorRow = (aadObjectId: string, urn: string) => `editor|${aadObjectId}|${urn}`;
/** Every row key starting `prefix`: `|` sorts below `}`. */
const startsWith = (prefix: string) => odata`RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}}`}`;

function partsOf(name: string, json: string): Record<string, string> {
  const parts: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(json.length / PART_CHARS));
  if (count > MAX_PARTS) throw new Error(`${name} is too large to store (${json.length} characters)`);
  for (let i = 0; i < count; i++) parts[`${name}${i}`] = json.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
  return parts;
}

function joinParts(entity: Record<string, unknown>, name: string): string {
  let json = '';
  for (let i = 0; typeof entity[`${name}${i}`] === 'string'; i++) json += entity[`${name}${i}`] as string;
  return json;
}

export class PlanRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(PLANS_TABLE);
  }

  /** The school's plan, or undefined when nobody has started one. */
  async get(tenantId: string, areaId: string, urn: string): Promise<StoredPlan | undefined> {
    return (await this.read(tenantId, areaId, urn))?.stored;
  }

  private async read(tenantId: string, areaId: string, urn: string): Promise<{ stored: StoredPlan; etag: string } | undefined> {
    const entity = await getIfExists(this.table, tenantKey(tenantId, areaId), planRow(urn));
    if (!entity) return undefined;
    const row = planRowSchema.parse(entity);
    const entries = entriesSchema.parse(JSON.parse(joinParts(entity, 'entries') || '{}')) as Record<string, ActionEntry>;
    const plan: Plan = {
      urn,
      areaId,
      schoolName: row.schoolName,
      frameworkVersion: row.frameworkVersion,
      entries,
      shareWithNetwork: row.shareWithNetwork,
      reviewMonths: row.reviewMonths,
      ...(row.lastReviewAt ? { lastReviewAt: row.lastReviewAt } : {}),
      reviews: row.reviews,
    };
    const lead = row.leadId ? { aadObjectId: row.leadId, name: row.leadName ?? '' } : undefined;
    return { stored: { plan, ...(lead ? { lead } : {}), created: row.created, updated: row.updated }, etag: entity.etag };
  }

  /**
   * Reads the plan (or `start` when there is none), lets `decide` choose, and writes what it chose in one
   * transaction with the school's summary row (and the review or editor rows it adds). When another writer got in
   * first, reads again and asks `decide` again, so no change is lost and none is applied twice.
   */
  async change<R>(key: SchoolKey, start: () => Plan, decide: (current: StoredPlan | undefined, plan: Plan) => PlanChange<R>, now: Date): Promise<R> {
    const partitionKey = tenantKey(key.tenantId, key.areaId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(key.tenantId, key.areaId, key.urn);
      const decision = decide(current?.stored, current?.stored.plan ?? start());
      if ('refuse' in decision) return decision.refuse;
      const { plan, lead, review, editor } = decision.write;
      const keptLead = lead === null ? undefined : (lead ?? current?.stored.lead);
      const entity = {
        partitionKey,
        rowKey: planRow(key.urn),
        schoolName: plan.schoolName,
        frameworkVersion: plan.frameworkVersion,
        shareWithNetwork: plan.shareWithNetwork,
        reviewMonths: plan.reviewMonths,
        ...(plan.lastReviewAt ? { lastReviewAt: plan.lastReviewAt } : {}),
        reviews: plan.reviews,
        ...(keptLead ? { leadId: keptLead.aadObjectId, leadName: keptLead.name } : {}),
        created: current?.stored.created ?? now,
        updated: now,
        ...partsOf('entries', JSON.stringify(plan.entries)),
      };
      const summary = summaryOf(plan);
      const actions: TransactionAction[] = [
        current ? ['update', entity, 'Replace', { etag: current.etag }] : ['create', entity],
        [
          'upsert',
          {
            partitionKey,
            rowKey: summaryRow(key.urn),
            schoolName: summary.schoolName,
            shareWithNetwork: summary.shareWithNetwork,
            ...(summary.lastReviewAt ? { lastReviewAt: summary.lastReviewAt } : {}),
            ratings: encodeRatings(summary.ratings),
            updated: now,
          },
          'Replace',
        ],
      ];
      if (review) actions.push(['create', { partitionKey, rowKey: reviewRow(key.urn, review.at), ...partsOf('snapshot', JSON.stringify(review)) }]);
      if (editor) actions.push(['upsert', { partitionKey, rowKey: editorRow(editor.aadObjectId, key.urn), name: editor.name, lastEdit: now }, 'Replace']);
      try {
        await this.table.submitTransaction(actions);
        return decision.result;
      } catch (error) {
        // 412: the plan changed since it was read; 409: two people started the same plan at once.
        if (attempt < WRITE_ATTEMPTS && isConflict(error)) {
          await pause(attempt);
          continue;
        }
        throw error;
      }
    }
  }

  /** The school's reviews, oldest first. */
  async reviews(tenantId: string, areaId: string, urn: string): Promise<ReviewSnapshot[]> {
    const found: ReviewSnapshot[] = [];
    const filter = odata`PartitionKey eq ${tenantKey(tenantId, areaId)}` + ` and ${startsWith(`review|${urn}|`)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      found.push(snapshotSchema.parse(JSON.parse(joinParts(entity, 'snapshot'))));
    }
    return found.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Every school's summary in the area: one query, a request per 1,000 rows. */
  async summaries(tenantId: string, areaId: string): Promise<SummaryPage> {
    const summaries: PlanSummary[] = [];
    let requests = 0;
    const filter = odata`PartitionKey eq ${tenantKey(tenantId, areaId)}` + ` and ${startsWith('summary|')}`;
    for await (const page of this.table.listEntities({ queryOptions: { filter, select: ['RowKey', 'schoolName', 'shareWithNetwork', 'lastReviewAt', 'ratings', 'updated'] } }).byPage({ maxPageSize: 1000 })) {
      requests += 1;
      for (const entity of page) {
        const row = summaryRowSchema.parse(entity);
        summaries.push({
          urn: row.rowKey.slice('summary|'.length),
          areaId,
          schoolName: row.schoolName,
          shareWithNetwork: row.shareWithNetwork,
          ...(row.lastReviewAt ? { lastReviewAt: row.lastReviewAt } : {}),
          ratings: decodeRatings(row.ratings),
        });
      }
    }
    return { summaries, requests };
  }

  /** The plans a person has edited, anywhere in the tenant (a cross-partition query: privacy export and delete only). */
  async editedBy(tenantId: string, aadObjectId: string): Promise<{ areaId: string; urn: string }[]> {
    const found: { areaId: string; urn: string }[] = [];
    for await (const entity of this.table.listEntities({ queryOptions: { filter: startsWith(`editor|${aadObjectId}|`) } })) {
      const partition = splitTenantKey(String(entity.partitionKey));
      if (partition?.tenantId !== tenantId) continue;
      found.push({ areaId: partition.id, urn: String(entity.rowKey).slice(`editor|${aadObjectId}|`.length) });
    }
    return found;
  }

  /** Takes a person's name off a plan: their entries and reviews keep the change but not who made it; their editor row goes. */
  async forget(tenantId: string, areaId: string, urn: string, aadObjectId: string, now: Date): Promise<number> {
    const partitionKey = tenantKey(tenantId, areaId);
    const formerly: Person = { aadObjectId: '', name: 'a former member of staff' };
    let erased = 0;
    const current = await this.read(tenantId, areaId, urn);
    if (current) {
      erased = await this.change(
        { tenantId, areaId, urn, schoolName: current.stored.plan.schoolName },
        () => current.stored.plan,
        (stored, plan) => {
          const entries = Object.fromEntries(Object.entries(plan.entries).map(([id, entry]) => [id, entry.changedBy.aadObjectId === aadObjectId ? { ...entry, changedBy: formerly } : entry]));
          const count = Object.values(plan.entries).filter((entry) => entry.changedBy.aadObjectId === aadObjectId).length;
          const wasLead = stored?.lead?.aadObjectId === aadObjectId;
          return { write: { plan: { ...plan, entries }, ...(wasLead ? { lead: null } : {}) }, result: count + (wasLead ? 1 : 0) };
        },
        now,
      );
    }
    const filter = odata`PartitionKey eq ${partitionKey}` + ` and ${startsWith(`review|${urn}|`)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const snapshot = snapshotSchema.parse(JSON.parse(joinParts(entity, 'snapshot')));
      if (snapshot.by.aadObjectId !== aadObjectId) continue;
      await this.table.updateEntity({ partitionKey, rowKey: String(entity.rowKey), ...partsOf('snapshot', JSON.stringify({ ...snapshot, by: formerly })) }, 'Replace');
      erased += 1;
    }
    await this.table.deleteEntity(partitionKey, editorRow(aadObjectId, urn)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    return erased;
  }

  /**
   * Every plan in every tenant with a lead whose last review was on or before `before`: the candidates for a review
   * reminder (a cross-partition query of plan rows, a few columns each, once a scheduler tick).
   */
  async reviewedBefore(before: Date): Promise<ReviewCandidate[]> {
    const found: ReviewCandidate[] = [];
    const filter = odata`lastReviewAt le ${before}` + ` and ${startsWith('plan|')}`;
    const select = ['PartitionKey', 'RowKey', 'schoolName', 'lastReviewAt', 'reviewMonths', 'leadId', 'leadName'];
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select } })) {
      const partition = splitTenantKey(String(entity.partitionKey));
      const row = candidateSchema.safeParse(entity);
      if (!partition || !row.success || !row.data.leadId) continue;
      found.push({
        tenantId: partition.tenantId,
        areaId: partition.id,
        urn: String(entity.rowKey).slice('plan|'.length),
        schoolName: row.data.schoolName,
        lastReviewAt: row.data.lastReviewAt,
        reviewMonths: row.data.reviewMonths,
        lead: { aadObjectId: row.data.leadId, name: row.data.leadName ?? '' },
      });
    }
    return found;
  }

  /** Deletes every plan (with its summary, reviews and editor rows) not changed since `cutoff`; returns how many plans went. */
  async purgeUnchangedSince(cutoff: Date): Promise<number> {
    let purged = 0;
    const filter = odata`updated lt ${cutoff}` + ` and ${startsWith('plan|')}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      const partitionKey = String(entity.partitionKey);
      const urn = String(entity.rowKey).slice('plan|'.length);
      const rows: string[] = [planRow(urn), summaryRow(urn)];
      const related = odata`PartitionKey eq ${partitionKey}` + ` and (${startsWith(`review|${urn}|`)} or RowKey ge 'editor|')`;
      for await (const row of this.table.listEntities({ queryOptions: { filter: related, select: ['RowKey'] } })) {
        const rowKey = String(row.rowKey);
        if (rowKey.startsWith('review|') || (rowKey.startsWith('editor|') && rowKey.endsWith(`|${urn}`))) rows.push(rowKey);
      }
      for (let start = 0; start < rows.length; start += 100) {
        const transaction: TableTransaction['actions'] = rows.slice(start, start + 100).map((rowKey) => ['delete', { partitionKey, rowKey }]);
        await this.table.submitTransaction(transaction).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      }
      purged += 1;
    }
    return purged;
  }
}
