// The `responses` table: PartitionKey the run id, RowKey the respondent's Entra ID object id: one row per person per run.
// Each card page is its own property, written with an upsert-merge, so a double submit or an edit replaces, never adds.
// The partition also holds one guard row (OPEN_ROW) that exists while the run is open: every save is an entity-group
// transaction that touches the guard, so once a run is closed (guard deleted) no answer can be written, on any instance.
import { z } from 'zod';
import type { Answers } from '../../domain/surveys/answers';
import { isNotFound, odata, type StorageAccount } from './account';
import { fromKey, toKey } from './keys';

export const RESPONSES_TABLE = 'responses';

const PAGE_PREFIX = 'page_';
/** Sorts after every respondent key (escaped GUIDs), so a range filter leaves it out of reads. */
const OPEN_ROW = '~open';
const answersSchema = z.record(z.string(), z.union([z.number(), z.string()]));

export interface StoredResponse {
  readonly respondent: string;
  /** Answers per page id. */
  readonly pages: Readonly<Record<string, Answers>>;
  readonly updated: Date;
}

export class ResponseRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(RESPONSES_TABLE);
  }

  /** Lets the run take answers; call before anyone can see the card. */
  async openRun(runId: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: toKey(runId), rowKey: OPEN_ROW, opened: now }, 'Replace');
  }

  /** Stops the run taking answers; saves already in flight either land before this or fail. */
  async closeRun(runId: string): Promise<void> {
    await this.table.deleteEntity(toKey(runId), OPEN_ROW).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  /**
   * Saves one page of a person's answers, replacing that page if they answered it before. Returns false, writing
   * nothing, when the run is not open (its guard row is gone).
   */
  async savePage(runId: string, respondent: string, pageId: string, answers: Answers, now: Date): Promise<boolean> {
    const partitionKey = toKey(runId);
    try {
      await this.table.submitTransaction([
        // Fails with 404 when the guard is gone; '*' means concurrent saves never conflict with each other.
        ['update', { partitionKey, rowKey: OPEN_ROW }, 'Merge', { etag: '*' }],
        ['upsert', { partitionKey, rowKey: toKey(respondent.toLowerCase()), [`${PAGE_PREFIX}${pageId}`]: JSON.stringify(answers), updated: now }, 'Merge'],
      ]);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async get(runId: string, respondent: string): Promise<StoredResponse | undefined> {
    try {
      return toResponse(await this.table.getEntity(toKey(runId), toKey(respondent.toLowerCase())));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Every response to a run: one partition. */
  async listRun(runId: string): Promise<StoredResponse[]> {
    const found: StoredResponse[] = [];
    const filter = odata`PartitionKey eq ${toKey(runId)} and RowKey lt ${OPEN_ROW}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) found.push(toResponse(entity));
    return found;
  }
}

function toResponse(entity: Record<string, unknown>): StoredResponse {
  const pages: Record<string, Answers> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name.startsWith(PAGE_PREFIX) && typeof value === 'string') pages[name.slice(PAGE_PREFIX.length)] = answersSchema.parse(JSON.parse(value));
  }
  return { respondent: fromKey(String(entity.rowKey)), pages, updated: z.coerce.date().parse(entity.updated) };
}

/** All of a person's answers in one map. */
export function allAnswers(response: Pick<StoredResponse, 'pages'>): Answers {
  return Object.assign({}, ...Object.values(response.pages)) as Answers;
}
