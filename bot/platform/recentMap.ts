// A bounded in-process cache: keeps the most recently stored (or touched) entries and forgets the oldest.

export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new Error('A RecentMap must keep at least one entry.');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Reads an entry and counts it as just used, so it is forgotten last. */
  touch(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.set(key, value);
    return value;
  }

  /** Stores an entry as the newest, forgetting the oldest beyond the limit. */
  set(key: K, value: V): this {
    // A Map iterates in insertion order: re-inserting moves the key to the end, so the first key is the oldest.
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }
}
