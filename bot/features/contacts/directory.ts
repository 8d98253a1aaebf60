// Tenants' referral directories per area for searching: the stored directory plus a search index kept per directory version.
// The index is only a cache (rebuilt from storage on any instance), keyed by tenant and area so that two tenants with an
// area of the same name never share one; each search checks the current version first.
import { ContactIndex } from './domain/contactSearch';
import type { ContactRepository } from './contactRepository';
import type { ContactArea, StoredDirectory } from './domain/contacts';
import { RecentMap } from '../../platform/recentMap';

/** Enough for every tenant's areas on a large deployment; the least recently used index is dropped beyond it. */
const CACHED_AREAS = 50;

export interface SearchableDirectory {
  readonly area: ContactArea;
  readonly version: string;
  readonly index: ContactIndex;
  /** Entra ID object id of the coordinator who imported this version: the one to tell about a missing contact. */
  readonly importedBy: string;
}

export class ContactDirectory {
  private readonly cache = new RecentMap<string, SearchableDirectory>(CACHED_AREAS);

  constructor(readonly repository: ContactRepository) {}

  /** The tenant's areas that have a directory. */
  areas(tenantId: string): Promise<ContactArea[]> {
    return this.repository.areas(tenantId);
  }

  /** The tenant's directory for the area ready to search, or undefined when it has none. One point read when the index is current. */
  async searchable(tenantId: string, areaId: string): Promise<SearchableDirectory | undefined> {
    const pointer = await this.repository.pointer(tenantId, areaId);
    if (!pointer) return undefined;
    const key = cacheKey(tenantId, areaId);
    const cached = this.cache.get(key);
    if (cached && cached.version === pointer.version) {
      this.cache.touch(key);
      return cached;
    }
    const stored = await this.repository.load(tenantId, areaId);
    return stored ? this.remember(tenantId, stored) : undefined;
  }

  private remember(tenantId: string, stored: StoredDirectory): SearchableDirectory {
    const entry = { area: stored.area, version: stored.version, index: new ContactIndex(stored.contacts), importedBy: stored.importedBy };
    this.cache.set(cacheKey(tenantId, stored.area.id), entry);
    return entry;
  }
}

/** Area slugs never contain a newline, so the last one always ends the tenant id and no two pairs share a key. */
function cacheKey(tenantId: string, areaId: string): string {
  return `${tenantId}\n${areaId}`;
}
