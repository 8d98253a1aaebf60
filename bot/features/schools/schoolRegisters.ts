// Every area's school register: the stored rows (schoolRepository.ts) and, for the type-ahead school picker, the
// register kept in memory per area and generation (a new import has a new generation, so a stale copy is never used;
// each search costs one point read of the area's pointer row).
import { searchRegister, type PickerChoice } from './domain/links';
import type { RegisterEntry, StoredRegister } from './domain/register';
import type { SchoolRepository } from './schoolRepository';

/** Areas whose register is kept in memory at once; the least recently used goes first. */
const CACHED_AREAS = 50;

export class SchoolRegisters {
  private readonly cache = new Map<string, StoredRegister>();

  constructor(readonly repository: SchoolRepository) {}

  /** The area's current register, or undefined for an area never set or imported. */
  async current(tenantId: string, areaId: string): Promise<StoredRegister | undefined> {
    return this.repository.load(tenantId, areaId);
  }

  /** One entry of the area's register by URN (from the copy in memory), or undefined when it has none such. */
  async entry(tenantId: string, areaId: string, urn: string): Promise<RegisterEntry | undefined> {
    return (await this.cached(tenantId, areaId))?.entries.find((entry) => entry.urn === urn);
  }

  /** The type-ahead's choices over the area's register (empty when it has none). */
  async search(tenantId: string, areaId: string, queryText: string, skip: number, top: number): Promise<PickerChoice[]> {
    const register = await this.cached(tenantId, areaId);
    return register ? searchRegister(register.entries, queryText, skip, top) : [];
  }

  private async cached(tenantId: string, areaId: string): Promise<StoredRegister | undefined> {
    const area = await this.repository.area(tenantId, areaId);
    if (!area?.generation) return undefined;
    const key = `${tenantId}|${areaId}`;
    const held = this.cache.get(key);
    if (held && held.area.generation === area.generation) {
      this.cache.delete(key);
      this.cache.set(key, held);
      return held;
    }
    const loaded = await this.repository.load(tenantId, areaId);
    if (!loaded) return undefined;
    this.cache.set(key, loaded);
    const oldest = this.cache.keys().next();
    if (this.cache.size > CACHED_AREAS && oldest.done !== true) this.cache.delete(oldest.value);
    return loaded;
  }
}
