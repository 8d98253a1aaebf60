// Typo tolerance for the risk key words: MiniSearch's radix tree finds near spellings, an optimal-string-alignment
// distance keeps those a letter missing, doubled, swapped or wrong away, and the typo guard keeps ordinary words as typed.
import SearchableMap from 'minisearch/SearchableMap';

/** Shorter words are matched exactly ("hang"/"hand" would otherwise swap meaning), except that two swapped letters
 * in a four-letter key word are put back ("slef", "lfie"): a swap rarely makes another word. */
export const MIN_TYPO_LENGTH = 5;
/** From this length of key word two slips are allowed ("paracetemoll"), when the typed word has at least one letter
 * fewer ("ovadose" for "overdose": a letter wrong and one missing). */
export const TWO_TYPO_LENGTH = 8;

/** Edits allowed between a typed word and a key word of these lengths. */
export function allowedEdits(typed: number, key: number): number {
  if (typed < MIN_TYPO_LENGTH || key < MIN_TYPO_LENGTH) return 0;
  return typed >= TWO_TYPO_LENGTH - 1 && key >= TWO_TYPO_LENGTH ? 2 : 1;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein where a swap of two neighbouring letters costs one),
 * stopping early once it must exceed `limit`. MiniSearch measures Levenshtein, where a swap costs two.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/** Most distinct words a detector remembers corrections for; past it the memory starts again (results do not change). */
const CACHE_LIMIT = 50_000;

export class TypoResolver {
  private readonly keys: SearchableMap<true>;
  private readonly cache = new Map<string, string | null>();
  private readonly firstLetters: Set<string>;
  private readonly fourLetterKeys = new Set<string>();

  /** `maxEdits` caps the slips allowed whatever the length: two neighbours joined ("ex turned") may make a key word at one slip, not two. */
  constructor(
    keyWords: Iterable<string>,
    private readonly guard: ReadonlySet<string>,
    private readonly maxEdits = 2,
    /** Key words that are words of the lexicons as written ("tablets"), preferred between equally near key words over the
     * endings made for a prefix phrase ("tablete" from "tablet*"). */
    private readonly preferred: ReadonlySet<string> = new Set(),
  ) {
    this.keys = new SearchableMap<true>();
    for (const word of keyWords) {
      if (word.length >= MIN_TYPO_LENGTH) this.keys.set(word, true);
      else if (word.length === MIN_TYPO_LENGTH - 1) this.fourLetterKeys.add(word);
    }
    this.firstLetters = new Set([...this.keys.keys()].flatMap((k) => [k.slice(0, 1), k.slice(1, 2)]));
  }

  /** The key word `word` is a slip for, or undefined when it is an ordinary word or too far from every key word. */
  resolve(word: string): string | undefined {
    if (word.length === MIN_TYPO_LENGTH - 1 && !this.guard.has(word)) return this.unswapped(word);
    if (word.length < MIN_TYPO_LENGTH || word.length > 30 || this.guard.has(word)) return undefined;
    const known = this.cache.get(word);
    if (known !== undefined) return known ?? undefined;
    const found = this.search(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found ?? null);
    return found;
  }

  private unswapped(word: string): string | undefined {
    for (let i = 0; i + 1 < word.length; i += 1) {
      const swapped = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
      if (swapped !== word && this.fourLetterKeys.has(swapped)) return swapped;
    }
    return undefined;
  }

  /**
   * Key words that may be near enough. Two slips are allowed only from TWO_TYPO_LENGTH - 1 letters; below that one slip
   * is Levenshtein distance 1 or a swap of two neighbours, so the much smaller distance-1 search plus the swaps, looked up
   * as they are, finds the same words far quicker.
   */
  private candidates(word: string): Iterable<string> {
    if (this.maxEdits >= 2 && word.length >= TWO_TYPO_LENGTH - 1) return this.keys.fuzzyGet(word, 2).keys();
    const found = [...this.keys.fuzzyGet(word, 1).keys()];
    for (let i = 0; i + 1 < word.length; i += 1) {
      if (word[i] === word[i + 1]) continue;
      const swapped = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
      if (this.keys.has(swapped)) found.push(swapped);
    }
    return found;
  }

  private search(word: string): string | undefined {
    // A slip keeps the first or the second letter of the word it is for (a swap of the two keeps both).
    if (!this.firstLetters.has(word.slice(0, 1)) && !this.firstLetters.has(word.slice(1, 2))) return undefined;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const key of this.candidates(word)) {
      const limit = Math.min(this.maxEdits, allowedEdits(word.length, key.length));
      if (limit === 0) continue;
      const distance = editDistance(word, key, limit);
      if (distance > limit) continue;
      // Then, between equally near key words, one of the typed word's length wins (a swap or a wrong letter keeps it: "tabltes"
      // is "tablets", not "tabletes"), then the first in alphabetical order, so the answer never depends on search order.
      // A word of the lexicons as written wins over a made-up ending of a prefix first ("tableta" is "tablets").
      const rank = (k: string) => (this.preferred.has(k) ? 0 : 1);
      const better = best === undefined || rank(key) < rank(best);
      const asGood = best !== undefined && rank(key) === rank(best);
      const closer = best === undefined || Math.abs(key.length - word.length) < Math.abs(best.length - word.length);
      const sameLength = best !== undefined && Math.abs(key.length - word.length) === Math.abs(best.length - word.length);
      if (distance < bestDistance || (distance === bestDistance && (better || (asGood && (closer || (sameLength && key < (best as string))))))) {
        best = key;
        bestDistance = distance;
      }
    }
    return best;
  }
}
