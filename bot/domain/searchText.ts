// What every search in the bot shares: word stemming, MiniSearch's tokenizer, and the typo/prefix tolerance for words
// the index does not contain. Contacts (contactSearch.ts) and network posts (posts.ts) both build on it.
import MiniSearch from 'minisearch';

/** Plurals and simple endings fold to one form, so "disorders" finds "disorder" and "difficulties" finds "difficulty". */
export function stem(term: string): string {
  if (term.length > 4 && term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (term.length > 4 && term.endsWith('sses')) return term.slice(0, -2);
  if (term.length > 3 && term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us') && !term.endsWith('is')) return term.slice(0, -1);
  return term;
}

/** MiniSearch's own tokenizer (splits on spaces and punctuation), so indexing and query rating split words alike. */
export const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The form a word is indexed under: lower-cased and stemmed; nothing for an empty token. */
export function indexedForm(term: string): string | null {
  const processed = stem(term.toLowerCase());
  return processed.length === 0 ? null : processed;
}

/** Indexing: lower-case and stem each word, and remember it, so `typoTolerance` knows which query words are spelt right. */
export function indexTerm(vocabulary: Set<string>): (term: string) => string | null {
  return (term) => {
    const processed = indexedForm(term);
    if (processed !== null) vocabulary.add(processed);
    return processed;
  };
}

/**
 * Only words the index does not contain are typos or unfinished: two edits from seven letters up, so swapped letters
 * ("anxeity") still match, one edit for shorter words; prefixes for words typed part-way ("counsel").
 */
export function typoTolerance(known: (term: string) => boolean): {
  fuzzy: (term: string) => number | false;
  prefix: (term: string) => boolean;
} {
  return {
    fuzzy: (term) => (known(term) ? false : term.length >= 7 ? 2 : term.length >= 4 ? 1 : false),
    prefix: (term) => !known(term) && term.length >= 3,
  };
}
