// The `termCalendars` table: a tenant's imported term dates for an area, PartitionKey `<tenant>|<area>` (see keys.ts), RowKey the
// school year (one row per year). Tenant-scoped since it was added, so nothing here needs moving.
import { z } from 'zod';
import { TERM_NAMES } from '../../domain/termCalendar';
import type { StoredTermCalendar } from './domain/schoolHolidays';
import { odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, tenantKey, toKey } from '../../platform/storage/keys';

export const TERM_CALENDARS_TABLE = 'termCalendars';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const closureListSchema = z.array(date);
const termsSchema = z.array(z.object({ term: z.enum(TERM_NAMES), starts: date, halfTermStarts: date, halfTermEnds: date, ends: date })).length(3);

export class TermCalendarRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(TERM_CALENDARS_TABLE);
  }

  /** Stores (or replaces) the area's calendar for that school year. */
  async save(tenantId: string, calendar: StoredTermCalendar): Promise<void> {
    await this.table.upsertEntity(
      {
        partitionKey: areaPartition(tenantId, calendar.area),
        rowKey: toKey(calendar.schoolYear),
        terms: JSON.stringify(calendar.terms),
        closures: JSON.stringify(calendar.closures),
        importedBy: calendar.importedBy,
        imported: calendar.imported,
      },
      'Replace',
    );
  }

  /** Every imported school year of the area, oldest first; reads one partition. */
  async list(tenantId: string, area: string): Promise<StoredTermCalendar[]> {
    const found: StoredTermCalendar[] = [];
    const rows = this.table.listEntities<{ rowKey?: string; terms?: string; closures?: string; importedBy?: string; imported?: Date | string }>({
      queryOptions: { filter: odata`PartitionKey eq ${areaPartition(tenantId, area)}` },
    });
    for await (const row of rows) {
      found.push({
        area,
        schoolYear: fromKey(row.rowKey ?? ''),
        terms: termsSchema.parse(JSON.parse(row.terms ?? '[]')),
        closures: closureListSchema.parse(JSON.parse(row.closures ?? '[]')),
        importedBy: row.importedBy ?? '',
        imported: new Date(row.imported ?? 0),
      });
    }
    return found.sort((a, b) => a.schoolYear.localeCompare(b.schoolYear));
  }
}

function areaPartition(tenantId: string, area: string): string {
  return tenantKey(tenantId, area);
}
