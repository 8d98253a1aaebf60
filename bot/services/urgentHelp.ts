// Urgent-help lines per tenant and area (the `urgentHelp` table: PartitionKey `<tenant>|<area>` (see storage/keys.ts),
// RowKey `current`) falling back to the national lines in bot/data/urgent-help.json, and the risk check every contacts
// query and unknown message goes through. Rows written before tenant keys (PartitionKey `<area>`) are moved by
// storage/tenantScopingMigration.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { riskMatcher, urgentHelpLineSchema, urgentHelpSchema, type UrgentHelp, type UrgentHelpLine } from '../domain/urgentHelp';
import { deleteIfExists, getIfExists, type StorageAccount } from './storage/account';
import { tenantKey } from './storage/keys';

export const URGENT_HELP_TABLE = 'urgentHelp';
const ROW = 'current';

export function loadDefaultUrgentHelp(projectRoot: string): UrgentHelp {
  return urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'bot', 'data', 'urgent-help.json'), 'utf8')));
}

export interface AreaUrgentHelp {
  readonly lines: readonly UrgentHelpLine[];
  /** False when the area has no list of its own and the national lines are shown. */
  readonly local: boolean;
}

const lineListSchema = z.array(urgentHelpLineSchema).min(1);
const rowSchema = z.object({ lines: z.string().transform((raw) => lineListSchema.parse(JSON.parse(raw))) });

export class UrgentHelpService {
  private readonly matchesRisk: (text: string) => boolean;

  constructor(
    private readonly storage: StorageAccount,
    private readonly defaults: UrgentHelp,
  ) {
    this.matchesRisk = riskMatcher(defaults.riskPhrases);
  }

  private get table() {
    return this.storage.table(URGENT_HELP_TABLE);
  }

  /** True when the text contains a risk phrase from the data file (whole words; case and punctuation ignored). */
  suggestsRisk(text: string): boolean {
    return this.matchesRisk(text);
  }

  /** The tenant's own list for the area, or the national lines when it has none (or no area is known yet). */
  async linesFor(tenantId: string, areaId: string | undefined): Promise<AreaUrgentHelp> {
    const own = areaId ? await getIfExists(this.table, tenantKey(tenantId, areaId), ROW) : undefined;
    if (own) return { lines: rowSchema.parse(own).lines, local: true };
    return { lines: this.defaults.lines, local: false };
  }

  async setLines(tenantId: string, areaId: string, lines: readonly UrgentHelpLine[], by: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: tenantKey(tenantId, areaId), rowKey: ROW, lines: JSON.stringify(lines), updatedBy: by, updated: now }, 'Replace');
  }

  /** Back to the national lines. */
  async reset(tenantId: string, areaId: string): Promise<void> {
    await deleteIfExists(this.table, tenantKey(tenantId, areaId), ROW);
  }
}
