// Urgent-help lines and safeguarding front door per tenant and area (the `urgentHelp` table: PartitionKey
// `<tenant>|<area>` (see platform/storage/keys.ts), RowKey `current`, columns `lines` and `frontDoor`, both read in one
// point read) falling back to the national lines in data/urgent-help.json, and the risk check (domain/risk over the
// lexicons in data/risk/) every route puts a message through first. Rows written before tenant keys (PartitionKey
// `<area>`) are moved by bot/migrations/tenantScopingMigration.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createRiskDetector, parseRiskLexicons, RiskLexiconError, type LexiconFile, type RiskAssessment, type RiskDetector, type RiskLexicons } from './domain/risk';
import { frontDoorSchema, urgentHelpLineSchema, urgentHelpSchema, type AreaUrgentHelp, type FrontDoor, type UrgentHelp, type UrgentHelpLine } from './domain/urgentHelp';
import { getIfExists, isNotFound, type StorageAccount } from '../../platform/storage/account';
import { tenantKey } from '../../platform/storage/keys';

export const URGENT_HELP_TABLE = 'urgentHelp';
const ROW = 'current';

export function loadDefaultUrgentHelp(projectRoot: string): UrgentHelp {
  return urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'bot', 'features', 'safeguarding', 'data', 'urgent-help.json'), 'utf8')));
}

/** Every lexicon file under bot/features/safeguarding/data/risk/, parsed and checked; throws RiskLexiconError naming each file and entry at fault. */
export function loadRiskLexicons(projectRoot: string): RiskLexicons {
  const folder = path.join(projectRoot, 'bot', 'features', 'safeguarding', 'data', 'risk');
  const files: LexiconFile[] = [];
  const problems: string[] = [];
  const names = [...readdirSync(folder).filter((n) => n.endsWith('.json')), ...readdirSync(path.join(folder, 'concepts')).filter((n) => n.endsWith('.json')).map((n) => `concepts/${n}`)];
  for (const file of names.sort()) {
    try {
      files.push({ file, json: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as unknown });
    } catch (error) {
      problems.push(`${file}: not valid JSON (${error instanceof SyntaxError ? error.message : 'unreadable'}); check for a missing comma, quote or bracket`);
    }
  }
  if (problems.length > 0) throw new RiskLexiconError(problems);
  return parseRiskLexicons(files);
}

/** The detector built from the shipped lexicons: the one start-up builds, and what tests and the eval use. */
export function loadRiskDetector(projectRoot: string): RiskDetector {
  return createRiskDetector(loadRiskLexicons(projectRoot));
}

const lineListSchema = z.array(urgentHelpLineSchema).min(1);
/** An empty column is "none": Merge updates cannot remove a column, so clearing one writes ''. */
const jsonColumn = <T>(schema: z.ZodType<T>) =>
  z
    .string()
    .optional()
    .transform((raw): T | undefined => (raw ? schema.parse(JSON.parse(raw)) : undefined));
const rowSchema = z.object({ lines: jsonColumn(lineListSchema), frontDoor: jsonColumn(frontDoorSchema) });

export class UrgentHelpService {
  constructor(
    private readonly storage: StorageAccount,
    private readonly defaults: UrgentHelp,
    private readonly detector: RiskDetector,
  ) {}

  private get table() {
    return this.storage.table(URGENT_HELP_TABLE);
  }

  /** Whether the text suggests someone may be at risk now, and which concepts said so (names only, never the text). */
  assessRisk(text: string): RiskAssessment {
    return this.detector(text);
  }

  /**
   * The tenant's own lines for the area (or the national lines when it has none, or no area is known yet) and the
   * area's front door if it has one: one point read.
   */
  async linesFor(tenantId: string, areaId: string | undefined): Promise<AreaUrgentHelp> {
    const own = areaId ? await getIfExists(this.table, tenantKey(tenantId, areaId), ROW) : undefined;
    const row = own ? rowSchema.parse(own) : undefined;
    const frontDoor = row?.frontDoor ? { frontDoor: row.frontDoor } : {};
    if (row?.lines) return { lines: row.lines, local: true, ...frontDoor };
    return { lines: this.defaults.lines, local: false, ...frontDoor };
  }

  async setLines(tenantId: string, areaId: string, lines: readonly UrgentHelpLine[], by: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: tenantKey(tenantId, areaId), rowKey: ROW, lines: JSON.stringify(lines), updatedBy: by, updated: now }, 'Merge');
  }

  /** Back to the national lines; the area's front door, if any, stays. */
  async reset(tenantId: string, areaId: string, by: string, now: Date): Promise<void> {
    await this.clear(tenantId, areaId, { lines: '', updatedBy: by, updated: now });
  }

  /** Sets the area's front door, or takes it off the card (undefined). The lines are left as they are. */
  async setFrontDoor(tenantId: string, areaId: string, frontDoor: FrontDoor | undefined, by: string, now: Date): Promise<void> {
    if (!frontDoor) return this.clear(tenantId, areaId, { frontDoor: '', updatedBy: by, updated: now });
    await this.table.upsertEntity({ partitionKey: tenantKey(tenantId, areaId), rowKey: ROW, frontDoor: JSON.stringify(frontDoorSchema.parse(frontDoor)), updatedBy: by, updated: now }, 'Merge');
  }

  /** Empties columns of an existing row; no row means nothing to clear. */
  private async clear(tenantId: string, areaId: string, columns: Record<string, string | Date>): Promise<void> {
    try {
      await this.table.updateEntity({ partitionKey: tenantKey(tenantId, areaId), rowKey: ROW, ...columns }, 'Merge');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
