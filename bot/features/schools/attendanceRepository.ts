// The `workshopAttendance` table: who attended each workshop of a cohort, as the facilitator confirmed it. One
// partition per tenant and cohort (`<tenant>|<cohort id>`), one row per workshop (`w1`, `w2`) holding the attending
// members' addresses; saving again replaces the row (the facilitator corrected it).
import { z } from 'zod';
import { getIfExists, odata, type StorageAccount } from '../../platform/storage/account';
import { tenantKey } from '../../platform/storage/keys';
import type { WorkshopAttendance } from './domain/attendance';

export const ATTENDANCE_TABLE = 'workshopAttendance';

const rowSchema = z.object({
  rowKey: z.enum(['w1', 'w2']),
  attended: z.string().transform((raw) => z.array(z.string()).parse(JSON.parse(raw))),
  confirmedBy: z.string(),
  confirmed: z.coerce.date(),
  fromReport: z.boolean().default(false),
});

export class AttendanceRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(ATTENDANCE_TABLE);
  }

  async forCohort(tenantId: string, cohortId: string): Promise<WorkshopAttendance[]> {
    const found: WorkshopAttendance[] = [];
    const filter = odata`PartitionKey eq ${tenantKey(tenantId, cohortId)}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const row = rowSchema.parse(entity);
      found.push({ number: row.rowKey === 'w1' ? 1 : 2, attended: row.attended, confirmedBy: row.confirmedBy, confirmed: row.confirmed, fromReport: row.fromReport });
    }
    return found;
  }

  async get(tenantId: string, cohortId: string, number: 1 | 2): Promise<WorkshopAttendance | undefined> {
    const raw = await getIfExists(this.table, tenantKey(tenantId, cohortId), `w${number}`);
    if (!raw) return undefined;
    const row = rowSchema.parse(raw);
    return { number, attended: row.attended, confirmedBy: row.confirmedBy, confirmed: row.confirmed, fromReport: row.fromReport };
  }

  async save(tenantId: string, cohortId: string, attendance: WorkshopAttendance): Promise<void> {
    await this.table.upsertEntity(
      {
        partitionKey: tenantKey(tenantId, cohortId),
        rowKey: `w${attendance.number}`,
        attended: JSON.stringify(attendance.attended),
        confirmedBy: attendance.confirmedBy,
        confirmed: attendance.confirmed,
        fromReport: attendance.fromReport,
      },
      'Replace',
    );
  }

  /** Takes one person off a workshop's record (privacy delete); the rest of the record stays. */
  async removeAttendee(tenantId: string, cohortId: string, number: 1 | 2, email: string): Promise<void> {
    const current = await this.get(tenantId, cohortId, number);
    if (!current || !current.attended.includes(email)) return;
    await this.save(tenantId, cohortId, { ...current, attended: current.attended.filter((attendee) => attendee !== email) });
  }
}
