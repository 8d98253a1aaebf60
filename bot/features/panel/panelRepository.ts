// The panel tables: `panels` (PartitionKey tenant, RowKey area id), `panelCases` (tenant, `<area>:<ref>`) and
// `panelCounters` (tenant, `<area>:<year>`), whose ETag makes case references unique under concurrent submits.
import { z } from 'zod';
import { conflict } from '../../errors';
import { conversationReferenceSchema, type ConversationReference } from '../../events';
import { formatCaseReference, panelCaseFormSchema, type Panel, type PanelCase } from './domain/panel';
import { deleteIfExists, getIfExists, isConflict, odata, type StorageAccount } from '../../platform/storage/account';
import { toKey } from '../../platform/storage/keys';

export const PANELS_TABLE = 'panels';
export const PANEL_CASES_TABLE = 'panelCases';
export const PANEL_COUNTERS_TABLE = 'panelCounters';

const meetingListSchema = z.array(z.string());
const panelRow = z.object({
  teamId: z.string(),
  channelId: z.string(),
  conversationId: z.string(),
  areaId: z.string(),
  meetings: z.string().transform((raw) => meetingListSchema.parse(JSON.parse(raw))),
  createdBy: z.string(),
  updated: z.coerce.date(),
});

const caseRow = z.object({
  areaId: z.string(),
  reference: z.string(),
  status: z.enum(['open', 'advised']),
  form: z.string().transform((raw) => panelCaseFormSchema.parse(JSON.parse(raw))),
  riskShown: z.boolean(),
  submitter: z.string(),
  submitterName: z.string(),
  submitterConversationId: z.string(),
  submitterServiceUrl: z.string(),
  submittedAt: z.coerce.date(),
  thread: z.string().optional(),
  advisedAt: z.coerce.date().optional(),
  advice: z.string().optional(),
  advisedBy: z.string().optional(),
});

/** Each round at least one contender wins, so this many covers far more simultaneous submits than a panel sees. */
const MAX_ALLOCATION_ATTEMPTS = 60;

export class PanelRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get panels() {
    return this.storage.table(PANELS_TABLE);
  }

  private get cases() {
    return this.storage.table(PANEL_CASES_TABLE);
  }

  private get counters() {
    return this.storage.table(PANEL_COUNTERS_TABLE);
  }

  async savePanel(panel: Panel): Promise<void> {
    await this.panels.upsertEntity(
      {
        partitionKey: toKey(panel.tenantId),
        rowKey: toKey(panel.areaId),
        areaId: panel.areaId,
        teamId: panel.teamId,
        channelId: panel.channelId,
        conversationId: panel.conversationId,
        meetings: JSON.stringify(panel.meetings),
        createdBy: panel.createdBy,
        updated: panel.updated,
      },
      'Replace',
    );
  }

  async listPanels(tenantId: string): Promise<Panel[]> {
    const found: Panel[] = [];
    for await (const entity of this.panels.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${toKey(tenantId)}` } })) {
      const row = panelRow.parse(entity);
      found.push({ tenantId, ...row });
    }
    return found.sort((a, b) => a.areaId.localeCompare(b.areaId));
  }

  async getPanel(tenantId: string, areaId: string): Promise<Panel | undefined> {
    const entity = await getIfExists(this.panels, toKey(tenantId), toKey(areaId));
    return entity ? { tenantId, ...panelRow.parse(entity) } : undefined;
  }

  /**
   * The next case number for an area and year. Read the counter, write it back with its ETag; a concurrent writer
   * makes the write fail with 412 (or the first insert with 409) and we read again, so no two submits share a number.
   */
  async allocateReference(tenantId: string, areaId: string, year: number): Promise<string> {
    const partitionKey = toKey(tenantId);
    const rowKey = toKey(`${areaId}:${year}`);
    for (let attempt = 0; attempt < MAX_ALLOCATION_ATTEMPTS; attempt++) {
      const counter = await getIfExists<{ next: number }>(this.counters, partitionKey, rowKey);
      try {
        if (!counter) {
          await this.counters.createEntity({ partitionKey, rowKey, next: 2 });
          return formatCaseReference(year, 1);
        }
        const next = counter.next;
        await this.counters.updateEntity({ partitionKey, rowKey, next: next + 1 }, 'Replace', { etag: counter.etag });
        return formatCaseReference(year, next);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      // Lost the race: back off a little, with jitter so contenders spread out, and read the counter again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * Math.min(attempt + 1, 8)));
    }
    throw conflict('Many cases are being submitted at once. Please submit again in a moment.');
  }

  async createCase(panelCase: PanelCase): Promise<void> {
    await this.cases.createEntity({
      partitionKey: toKey(panelCase.tenantId),
      rowKey: caseKey(panelCase.areaId, panelCase.reference),
      areaId: panelCase.areaId,
      reference: panelCase.reference,
      status: panelCase.status,
      form: JSON.stringify(panelCase.form),
      riskShown: panelCase.riskShown,
      submitter: panelCase.submitter.aadObjectId.toLowerCase(),
      submitterName: panelCase.submitter.name,
      submitterConversationId: panelCase.submitter.conversationId,
      submitterServiceUrl: panelCase.submitter.serviceUrl,
      submittedAt: panelCase.submittedAt,
    });
  }

  async recordThread(tenantId: string, areaId: string, reference: string, thread: ConversationReference): Promise<void> {
    await this.cases.updateEntity({ partitionKey: toKey(tenantId), rowKey: caseKey(areaId, reference), thread: JSON.stringify(thread) }, 'Merge');
  }

  async recordAdvice(tenantId: string, areaId: string, reference: string, advice: { text: string; by: string; at: Date }): Promise<void> {
    await this.cases.updateEntity(
      { partitionKey: toKey(tenantId), rowKey: caseKey(areaId, reference), status: 'advised', advice: advice.text, advisedBy: advice.by.toLowerCase(), advisedAt: advice.at },
      'Merge',
    );
  }

  async deleteCase(tenantId: string, areaId: string, reference: string): Promise<boolean> {
    return deleteIfExists(this.cases, toKey(tenantId), caseKey(areaId, reference));
  }

  /** Cases with this reference in the tenant (one per area that issued it); reads one partition. */
  async findByReference(tenantId: string, reference: string): Promise<PanelCase[]> {
    return this.query(tenantId, odata`PartitionKey eq ${toKey(tenantId)} and reference eq ${reference}`);
  }

  /** Every case of one area; reads one partition. */
  async casesOfArea(tenantId: string, areaId: string): Promise<PanelCase[]> {
    const prefix = toKey(`${areaId}:`);
    return this.query(tenantId, odata`PartitionKey eq ${toKey(tenantId)} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`);
  }

  async casesSubmittedBy(tenantId: string, aadObjectId: string): Promise<PanelCase[]> {
    return this.query(tenantId, odata`PartitionKey eq ${toKey(tenantId)} and submitter eq ${aadObjectId.toLowerCase()}`);
  }

  /** Deletes cases whose retention has run out, in every tenant; safe to run repeatedly. */
  async purgeExpired(isExpired: (submittedAt: Date, advisedAt: Date | undefined) => boolean): Promise<number> {
    let purged = 0;
    for await (const entity of this.cases.listEntities({ queryOptions: { select: ['partitionKey', 'rowKey', 'submittedAt', 'advisedAt'] } })) {
      const submittedAt = new Date(entity.submittedAt as string | Date);
      const advisedAt = entity.advisedAt ? new Date(entity.advisedAt as string | Date) : undefined;
      if (!isExpired(submittedAt, advisedAt)) continue;
      if (await deleteIfExists(this.cases, entity.partitionKey as string, entity.rowKey as string)) purged += 1;
    }
    return purged;
  }

  private async query(tenantId: string, filter: string): Promise<PanelCase[]> {
    const found: PanelCase[] = [];
    for await (const entity of this.cases.listEntities({ queryOptions: { filter } })) found.push(toCase(tenantId, entity));
    return found;
  }
}

function caseKey(areaId: string, reference: string): string {
  return toKey(`${areaId}:${reference}`);
}

function toCase(tenantId: string, entity: unknown): PanelCase {
  const row = caseRow.parse(entity);
  return {
    tenantId,
    areaId: row.areaId,
    reference: row.reference,
    status: row.status,
    form: row.form,
    riskShown: row.riskShown,
    submitter: { aadObjectId: row.submitter, name: row.submitterName, conversationId: row.submitterConversationId, serviceUrl: row.submitterServiceUrl },
    submittedAt: row.submittedAt,
    thread: row.thread ? conversationReferenceSchema.parse(JSON.parse(row.thread)) : undefined,
    advisedAt: row.advisedAt,
    advice: row.advice || undefined,
    advisedBy: row.advisedBy || undefined,
  };
}
