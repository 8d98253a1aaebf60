// Areas' referral directories for searching: the stored directory plus a search index kept per directory version.
// The index is only a cache (rebuilt from storage on any instance); each search checks the current version first.
import { ContactIndex } from '../../domain/contactSearch';
import type { ContactArea, ContactRepository, StoredDirectory } from '../storage/contactRepository';
import { RecentMap } from '../recentMap';

/** Enough for every area of a large deployment; the least recently used index is dropped beyond it. */
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

  areas(): Promise<ContactArea[]> {
    return this.repository.areas();
  }

  /** The area's directory ready to search, or undefined when it has none. One point read when the index is current. */
  async searchable(areaId: string): Promise<SearchableDirectory | undefined> {
    const pointer = await this.repository.pointer(areaId);
    if (!pointer) return undefined;
    const cached = this.cache.get(areaId);
    if (cached && cached.version === pointer.version) {
      this.cache.touch(areaId);
      return cached;
    }
    const stored = await this.repository.load(areaId);
    return stored ? this.remember(stored) : undefined;
  }

  private remember(stored: StoredDirectory): SearchableDirectory {
    const entry = { area: stored.area, version: stored.version, index: new ContactIndex(stored.contacts), importedBy: stored.importedBy };
    this.cache.set(stored.area.id, entry);
    return entry;
  }
}
