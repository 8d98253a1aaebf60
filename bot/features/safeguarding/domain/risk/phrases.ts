// Lexicon phrases compiled into one word trie, and matching it over a message's words.
//
// Phrase syntax (README, "How the risk detector works"): words separated by spaces; `a|b` either word; `word*` any
// word starting so ("overdos*"); `{set}` any word of a set in word-sets.json ({many}: a number of five or more,
// {number}: any number); `*` any one word; `?` after a slot makes it optional; `...` up to three words of any kind.

export type WordTest = (word: string) => boolean;


type Slot = { t: 'word'; word: string } | { t: 'prefix'; prefix: string } | { t: 'set'; name: string } | { t: 'any' };

export interface PhraseContext {
  /** Plain words for one typed word, the same way a message's words are read. */
  readonly canonical: (raw: string) => readonly string[];
  readonly sets: ReadonlyMap<string, WordSet>;
}

/** A word set: its members when it is a list (spelled out in the trie, so matching is one look-up), or a test. */
export interface WordSet {
  readonly members?: ReadonlySet<string>;
  readonly test: WordTest;
}

/** Most ways one phrase may be read once its options are spelled out: keeps a slip in the data from building a huge trie. */
const MAX_BRANCHES = 512;
const GAP = 3;

/** All the word sequences a phrase stands for; throws an Error whose message says what is wrong with it. */
export function expandPhrase(phrase: string, context: PhraseContext): Slot[][] {
  let branches: Slot[][] = [[]];
  const raw = phrase.trim().split(/\s+/);
  for (const piece of raw) {
    let options: Slot[][];
    if (piece === '...') {
      options = Array.from({ length: GAP + 1 }, (_, n) => Array.from({ length: n }, (): Slot => ({ t: 'any' })));
    } else {
      const optional = piece.length > 1 && piece.endsWith('?');
      const body = optional ? piece.slice(0, -1) : piece;
      options = slotOptions(body, context);
      if (optional) options = [[], ...options];
    }
    const next: Slot[][] = [];
    for (const branch of branches) for (const option of options) next.push([...branch, ...option]);
    if (next.length > MAX_BRANCHES) throw new Error(`it can be read more than ${MAX_BRANCHES} ways; split it into simpler phrases`);
    branches = next;
  }
  for (const branch of branches) {
    if (branch.length === 0) throw new Error('every word in it is optional; make at least one word required');
    if (branch[0]?.t === 'any') throw new Error('it starts with a wildcard (* or ...); start it with a word');
  }
  return branches;
}

function slotOptions(body: string, context: PhraseContext): Slot[][] {
  if (body === '*') return [[{ t: 'any' }]];
  const set = /^\{([a-z][a-z0-9-]*)\}$/.exec(body);
  if (set) {
    const name = set[1] as string;
    if (!context.sets.has(name)) throw new Error(`the word set {${name}} does not exist (known: ${[...context.sets.keys()].sort().map((s) => `{${s}}`).join(', ')})`);
    return [[{ t: 'set', name }]];
  }
  if (/[{}]/.test(body)) throw new Error(`"${body}" is not a word set: write {name} with a set from word-sets.json`);
  return body.split('|').map((alternative) => {
    if (alternative.length === 0) throw new Error(`"${body}" has an empty choice between | signs`);
    if (alternative.endsWith('*')) {
      const words = context.canonical(alternative.slice(0, -1));
      const prefix = words[0];
      if (words.length !== 1 || !prefix || prefix.length < 3) throw new Error(`"${alternative}": a word ending in * needs at least three letters before the * and no spaces`);
      return [{ t: 'prefix', prefix }];
    }
    if (/[*?]/.test(alternative)) throw new Error(`"${alternative}": * and ? go at the end of a word or choice`);
    const words = context.canonical(alternative);
    if (words.length === 0) throw new Error(`"${alternative}" has no letters or digits`);
    return words.map((word): Slot => ({ t: 'word', word }));
  });
}

/** A trie node: children by interned id (a word, a prefix "overdos*" or a tested set "{number}"), a wildcard child, and
 * the concepts whose phrases end here. */
export class TrieNode {
  next?: Map<number, TrieNode>;
  anyWord?: TrieNode;
  ends?: number[];
  /** When the node has exactly one child (most nodes deep in a phrase): its id and node, compared without a Map look-up. */
  onlyKey = -1;
  onlyChild?: TrieNode;

  /** Works out onlyKey and onlyChild for this node and those below it, once the trie is built. */
  seal(): void {
    this.onlyKey = -1;
    this.onlyChild = undefined;
    if (this.next?.size === 1) {
      for (const [key, child] of this.next) {
        this.onlyKey = key;
        this.onlyChild = child;
      }
    }
    if (this.next) for (const child of this.next.values()) child.seal();
    this.anyWord?.seal();
  }

  child(id: number): TrieNode {
    this.next ??= new Map();
    let node = this.next.get(id);
    if (!node) this.next.set(id, (node = new TrieNode()));
    return node;
  }
}

/** Where a phrase of a concept matched: word positions `start`..`end` inclusive. */
export interface PhraseMatch {
  readonly concept: number;
  readonly start: number;
  readonly end: number;
}

const NO_KEYS: readonly number[] = Object.freeze([]);
const NO_NODES: readonly TrieNode[] = Object.freeze([]);

/** A message word as the trie sees it: its keys (keysFor) and the nodes they lead to from the root (startsFor). */
export interface TrieWord {
  readonly keys: readonly number[];
  readonly starts: readonly TrieNode[];
}

export class PhraseTrie {
  private readonly root = new TrieNode();
  /** Every literal word and prefix in any phrase: a word found here is known and never corrected as a typo. */
  readonly literalWords = new Set<string>();
  readonly prefixes = new Set<string>();

  /** Words, prefixes ("overdos*") and tested sets ("{number}") interned once: the trie is walked on numbers. */
  private readonly ids = new Map<string, number>();
  private prefixLengths: number[] = [];
  /** Sets without a member list, tested word by word: {number}, {many}, {year}. */
  private readonly tested: string[] = [];
  /** True while every tested set is one of the built-in number sets, which only a word starting with a digit can be in. */
  digitsOnly = true;

  constructor(private readonly sets: ReadonlyMap<string, WordSet>) {}

  private intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  add(branch: readonly Slot[], concept: number): void {
    this.sealed = false;
    this.insert(this.root, branch, 0, concept);
  }

  private sealed = false;

  private insert(node: TrieNode, branch: readonly Slot[], index: number, concept: number): void {
    const slot = branch[index];
    if (!slot) {
      node.ends ??= [];
      if (!node.ends.includes(concept)) node.ends.push(concept);
      return;
    }
    switch (slot.t) {
      case 'word':
        this.literalWords.add(slot.word);
        this.insert(node.child(this.intern(slot.word)), branch, index + 1, concept);
        return;
      case 'set': {
        const members = this.sets.get(slot.name)?.members;
        if (members) {
          // A listed set is spelled out, word by word: one look-up per word when matching instead of a test per set.
          for (const member of members) this.insert(node.child(this.intern(member)), branch, index + 1, concept);
          return;
        }
        // A tested set ({number}) is a child under its own name; each word is tested against such sets once.
        if (!this.tested.includes(slot.name)) this.tested.push(slot.name);
        this.insert(node.child(this.intern(`{${slot.name}}`)), branch, index + 1, concept);
        return;
      }
      case 'prefix':
        if (!this.prefixes.has(slot.prefix)) {
          this.prefixes.add(slot.prefix);
          this.prefixLengths = [...new Set([...this.prefixLengths, slot.prefix.length])].sort((a, b) => a - b);
        }
        this.insert(node.child(this.intern(`${slot.prefix}*`)), branch, index + 1, concept);
        return;
      case 'any':
        this.insert((node.anyWord ??= new TrieNode()), branch, index + 1, concept);
        return;
    }
  }

  /** True when the word starts with a prefix of some phrase ("overdosing" for "overdos*"). */
  hasPrefixOf(word: string): boolean {
    for (const length of this.prefixLengths) {
      if (length > word.length) return false;
      if (this.prefixes.has(word.slice(0, length))) return true;
    }
    return false;
  }

  /**
   * The ids a word can follow in the trie: itself, each tested set it belongs to, each prefix it starts with. Work it out
   * once per word (the detector remembers it with the word) and after every phrase has been added.
   */
  keysFor(word: string): readonly number[] {
    const keys: number[] = [];
    const own = this.ids.get(word);
    if (own !== undefined) keys.push(own);
    // Only numbers belong to the tested sets today; a word that does not start with a digit is not tested at all.
    const code = word.charCodeAt(0);
    if (!this.digitsOnly || (code >= 48 && code <= 57)) {
      for (const name of this.tested) if ((this.sets.get(name) as WordSet).test(word)) keys.push(this.ids.get(`{${name}}`) as number);
    }
    for (const length of this.prefixLengths) {
      if (length > word.length) break;
      const id = this.ids.get(`${word.slice(0, length)}*`);
      if (id !== undefined) keys.push(id);
    }
    return keys.length === 0 ? NO_KEYS : keys;
  }

  /** The nodes a word's keys lead to from the root: where the phrases it can start begin (remember them with the word). */
  startsFor(keys: readonly number[]): readonly TrieNode[] {
    const starts: TrieNode[] = [];
    for (const key of keys) {
      const child = this.root.next?.get(key);
      if (child) starts.push(child);
    }
    return starts.length === 0 ? NO_NODES : starts;
  }

  /** Every phrase match that starts and ends inside one segment: `words[i]` keys and starts from keysFor and startsFor. */
  matchAll(words: readonly TrieWord[], segment: readonly number[]): PhraseMatch[] {
    // The same match may be found along two paths (through a wildcard and a word); that repeats it harmlessly.
    const out: PhraseMatch[] = [];
    if (!this.sealed) {
      this.root.seal();
      this.sealed = true;
    }
    const walk = (node: TrieNode, position: number, start: number): void => {
      if (node.ends) for (const concept of node.ends) out.push({ concept, start, end: position - 1 });
      if (position >= words.length || segment[position] !== segment[start]) return;
      const only = node.onlyChild;
      const next = node.next;
      if (only) {
        const keys = (words[position] as TrieWord).keys;
        for (let k = 0; k < keys.length; k += 1) if (keys[k] === node.onlyKey) walk(only, position + 1, start);
      } else if (next) {
        for (const key of (words[position] as TrieWord).keys) {
          const child = next.get(key);
          if (child) walk(child, position + 1, start);
        }
      }
      if (node.anyWord) walk(node.anyWord, position + 1, start);
    };
    // Phrases never start with a wildcard, so a word with no child at the root starts nothing.
    for (let i = 0; i < words.length; i += 1) for (const start of (words[i] as TrieWord).starts) walk(start, i + 1, i);
    return out;
  }
}
