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

/** A word set: its members when it is a list (each member carries the set among its trie keys), or a test. */
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

/** A trie node while phrases are added: children by interned id (a word, a prefix "overdos*" or a set "{pronoun}"), a
 * wildcard child, and the concepts whose phrases end here. Matching uses the packed form (PackedTrie) made from it. */
class TrieNode {
  next?: Map<number, TrieNode>;
  anyWord?: TrieNode;
  ends?: number[];

  child(id: number): TrieNode {
    this.next ??= new Map();
    let node = this.next.get(id);
    if (!node) this.next.set(id, (node = new TrieNode()));
    return node;
  }
}

/**
 * The trie packed into two typed arrays, nodes numbered breadth first (the root is 0): per node what it ends, its
 * wildcard child and, when it has one child only (most nodes deep in a phrase), that child; the other children by
 * (node, key) in an open-addressing table. Walking objects and Maps spread over the heap was mostly waiting on memory;
 * these few hundred kilobytes, each node's fields side by side, stay in the processor's cache.
 */
interface PackedTrie {
  /** NODE_FIELDS numbers per node (the offsets below). */
  readonly nodes: Int32Array;
  /** The concepts ending at node n are endConcepts[ENDS_FROM] up to endConcepts[ENDS_TO]. */
  readonly endConcepts: Int32Array;
  /** Slot i is edges[3i..3i+2]: the parent node + 1 (0 for an empty slot), the key, the child. */
  readonly edges: Int32Array;
  readonly mask: number;
}

const NODE_FIELDS = 5;
const ENDS_FROM = 0;
const ENDS_TO = 1;
/** The wildcard child, 0 for none (the root is nobody's child). */
const ANY_CHILD = 2;
/** The key of the only child, NO_CHILDREN, or SEVERAL_CHILDREN (then look in the edge table). */
const ONLY_KEY = 3;
const ONLY_CHILD = 4;
const NO_CHILDREN = -1;
const SEVERAL_CHILDREN = -2;

function edgeSlot(node: number, key: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(key + 1, 0x85ebca77)) & mask;
}

/** The child of `node` by `key` in the edge table, or 0 when there is none. */
function childOf(trie: PackedTrie, node: number, key: number): number {
  const { edges, mask } = trie;
  for (let slot = edgeSlot(node, key, mask); ; slot = (slot + 1) & mask) {
    const stored = edges[slot * 3] as number;
    if (stored === 0) return 0;
    if (stored === node + 1 && edges[slot * 3 + 1] === key) return edges[slot * 3 + 2] as number;
  }
}

function pack(root: TrieNode): PackedTrie {
  const order: TrieNode[] = [root];
  const index = new Map<TrieNode, number>([[root, 0]]);
  let edgeCount = 0;
  for (let i = 0; i < order.length; i += 1) {
    const node = order[i] as TrieNode;
    edgeCount += node.next?.size ?? 0;
    for (const child of [...(node.next?.values() ?? []), ...(node.anyWord ? [node.anyWord] : [])]) {
      index.set(child, order.length);
      order.push(child);
    }
  }
  let capacity = 16;
  while (capacity < edgeCount * 2) capacity *= 2;
  const mask = capacity - 1;
  const nodes = new Int32Array(order.length * NODE_FIELDS);
  const endConcepts = new Int32Array(order.reduce((sum, n) => sum + (n.ends?.length ?? 0), 0));
  const edges = new Int32Array(capacity * 3);
  let ended = 0;
  order.forEach((node, n) => {
    const at = n * NODE_FIELDS;
    nodes[at + ENDS_FROM] = ended;
    for (const concept of node.ends ?? []) endConcepts[ended++] = concept;
    nodes[at + ENDS_TO] = ended;
    nodes[at + ANY_CHILD] = node.anyWord ? (index.get(node.anyWord) as number) : 0;
    nodes[at + ONLY_KEY] = !node.next || node.next.size === 0 ? NO_CHILDREN : node.next.size > 1 ? SEVERAL_CHILDREN : ([...node.next.keys()][0] as number);
    for (const [key, child] of node.next ?? []) {
      if (node.next?.size === 1) nodes[at + ONLY_CHILD] = index.get(child) as number;
      let slot = edgeSlot(n, key, mask);
      while (edges[slot * 3] !== 0) slot = (slot + 1) & mask;
      edges[slot * 3] = n + 1;
      edges[slot * 3 + 1] = key;
      edges[slot * 3 + 2] = index.get(child) as number;
    }
  });
  return { nodes, endConcepts, edges, mask };
}

/** Where a phrase of a concept matched: word positions `start`..`end` inclusive. */
export interface PhraseMatch {
  readonly concept: number;
  readonly start: number;
  readonly end: number;
}

const NO_KEYS: readonly number[] = Object.freeze([]);
const NO_NODES: readonly number[] = Object.freeze([]);

/** A message word as the trie sees it: its keys (keysFor) and the nodes (numbers in the packed trie) they lead to from
 * the root (startsFor). */
export interface TrieWord {
  readonly keys: readonly number[];
  readonly starts: readonly number[];
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
  /** Listed sets some phrase uses, and for each of their members the ids of those sets. */
  private readonly listed = new Set<string>();
  private readonly setsOf = new Map<string, number[]>();
  /** True while every tested set is one of the built-in number sets, which only a word starting with a digit can be in. */
  digitsOnly = true;

  constructor(private readonly sets: ReadonlyMap<string, WordSet>) {}

  private intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  add(branch: readonly Slot[], concept: number): void {
    this.packedTrie = undefined;
    this.insert(this.root, branch, 0, concept);
  }

  /** The packed form, made once every phrase has been added (the first time a word or a message is looked at). */
  private packedTrie: PackedTrie | undefined;
  private get packed(): PackedTrie {
    return (this.packedTrie ??= pack(this.root));
  }
  /** Nodes still to visit in matchAll, as (node, position) pairs: reused from message to message. */
  private stack = new Int32Array(256);

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
        const id = this.intern(`{${slot.name}}`);
        if (members) {
          // A listed set is one child under its own name, and each of its members carries the set's id among its keys
          // (keysFor). Spelled out member by member, phrases with two or three sets made a trie of 380,000 nodes whose
          // walk was mostly waiting on memory; this way it is a few thousand.
          if (!this.listed.has(slot.name)) {
            this.listed.add(slot.name);
            for (const member of members) {
              const ids = this.setsOf.get(member);
              if (!ids) this.setsOf.set(member, [id]);
              else if (!ids.includes(id)) ids.push(id);
            }
          }
        } else if (!this.tested.includes(slot.name)) {
          // A tested set ({number}) is a child under its own name too; each word is tested against such sets once.
          this.tested.push(slot.name);
        }
        this.insert(node.child(id), branch, index + 1, concept);
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
   * The ids a word can follow in the trie: itself, each set it belongs to, each prefix it starts with. Work it out
   * once per word (the detector remembers it with the word) and after every phrase has been added.
   */
  keysFor(word: string): readonly number[] {
    const keys: number[] = [];
    const own = this.ids.get(word);
    if (own !== undefined) keys.push(own);
    const sets = this.setsOf.get(word);
    if (sets) keys.push(...sets);
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
  startsFor(keys: readonly number[]): readonly number[] {
    const starts: number[] = [];
    for (const key of keys) {
      const child = childOf(this.packed, 0, key);
      if (child !== 0) starts.push(child);
    }
    return starts.length === 0 ? NO_NODES : starts;
  }

  /** Every phrase match that starts and ends inside one segment: `words[i]` keys and starts from keysFor and startsFor. */
  matchAll(words: readonly TrieWord[], segment: readonly number[]): PhraseMatch[] {
    // The same match may be found along two paths (through a wildcard and a word); that repeats it harmlessly.
    const out: PhraseMatch[] = [];
    const trie = this.packed;
    const { nodes, endConcepts } = trie;
    let stack = this.stack;
    // Depth first, in the order a recursive walk would take: each node's ends, then its children in the order of the next
    // word's keys, then its wildcard child (pushed in reverse, so they come off the stack in that order).
    for (let start = 0; start < words.length; start += 1) {
      const starts = (words[start] as TrieWord).starts;
      const unit = segment[start];
      for (let s = 0; s < starts.length; s += 1) {
        let top = 0;
        stack[top++] = starts[s] as number;
        stack[top++] = start + 1;
        while (top > 0) {
          const position = stack[--top] as number;
          const node = stack[--top] as number;
          const at = node * NODE_FIELDS;
          for (let e = nodes[at + ENDS_FROM] as number, last = nodes[at + ENDS_TO] as number; e < last; e += 1) out.push({ concept: endConcepts[e] as number, start, end: position - 1 });
          if (position >= words.length || segment[position] !== unit) continue;
          const keys = (words[position] as TrieWord).keys;
          if (top + 2 * keys.length + 2 > stack.length) {
            const grown = new Int32Array(stack.length * 2 + 2 * keys.length);
            grown.set(stack);
            this.stack = stack = grown;
          }
          const anyWordChild = nodes[at + ANY_CHILD] as number;
          if (anyWordChild !== 0) {
            stack[top++] = anyWordChild;
            stack[top++] = position + 1;
          }
          const only = nodes[at + ONLY_KEY] as number;
          if (only === NO_CHILDREN) continue;
          for (let k = keys.length - 1; k >= 0; k -= 1) {
            const key = keys[k] as number;
            const child = only === SEVERAL_CHILDREN ? childOf(trie, node, key) : key === only ? (nodes[at + ONLY_CHILD] as number) : 0;
            if (child !== 0) {
              stack[top++] = child;
              stack[top++] = position + 1;
            }
          }
        }
      }
    }
    return out;
  }
}
