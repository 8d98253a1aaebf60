// Text into comparable words for the risk detector: case, Unicode, look-alike letters, zero-width characters,
// contractions, text-speak and repeated letters, with the sentence, clause and contrast boundaries the rules need.

/** The most of one message that is read: the envelope's limit on activity text (bot/edge/envelope.ts). */
export const MAX_RISK_TEXT = 100_000;

const ZERO_WIDTH = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
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

/** Words in order, each with the sentence, contrast segment ("but", "however") and clause (commas) it sits in. */
export interface Words {
  readonly words: string[];
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
    const plain = base === 'won' ? 'will' : base === 'sha' ? 'shall' : base === 'ai' ? 'is' : base === 'ca' ? 'can' : base;
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
export function splitWords(input: string, canonical: (raw: string, offset: number) => readonly string[]): Words {
  const text = input.replace(SPACED_LETTERS, (run) => run.replace(/[ .*_-]/g, '')).replace(DOTTED_PAIR, '$1$2');

  const words: string[] = [];
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
  const pieces = NOT_PLAIN.test(text) ? PIECE : PLAIN_PIECE;
  pieces.lastIndex = 0;
  for (let m = pieces.exec(text); m !== null; m = pieces.exec(text)) {
    if (m[1] !== undefined) {
      for (const word of canonical(m[1], m.index)) {
        if (CONTRASTS.has(word)) {
          // "..., but ...": a contrast starts a new part of the sentence even straight after a comma.
          if (inSegment) g += 1;
          if (inClause) c += 1;
          inSegment = false;
          inClause = false;
          continue;
        }
        words.push(word);
        sentence.push(s);
        segment.push(g);
        clause.push(c);
        offset.push(m.index);
        inSegment = true;
        inClause = true;
      }
    } else if (m[3] !== undefined) {
      if (inSegment) {
        s += 1;
        g += 1;
      }
      if (inClause) c += 1;
      inSegment = false;
      inClause = false;
    } else if (inClause) {
      c += 1;
      inClause = false;
    }
  }
  return { words, sentence, segment, clause, offset };
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
