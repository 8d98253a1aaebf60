// Searching an area's directory: the query is read for an age and an area, then ranked with MiniSearch (fuzzy, prefix, synonyms).
import MiniSearch from 'minisearch';
import { KIND_LABELS, type Contact } from './contacts';
import { indexTerm, stem, tokenize, typoTolerance } from './searchText';

export { stem };

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

/** Reads "14 year old", "aged 14", "14yo", "year 9" (school year) and "11-16" out of the query. */
export function readQuery(raw: string, areas: readonly AreaName[] = []): ContactQuery {
  let text = ` ${raw.toLowerCase().replace(/[’']/g, '\'')} `;
  let age: AgeRange | undefined;
  const patterns: [RegExp, (m: RegExpExecArray) => AgeRange][] = [
    [/\b(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\s*(?:years?|yrs?)?(?:\s*-?\s*olds?)?\b/, (m) => ({ min: Number(m[1]), max: Number(m[2]) })],
    [/\b(\d{1,2})\s*-?\s*(?:years?|yrs?)\s*-?\s*olds?\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
    [/\b(\d{1,2})\s*(?:yo|y\/o)\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
    [/\baged?\s+(\d{1,2})\b/, (m) => ({ min: Number(m[1]), max: Number(m[1]) })],
    // English school years: Year 7 pupils are 11 to 12, so Year N is N+4 to N+5.
    [/\b(?:year|yr|y)\s*(\d{1,2})\b/, (m) => ({ min: Number(m[1]) + 4, max: Number(m[1]) + 5 })],
  ];
  for (const [pattern, toAge] of patterns) {
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

/** An in-memory index over one area's directory; build once per directory version and reuse. */
/** Only large directories drop common words: below this size every word is cheap to search and may matter for ranking. */
const PRUNE_FROM_SIZE = 500;
/** A word in more than this share of a large directory says little (BM25 gives it almost no weight) but costs the most. */
const COMMON_SHARE = 0.2;

export class ContactIndex {
  private readonly search: MiniSearch<{ id: string }>;
  /** How many contacts each indexed term appears in. */
  private readonly documentFrequency = new Map<string, number>();
  private readonly byId: Map<string, Contact>;
  /** Every indexed term: a query word found here is spelt right, so it skips the (costly) fuzzy and prefix matching. */
  private readonly vocabulary = new Set<string>();

  constructor(readonly contacts: readonly Contact[]) {
    this.byId = new Map(contacts.map((c) => [c.id, c]));
    const known = (term: string) => this.vocabulary.has(term);
    this.search = new MiniSearch<{ id: string }>({
      // What a service is and whom it helps. "Who can refer" and "how to refer" are left out: nearly every entry says
      // "school" or "form" there, which would match everything and slow every search.
      fields: ['serviceName', 'kindLabel', 'needs', 'notes'],
      extractField: (document, field) => {
        const contact = this.byId.get(document.id);
        if (!contact) return '';
        if (field === 'id') return contact.id;
        if (field === 'kindLabel') return KIND_LABELS[contact.kind];
        if (field === 'needs') return contact.needs.join(' ');
        return String(contact[field as keyof Contact] ?? '');
      },
      processTerm: indexTerm(this.vocabulary),
      searchOptions: {
        processTerm: queryTerms,
        boost: { kindLabel: 3, needs: 3, serviceName: 2, notes: 0.5 },
        ...typoTolerance(known),
        combineWith: 'OR',
      },
    });
    this.search.addAll(contacts.map((c) => ({ id: c.id })));
    for (const contact of contacts) {
      const terms = new Set(tokenize(`${contact.serviceName} ${KIND_LABELS[contact.kind]} ${contact.needs.join(' ')} ${contact.notes}`).map((t) => stem(t.toLowerCase())));
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  /**
   * In a large directory, words found in a big share of it ("support", "team") are left out when the query has rarer
   * words: they hardly change the ranking but make every search score thousands of entries.
   */
  private informativeText(text: string): string {
    if (this.contacts.length < PRUNE_FROM_SIZE) return text;
    const common = this.contacts.length * COMMON_SHARE;
    const rated = tokenize(text)
      .filter((token) => token.length > 0)
      .map((token) => ({ token, frequency: Math.min(...(queryTerms(token) ?? ['']).map((term) => this.documentFrequency.get(term) ?? 0)) }))
      .filter((rated) => queryTerms(rated.token) !== null);
    const informative = rated.filter((r) => r.frequency <= common);
    if (informative.length > 0) return informative.map((r) => r.token).join(' ');
    const rarest = [...rated].sort((a, b) => a.frequency - b.frequency)[0];
    return rarest ? rarest.token : text;
  }

  /** Best matches first; contacts whose age range does not cover the asked age are left out. */
  find(query: ContactQuery, limit: number): RankedContact[] {
    if (query.text.length === 0) return [];
    const ranked: RankedContact[] = [];
    for (const hit of this.search.search(this.informativeText(query.text))) {
      const contact = this.byId.get(String(hit.id));
      if (!contact) continue;
      if (query.age && (contact.ageMax < query.age.min || contact.ageMin > query.age.max)) continue;
      ranked.push({ contact, score: hit.score });
      if (ranked.length >= limit) break;
    }
    return ranked;
  }

  /** The area's single point of access, for "no results" answers. */
  singlePointOfAccess(): Contact | undefined {
    return this.contacts.find((c) => c.kind === 'single-point-of-access');
  }
}

/** The text the naive baseline scans: everything searchable, lower-cased once. */
export function haystackOf(contact: Contact): string {
  return `${contact.serviceName} ${KIND_LABELS[contact.kind]} ${contact.needs.join(' ')} ${contact.notes}`.toLowerCase();
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
