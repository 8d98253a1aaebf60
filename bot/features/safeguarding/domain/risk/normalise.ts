// Text into comparable words for the risk detector: case, Unicode, look-alike letters, zero-width characters,
// contractions, text-speak and repeated letters, with the sentence, clause and contrast boundaries the rules need.

/** The most of one message that is read: the envelope's limit on activity text (bot/edge/envelope.ts). */
export const MAX_RISK_TEXT = 100_000;

// eslint-disable-next-line no-misleading-character-class -- the class lists joiners and marks one by one, to strip each
const ZERO_WIDTH = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;
const PLAIN = /^[\x20-\x7e\n\r\t]*$/;

/** Cyrillic and Greek letters that look like Latin ones, as people use them to get past filters. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** Lower case, accents and look-alikes folded, zero-width and control characters gone, quotes and dashes plain. */
export function normaliseText(text: string): string {
  let t = text.length > MAX_RISK_TEXT ? text.slice(0, MAX_RISK_TEXT) : text;
  if (PLAIN.test(t)) return t.toLowerCase();
  t = t.replace(ZERO_WIDTH, '').replace(CONTROL, ' ');
  t = t.normalize('NFKC').toLowerCase();
  t = t.replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c);
  t = t.normalize('NFD').replace(/\p{M}+/gu, '');
  return t.replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"').replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** What the reader knows about one plain word: at least the word itself (the detector adds what it worked out once). */
export interface ReadWord {
  readonly word: string;
  /** Whether the word is a contrast ("but") that starts a new part of a sentence, when the reader already knows. */
  readonly contrast?: boolean;
}

/** How the reader turns one typed word into plain words. A reader that remembers typed words by `tokenHash` can be asked
 * first with the word's place in the text (`recall`), so that a word it has seen costs no copy of the text. */
export interface TokenReader<I extends ReadWord> {
  read(raw: string, offset: number): readonly I[];
  recall?(text: string, start: number, end: number, hash: number): readonly I[] | undefined;
}

/** The hash of a typed word as scanPlain works it out while it reads the word (FNV-1a, kept to 30 bits). */
export function tokenHash(raw: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < raw.length; i += 1) hash = Math.imul(hash ^ raw.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/** Whether a plain word is a contrast that starts a new part of a sentence ("but", "however"). */
export function isContrast(word: string): boolean {
  return CONTRASTS.has(word);
}

/** Words in order, each with the sentence, contrast segment ("but", "however") and clause (commas) it sits in. */
export interface Words<I extends ReadWord = ReadWord> {
  readonly words: string[];
  /** What the reader worked out about each word, remembered per word so that a message costs a look-up per typed word. */
  readonly info: I[];
  readonly sentence: number[];
  readonly segment: number[];
  readonly clause: number[];
  /** Offset in the normalised text where each word starts (fuzzy matching is bounded by it). */
  readonly offset: number[];
}

// A word (letters and digits, with inner apostrophes or leet characters), a run of sentence ends, or a clause break.
const PIECE = /([\p{L}\p{N}]+(?:['@$!][\p{L}\p{N}]+)*)|(\.{2,}|…)|([.!?;\n\r]+)|([,:()"/\\[\]]|\s-+\s)/gu;
/** The same for text that is plain ASCII (most messages): a byte-wise pattern runs several times quicker. */
const PLAIN_PIECE = /([a-z0-9]+(?:['@$!][a-z0-9]+)*)|(\.{2,})|([.!?;\n\r]+)|([,:()"/\\[\]]|\s-+\s)/g;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at \x00 on purpose
const NOT_PLAIN = /[^\x00-\x7f]/;
const CONTRASTS = new Set(['but', 'however', 'although', 'though', 'whereas', 'yet', 'except', 'unfortunately']);
const PRONOUNS_WITH_IS = new Set(['he', 'she', 'it', 'that', 'there', 'what', 'who', 'where', 'here', 'how', 'everyone', 'someone', 'somebody', 'nobody', 'noone', 'everything', 'something', 'nothing', 'this', 'one', 'life']);
const YEAR_GROUP = /^(?:y|yr|yrs|year)(\d{1,2})s?$/;
const AGE = /^(\d{1,2})(?:yo|yrs|yr|years?)$/;

/** Splits a contraction ("doesn't", "she'll", "mum's") into plain words; possessive 's is dropped. */
function uncontract(word: string): string[] {
  const at = word.indexOf("'");
  if (at < 0) return [word];
  if (word.endsWith("n't")) {
    const base = word.slice(0, -3);
    const plain = base === 'wo' || base === 'won' ? 'will' : base === 'sha' ? 'shall' : base === 'ai' ? 'is' : base === 'ca' ? 'can' : base;
    return [plain, 'not'];
  }
  const base = word.slice(0, at);
  switch (word.slice(at + 1)) {
    case 'll':
      return [base, 'will'];
    case 're':
      return [base, 'are'];
    case 've':
      return [base, 'have'];
    case 'm':
      return [base, 'am'];
    case 'd':
      return [base, 'would'];
    case 's':
      return PRONOUNS_WITH_IS.has(base) ? [base, 'is'] : [base];
    default:
      return [word.replace(/'/g, '')];
  }
}

/** The plain words a typed word stands for: contractions, text-speak (from the data), year groups and ages. */
export function wordsFor(raw: string, replacements: ReadonlyMap<string, readonly string[]>): readonly string[] {
  const whole = replacements.get(raw);
  if (whole) return whole;
  const out: string[] = [];
  for (const part of uncontract(raw)) {
    const replaced = replacements.get(part);
    if (replaced) {
      out.push(...replaced);
      continue;
    }
    const year = YEAR_GROUP.exec(part);
    if (year) {
      out.push('year', year[1] as string);
      continue;
    }
    const age = AGE.exec(part);
    if (age) {
      out.push(age[1] as string, 'year', 'old');
      continue;
    }
    out.push(part);
  }
  return out;
}

// "s u i c i d e", "k.m.s", "s-h-i-t": three or more single letters with a space, dot, dash or star between are one word;
// and the two-letter shorthands "o.d" and "s/h" (overdose, self-harm).
const SPACED_LETTERS = /\b(?:[a-z][ .*_-]){2,}[a-z]\b/g;
const DOTTED_PAIR = /\b([os])[./-]([dh])\b/g;

/** Splits normalised text into words with their boundaries; `canonical` turns one typed word into plain words. */
export function splitWords<I extends ReadWord>(input: string, canonical: ((raw: string, offset: number) => readonly I[]) | TokenReader<I>): Words<I> {
  return splitWordsBy(input, canonical, false);
}

/**
 * The same, choosing how the text is cut: plain ASCII text (most messages) by a scanner over character codes, any other
 * text by the PIECE pattern; `byPattern` forces the pattern (a test checks that both read plain text alike).
 */
export function splitWordsBy<I extends ReadWord>(input: string, reader: ((raw: string, offset: number) => readonly I[]) | TokenReader<I>, byPattern: boolean): Words<I> {
  const { read: canonical, recall } = typeof reader === 'function' ? { read: reader, recall: undefined } : { read: (raw: string, offset: number) => reader.read(raw, offset), recall: reader.recall?.bind(reader) };
  const text = input.replace(SPACED_LETTERS, (run) => run.replace(/[ .*_-]/g, '')).replace(DOTTED_PAIR, '$1$2');

  const words: string[] = [];
  const info: I[] = [];
  const sentence: number[] = [];
  const segment: number[] = [];
  const clause: number[] = [];
  const offset: number[] = [];
  let s = 0;
  let g = 0;
  let c = 0;
  // Whether anything was written since the last sentence or segment boundary, and since the last clause boundary.
  let inSegment = false;
  let inClause = false;
  const place = (items: readonly I[], index: number): void => {
    for (const item of items) {
      const plain = item.word;
      if (item.contrast ?? CONTRASTS.has(plain)) {
        // "..., but ...": a contrast starts a new part of the sentence even straight after a comma.
        if (inSegment) g += 1;
        if (inClause) c += 1;
        inSegment = false;
        inClause = false;
        continue;
      }
      words.push(plain);
      info.push(item);
      sentence.push(s);
      segment.push(g);
      clause.push(c);
      offset.push(index);
      inSegment = true;
      inClause = true;
    }
  };
  const word = (raw: string, index: number): void => place(canonical(raw, index), index);
  const wordAt = (start: number, end: number, hash: number): void => place(recall?.(text, start, end, hash) ?? canonical(text.slice(start, end), start), start);
  const sentenceEnd = (): void => {
    if (inSegment) {
      s += 1;
      g += 1;
    }
    if (inClause) c += 1;
    inSegment = false;
    inClause = false;
  };
  const clauseBreak = (): void => {
    if (inClause) {
      c += 1;
      inClause = false;
    }
  };
  if (!byPattern && !NOT_PLAIN.test(text)) scanPlain(text, wordAt, sentenceEnd, clauseBreak);
  else {
    const pieces = NOT_PLAIN.test(text) ? PIECE : PLAIN_PIECE;
    pieces.lastIndex = 0;
    for (let m = pieces.exec(text); m !== null; m = pieces.exec(text)) {
      if (m[1] !== undefined) word(m[1], m.index);
      else if (m[3] !== undefined) sentenceEnd();
      else clauseBreak();
    }
  }
  return { words, info, sentence, segment, clause, offset };
}

// Character classes of PLAIN_PIECE, by code: word letters and digits, the joiners inside a word ("k!ll", "mum's"),
// sentence ends, clause marks, and white space (\s in ASCII).
const WORD = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') WORD[ch.charCodeAt(0)] = 1;
const JOINER = new Uint8Array(128);
for (const ch of "'@$!") JOINER[ch.charCodeAt(0)] = 1;
const SENTENCE_END = new Uint8Array(128);
for (const ch of '.!?;\n\r') SENTENCE_END[ch.charCodeAt(0)] = 1;
const CLAUSE_MARK = new Uint8Array(128);
for (const ch of ',:()"/\\[]') CLAUSE_MARK[ch.charCodeAt(0)] = 1;
const SPACE = new Uint8Array(128);
for (const ch of ' \t\n\v\f\r') SPACE[ch.charCodeAt(0)] = 1;
const DOT = 46;
const DASH = 45;

/** PLAIN_PIECE's reading of plain ASCII text, by a scan of character codes: no pattern run and no match arrays per word. */
function scanPlain(text: string, word: (start: number, end: number, hash: number) => void, sentenceEnd: () => void, clauseBreak: () => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (WORD[code]) {
      const start = i;
      // The word's hash (tokenHash) as it is read, so a remembered word is found without copying it out of the text.
      let hash = Math.imul(0x811c9dc5 ^ code, 0x01000193);
      i += 1;
      for (let c = text.charCodeAt(i); i < n && WORD[c]; c = text.charCodeAt(++i)) hash = Math.imul(hash ^ c, 0x01000193);
      while (i + 1 < n && JOINER[text.charCodeAt(i)] && WORD[text.charCodeAt(i + 1)]) {
        hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
        i += 1;
        for (let c = text.charCodeAt(i); i < n && WORD[c]; c = text.charCodeAt(++i)) hash = Math.imul(hash ^ c, 0x01000193);
      }
      word(start, i, hash & 0x3fffffff);
    } else if (code === DOT && i + 1 < n && text.charCodeAt(i + 1) === DOT) {
      // Two dots or more are a pause ("..."), not a full stop: a clause break.
      i += 2;
      while (i < n && text.charCodeAt(i) === DOT) i += 1;
      clauseBreak();
    } else if (SENTENCE_END[code]) {
      i += 1;
      while (i < n && SENTENCE_END[text.charCodeAt(i)]) i += 1;
      sentenceEnd();
    } else if (CLAUSE_MARK[code]) {
      i += 1;
      clauseBreak();
    } else if (SPACE[code] && i + 2 < n && text.charCodeAt(i + 1) === DASH) {
      // " - " (white space, dashes, white space) is a clause break; anything else here is skipped.
      let j = i + 2;
      while (j < n && text.charCodeAt(j) === DASH) j += 1;
      if (j < n && SPACE[text.charCodeAt(j)]) {
        i = j + 1;
        clauseBreak();
      } else i += 1;
    } else i += 1;
  }
}

/** Runs of three or more of a letter: "sooo", "diiie". */
export const REPEATED = /(.)\1{2,}/;

/** The spellings a word with long runs of one letter may stand for: runs cut to two letters, and to one. */
export function unrepeated(word: string): [string, string] {
  return [word.replace(/(.)\1{2,}/g, '$1$1'), word.replace(/(.)\1{2,}/g, '$1')];
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** "su1c1de", "k!ll": digits and symbols read as the letters they stand in for; undefined when nothing changes. */
export function unleet(word: string): string | undefined {
  if (!/[a-z]/.test(word) || !/[013457@$!]/.test(word)) return undefined;
  return word.replace(/[013457@$!]/g, (c) => LEET[c] ?? c);
}
