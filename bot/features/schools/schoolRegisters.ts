// Every area's school register: the stored rows (schoolRepository.ts) and, for the type-ahead school picker, a small
// in-memory index per area and generation (a new import has a new generation, so a stale index is never used).
import type { SchoolRepository, StoredRegister } from './schoolRepository';

export class SchoolRegisters {
  constructor(readonly repository: SchoolRepository) {}

  /** The area's current register, or undefined for an area never set or imported. */
  async current(tenantId: string, areaId: string): Promise<StoredRegister | undefined> {
    return this.repository.load(tenantId, areaId);
  }
}
