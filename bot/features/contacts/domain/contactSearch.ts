// Searching an area's directory: the query is read for an age and an area, then ranked by BM25+ over postings scored
// once per directory, with MiniSearch's radix tree finding the words a typo or a prefix may mean.
import SearchableMap from 'minisearch/SearchableMap';
import { KIND_LABELS, type Contact } from './contacts';
import { at } from '../../../domain/indexed';
import { indexedForm, stem, tokenize, typoTolerance } from '../../../domain/searchText';


/** Longer queries are refused: nobody types 300 characters into a search, and it bounds the work. */
export const MAX_QUERY_LENGTH = 300;

export interface AgeRange {
  readonly min: number;
  readonly max: number;
}

export interface AreaName {
  readonly id: string;
  readonly name: string;
}

export interface ContactQuery {
  /** The words left to search for, after the age and area are taken out. */
  readonly text: string;
  readonly age?: AgeRange;
  /** An area named in the query ("... in Salford"), matched against the known areas only. */
  readonly areaId?: string;
}

/** Words that say nothing about which service fits. */
const STOP_WORDS = new Set(
  'a an and are at any be can child children contact contacts do does for from get has have help how i in is it me my need needs of old on or our pupil pupils refer referral referrals referring school\'s someone student students the their there to we what where which who with year years yo young'.split(' '),
);

/** Query words that should also find another word used in directories. Applied to the query only. */
const SYNONYMS: Record<string, readonly string[]> = {
  camhs: ['cypmhs'],
  cypmhs: ['camhs'],
  mhst: ['mental', 'support', 'team'],
  slp: ['link', 'practitioner'],
  spa: ['single', 'point', 'access'],
  adhd: ['neurodevelopmental'],
  autism: ['neurodevelopmental'],
  autistic: ['neurodevelopmental'],
  asd: ['neurodevelopmental'],
  asc: ['neurodevelopmental'],
  grief: ['bereavement'],
  bereaved: ['bereavement'],
  loss: ['bereavement'],
  anorexia: ['eating'],
  bulimia: ['eating'],
  arfid: ['eating'],
  anxious: ['anxiety'],
  worry: ['anxiety'],
  panic: ['anxiety'],
  depressed: ['depression', 'mood'],
  sad: ['mood'],
  psychologist: ['psychology'],
  counsellor: ['counselling'],
  counseling: ['counselling'],
  emergency: ['crisis'],
  urgent: ['crisis'],
};

function queryTerms(term: string): string[] | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || STOP_WORDS.has(lower)) return null;
  const extra = SYNONYMS[lower] ?? [];
  return [...new Set([lower, ...extra].map(stem))];
}

/** Ways a question gives an age, tried in order; the first that matches is taken out of the text. */
const AGE_PATTERNS: readonly (readonly [RegExp, (m: RegExpExecArray) => AgeRange])[] = [
  [/\b(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s*(?:years?|yrs?)?(?:\s*-?\s*olds?)?\b/, (m) => ({ min: Number(m[1]), max: Number(m[2]) })],
  [/\b(\d{1,2})\s*-?\s*(?:years?|yrs?)\s*-?\s*olds?\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
  [/\b(\d{1,2})\s*(?:yo|y\/o)\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
  [/\baged?\s+(\d{1,2})\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
  // English school years: Year 7 pupils are 11 to 12, so Year N is N+4 to N+5.
  [/\b(?:year|yr|y)\s*(\d{1,2})\b/, (m) => ({ min: Number(m[1]) + 4, max: Number(m[1]) + 5 })],
];

/** Reads "14 year old", "aged 14", "14yo", "year 9" (school year) and "11-16" out of the query. */
export function readQuery(raw: string, areas: readonly AreaName[] = []): ContactQuery {
  let text = ` ${raw.toLowerCase().replace(/[’']/g, '\'')} `;
  let age: AgeRange | undefined;
  for (const [pattern, toAge] of AGE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const found = toAge(match);
      if (found.min <= found.max && found.max <= 25) age = found;
      text = text.replace(match[0], ' ');
      break;
    }
  }
  let areaId: string | undefined;
  // Longest names first, so "North Salford" wins over "Salford".
  for (const area of [...areas].sort((a, b) => b.name.length - a.name.length)) {
    for (const name of [area.name.toLowerCase(), area.id]) {
      const pattern = new RegExp(`(?:\\b(?:in|for|from|at|near)\\s+)?\\b${escapeRegExp(name)}\\b`);
      const match = pattern.exec(text);
      if (match) {
        areaId = area.id;
        text = text.replace(match[0], ' ');
        break;
      }
    }
    if (areaId) break;
  }
  return { text: text.replace(/\s+/g, ' ').trim(), age, areaId };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RankedContact {
  readonly contact: Contact;
  readonly score: number;
}

/**
 * What is searched and how much a match there counts. "Who can refer" and "how to refer" are left out: nearly every
 * entry says "school" or "form" there, which would match everything.
 */
const FIELDS: readonly { readonly text: (contact: Contact) => string; readonly boost: number }[] = [
  { text: (contact) => contact.serviceName, boost: 2 },
  { text: (contact) => KIND_LABELS[contact.kind], boost: 3 },
  { text: (contact) => contact.needs.join(' '), boost: 3 },
  { text: (contact) => contact.notes, boost: 0.5 },
];

/** MiniSearch 7.2.0's defaults, so scores stay those its `search()` gave: BM25+ parameters, and what a prefix or fuzzy match weighs against an exact one. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/** One indexed term: the contacts it is found in (directory order) and what it scores for each, all fields together. */
interface Postings {
  readonly ordinals: Int32Array;
  readonly scores: Float64Array;
}

/** MiniSearch's BM25+ for one field of one contact. */
function bm25(termFrequency: number, matchingCount: number, totalCount: number, fieldLength: number, averageFieldLength: number): number {
  const inverseDocumentFrequency = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return inverseDocumentFrequency * (BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / averageFieldLength)));
}

/** One field across the directory: each contact's length, and where each term is found and how often. */
interface FieldTerms {
  readonly boost: number;
  readonly lengths: Float64Array;
  averageLength: number;
  readonly terms: Map<string, { readonly ordinals: number[]; readonly frequencies: number[] }>;
}

/** Reads one field of every contact. A field's length is its number of distinct words as written, as MiniSearch counts it. */
function readField(contacts: readonly Contact[], field: (typeof FIELDS)[number]): FieldTerms {
  const read: FieldTerms = { boost: field.boost, lengths: new Float64Array(contacts.length), averageLength: 0, terms: new Map() };
  let total = 0;
  contacts.forEach((contact, ordinal) => {
    const tokens = tokenize(field.text(contact));
    read.lengths[ordinal] = new Set(tokens).size;
    total += read.lengths[ordinal];
    for (const token of tokens) {
      const term = indexedForm(token);
      if (term === null) continue;
      let found = read.terms.get(term);
      if (!found) read.terms.set(term, (found = { ordinals: [], frequencies: [] }));
      const last = found.ordinals.length - 1;
      if (found.ordinals[last] === ordinal) found.frequencies[last] = at(found.frequencies, last, 'term frequencies') + 1;
      else {
        found.ordinals.push(ordinal);
        found.frequencies.push(1);
      }
    }
  });
  read.averageLength = contacts.length === 0 ? 0 : total / contacts.length;
  return read;
}

/** Scores every (term, contact) pair once, at build time: the sum over fields of the field's boost times its BM25+. */
function buildPostings(contacts: readonly Contact[]): SearchableMap<Postings> {
  const fields = FIELDS.map((field) => readField(contacts, field));
  const scores = new Float64Array(contacts.length);
  const vocabulary = new SearchableMap<Postings>();
  for (const term of new Set(fields.flatMap((field) => [...field.terms.keys()]))) {
    const touched: number[] = [];
    for (const field of fields) {
      const found = field.terms.get(term);
      if (!found) continue;
      found.ordinals.forEach((ordinal, i) => {
        // Every score is above zero (BM25+ adds d to a positive inverse document frequency), so zero means untouched.
        const before = at(scores, ordinal, 'build scores');
        if (before === 0) touched.push(ordinal);
        const frequency = at(found.frequencies, i, 'term frequencies');
        scores[ordinal] = before + field.boost * bm25(frequency, found.ordinals.length, contacts.length, at(field.lengths, ordinal, 'field lengths'), field.averageLength);
      });
    }
    const ordinals = Int32Array.from(touched).sort();
    vocabulary.set(term, { ordinals, scores: Float64Array.from(ordinals, (ordinal) => at(scores, ordinal, 'build scores')) });
    for (const ordinal of ordinals) scores[ordinal] = 0;
  }
  return vocabulary;
}

/** Only large directories drop common words: in a small one every word may matter for ranking. */
const PRUNE_FROM_SIZE = 500;
/** A word in more than this share of a large directory is common. */
const COMMON_SHARE = 0.2;

/**
 * An in-memory index over one area's directory; build once per directory version and reuse.
 *
 * Ranking is MiniSearch's (BM25+ with field boosts, prefix and fuzzy matches weighed down, each contact's score
 * multiplied by how many query terms it matched), but a query only adds up precomputed scores and keeps the best
 * `limit`: no per-contact objects, no full sort.
 */
export class ContactIndex {
  /** Every indexed term and its postings. MiniSearch's radix tree, so it also does the prefix and fuzzy look-ups. */
  private readonly vocabulary: SearchableMap<Postings>;
  private readonly tolerance: ReturnType<typeof typoTolerance>;
  // Scratch space for one query, indexed by directory position. `find` is synchronous, so one set serves every call;
  // each query sets back to zero only what it touched.
  private readonly scores: Float64Array;
  /** How many distinct query terms each contact matched. */
  private readonly matchedTerms: Int32Array;
  /** The query term that last added to each contact, so a contact matched by several forms of one term counts it once. */
  private readonly lastTerm: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(readonly contacts: readonly Contact[]) {
    this.vocabulary = buildPostings(contacts);
    this.tolerance = typoTolerance((term) => this.vocabulary.has(term));
    this.scores = new Float64Array(contacts.length);
    this.matchedTerms = new Int32Array(contacts.length);
    this.lastTerm = new Int32Array(contacts.length).fill(-1);
    this.touched = new Int32Array(contacts.length);
  }

  /** Best matches first; contacts whose age range does not cover the asked age are left out. Equal scores keep directory order. */
  find(query: ContactQuery, limit: number): RankedContact[] {
    if (query.text.length === 0) return [];
    try {
      // Query terms are combined with OR, as MiniSearch does: a term asked twice counts twice.
      const asked = new Map<string, number>();
      for (const term of this.informativeWords(query.text).flat()) asked.set(term, (asked.get(term) ?? 0) + 1);
      let termNumber = 0;
      for (const [term, times] of asked) {
        this.addMatches(term, times, termNumber);
        termNumber += 1;
      }
      return this.best(query.age, limit);
    } finally {
      this.reset();
    }
  }

  /**
   * The query's words, each as its search terms. In a large directory, words found in a big share of it ("support",
   * "team") are left out when the query has rarer words: they say little about which service fits, yet an entry that
   * repeats one in its name, kind and needs outscores entries with the word the question is about ("bereavment support").
   */
  private informativeWords(text: string): (readonly string[])[] {
    const words = tokenize(text).flatMap((word) => {
      const terms = queryTerms(word);
      return terms ? [terms] : [];
    });
    if (this.contacts.length < PRUNE_FROM_SIZE) return words;
    // A typo is in no entry, so it counts as rare.
    const frequency = (terms: readonly string[]) => Math.min(...terms.map((term) => this.vocabulary.get(term)?.ordinals.length ?? 0));
    const common = this.contacts.length * COMMON_SHARE;
    const informative = words.filter((terms) => frequency(terms) <= common);
    if (informative.length > 0) return informative;
    let rarest = words[0];
    if (rarest === undefined) return informative;
    for (const terms of words) if (frequency(terms) < frequency(rarest)) rarest = terms;
    return [rarest];
  }

  /** One query term: the word itself if the directory has it, else the words it may be a typo or the start of. */
  private addMatches(term: string, times: number, termNumber: number): void {
    const exact = this.vocabulary.get(term);
    if (exact) this.add(exact, times, termNumber);
    const fuzzy = this.tolerance.fuzzy(term);
    const fuzzyMatches = fuzzy === false ? undefined : this.vocabulary.fuzzyGet(term, fuzzy);
    if (this.tolerance.prefix(term)) {
      for (const [word, postings] of this.vocabulary.atPrefix(term)) {
        const distance = word.length - term.length;
        if (distance === 0) continue;
        // A word that is both a prefix and a fuzzy match counts as a prefix match, as in MiniSearch.
        fuzzyMatches?.delete(word);
        this.add(postings, (times * WEIGHTS.prefix * word.length) / (word.length + 0.3 * distance), termNumber);
      }
    }
    for (const [word, [postings, distance]] of fuzzyMatches ?? []) {
      if (distance === 0) continue;
      this.add(postings, (times * WEIGHTS.fuzzy * word.length) / (word.length + distance), termNumber);
    }
  }

  private add(postings: Postings, weight: number, termNumber: number): void {
    const { ordinals, scores } = postings;
    for (let i = 0; i < ordinals.length; i += 1) {
      const ordinal = at(ordinals, i, 'postings');
      const matched = at(this.matchedTerms, ordinal, 'matched terms');
      if (matched === 0) this.touched[this.touchedCount++] = ordinal;
      if (this.lastTerm[ordinal] !== termNumber) {
        this.lastTerm[ordinal] = termNumber;
        this.matchedTerms[ordinal] = matched + 1;
      }
      this.scores[ordinal] = at(this.scores, ordinal, 'query scores') + weight * at(scores, i, 'posting scores');
    }
  }

  /** The best `limit` touched contacts in the age range, kept in a small heap whose root is the weakest kept. */
  private best(age: AgeRange | undefined, limit: number): RankedContact[] {
    const capacity = Math.max(0, Math.min(Math.floor(limit), this.touchedCount));
    const heap = new TopK(capacity);
    for (let i = 0; i < this.touchedCount; i += 1) {
      const ordinal = at(this.touched, i, 'touched contacts');
      const contact = at(this.contacts, ordinal, 'contacts');
      if (age && (contact.ageMax < age.min || contact.ageMin > age.max)) continue;
      heap.offer(ordinal, at(this.scores, ordinal, 'query scores') * at(this.matchedTerms, ordinal, 'matched terms'));
    }
    return heap.drain().map(({ ordinal, score }) => ({ contact: at(this.contacts, ordinal, 'contacts'), score }));
  }

  private reset(): void {
    for (let i = 0; i < this.touchedCount; i += 1) {
      const ordinal = at(this.touched, i, 'touched contacts');
      this.scores[ordinal] = 0;
      this.matchedTerms[ordinal] = 0;
      this.lastTerm[ordinal] = -1;
    }
    this.touchedCount = 0;
  }

  /** The area's single point of access, for "no results" answers. */
  singlePointOfAccess(): Contact | undefined {
    return this.contacts.find((c) => c.kind === 'single-point-of-access');
  }
}

/** The `capacity` best (score, directory position) pairs seen: a higher score wins, then the earlier position. */
class TopK {
  private readonly ordinals: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.ordinals = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(ordinal: number, score: number): void {
    if (this.size < this.capacity) {
      this.ordinals[this.size] = ordinal;
      this.scores[this.size] = score;
      this.size += 1;
      this.siftUp(this.size - 1);
    } else if (this.capacity > 0 && this.beats(score, ordinal, 0)) {
      this.ordinals[0] = ordinal;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Everything kept, best first; empties the heap. */
  drain(): { ordinal: number; score: number }[] {
    const out = new Array<{ ordinal: number; score: number }>(this.size);
    while (this.size > 0) {
      out[this.size - 1] = { ordinal: this.ordinalAt(0), score: this.scoreAt(0) };
      this.size -= 1;
      this.move(this.size, 0);
      this.siftDown(0);
    }
    return out;
  }

  /** Whether (score, ordinal) ranks above the entry at `slot`. */
  private beats(score: number, ordinal: number, slot: number): boolean {
    const other = this.scoreAt(slot);
    return score > other || (score === other && ordinal < this.ordinalAt(slot));
  }

  private siftUp(slot: number): void {
    let child = slot;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.beats(this.scoreAt(parent), this.ordinalAt(parent), child)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(slot: number): void {
    let parent = slot;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let weakest = parent;
      if (left < this.size && this.beats(this.scoreAt(weakest), this.ordinalAt(weakest), left)) weakest = left;
      if (right < this.size && this.beats(this.scoreAt(weakest), this.ordinalAt(weakest), right)) weakest = right;
      if (weakest === parent) return;
      this.swap(parent, weakest);
      parent = weakest;
    }
  }

  private scoreAt(slot: number): number {
    return at(this.scores, slot, 'heap scores');
  }

  private ordinalAt(slot: number): number {
    return at(this.ordinals, slot, 'heap ordinals');
  }

  private move(from: number, to: number): void {
    this.ordinals[to] = this.ordinalAt(from);
    this.scores[to] = this.scoreAt(from);
  }

  private swap(a: number, b: number): void {
    const ordinal = this.ordinalAt(a);
    const score = this.scoreAt(a);
    this.move(b, a);
    this.ordinals[b] = ordinal;
    this.scores[b] = score;
  }
}

/** The text the naive baseline scans: everything searchable, lower-cased once. */
export function haystackOf(contact: Contact): string {
  return FIELDS.map((field) => field.text(contact)).join(' ').toLowerCase();
}

/** The naive approach the benchmark compares against: scan every entry; each query word must appear as a substring. */
export function linearScan(entries: readonly { contact: Contact; haystack: string }[], query: ContactQuery, limit: number): Contact[] {
  const words = query.text.split(/\s+/).filter((w) => w.length > 0);
  const found: Contact[] = [];
  for (const entry of entries) {
    if (words.every((w) => entry.haystack.includes(w))) found.push(entry.contact);
  }
  return found.slice(0, limit);
}
