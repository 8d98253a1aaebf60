// The risk detector: does a message suggest someone may be at risk now? Pure and deterministic; built once from the
// lexicons, then one call per message. It answers with concept and rule names, never with any of the text.
import {
  RiskLexiconError,
  WORD_SETS_FILE,
  TEXT_SPEAK_FILE,
  type ConceptEffect,
  type RiskKind,
  type RiskLexicons,
  type RiskStrength,
  type RuleEntry,
} from './lexicons';
import { isContrast, normaliseText, REPEATED, splitWords, tokenHash, unleet, unrepeated, wordsFor, type Words } from './normalise';
import { expandPhrase, PhraseTrie, type PhraseMatch, type TrieWord, type WordSet } from './phrases';
import SearchableMap from 'minisearch/SearchableMap';
import { conceptFeatureHash, MODEL_CONCEPT, ModelScorer, modelFeatures, modelProbability, wordFeatureHash, type ModelInput } from './model';
import { MIN_TYPO_LENGTH, TypoResolver } from './typos';

export interface RiskAssessment {
  readonly risk: boolean;
  /** Names of the risk concepts and rules that matched, sorted: for the audit log and tests. Never any text. */
  readonly concepts: readonly string[];
  readonly kinds: readonly RiskKind[];
}

export type RiskDetector = (text: string) => RiskAssessment;

/** Typos are corrected everywhere in the first this many characters (the longest command, bot/dispatch.ts)... */
export const FULL_TYPO_CHARACTERS = 4_000;
/** ...and for at most this many more words after that, so a pasted essay or binary junk is read in bounded time. */
const LATER_TYPO_BUDGET = 2_000;
/** Most distinct typed words whose reading a detector remembers; past it the memory starts again (answers do not change). */
const READING_CACHE_LIMIT = 50_000;
/** Slots of the table those readings are kept in: a power of two, more than twice the limit, so probes stay short. */
const READING_SLOTS = 1 << 17;
const READING_MASK = READING_SLOTS - 1;
/** Two words are read as one key word only when it is at least this long ("over dose", "para cetamol"; not "i ran"). */
const MIN_JOINED_LENGTH = 6;
/** A clause of at most this many words holding a risk word is a label ("Self-harm", "Suicidal ideation") in a list. */
const LABEL_WORDS = 3;
/** How many plain words at most may lie between a negation and what it negates ("no current signs of"). */
const NEGATION_REACH = 4;
/** Suffixes a compound may carry when typed as one word ("selfharming"). */
const COMPOUND_SUFFIXES = ['', 's', 'ed', 'ing', 'er', 'ers'];

const NO_RISK: RiskAssessment = Object.freeze({ risk: false, concepts: Object.freeze([]), kinds: Object.freeze([]) });
/** The model alone found the message like the labelled risk messages: named so, with no kind (the rules name kinds). */
const MODEL_RISK: RiskAssessment = Object.freeze({ risk: true, concepts: Object.freeze([MODEL_CONCEPT]), kinds: Object.freeze([]) });
/** Should the detector ever fail, it errs towards showing urgent help: a missed child costs more than an extra card. */
const RISK_ON_ERROR: RiskAssessment = Object.freeze({ risk: true, concepts: Object.freeze(['detector-error']), kinds: Object.freeze([]) });

/** A typed word and the plain words it was read as. */
interface Reading {
  readonly raw: string;
  readonly words: readonly WordInfo[];
}

/** A plain word with what the detector worked out about it once (see infoOf). */
interface WordInfo extends TrieWord {
  readonly word: string;
  /** Shorter than typo tolerance reaches and not a word the lexicons know: it may be half of a word split in two. */
  readonly short: boolean;
  /** The rest of each key word this word starts, when one is split in two ("para" -> "cetamol"). */
  readonly joinRest: ReadonlySet<string> | undefined;
  /** Whether the word is the rest of some key word split in two ("cetamol"). */
  readonly joinTail: boolean;
  readonly contrast: boolean;
  readonly hash: number;
}

interface CompiledConcept {
  readonly name: string;
  readonly effect: ConceptEffect;
  readonly kind?: RiskKind;
  readonly strength: RiskStrength;
}

function builtInSets(): Map<string, WordSet> {
  return new Map<string, WordSet>([
    ['number', { test: (w) => /^\d{1,6}(?:mg|g|ml|x|s)?$/.test(w) }],
    ['many', { test: (w) => /^\d{1,4}$/.test(w) && Number(w) >= 5 && Number(w) < 1000 }],
    // A calendar year as people write one about the past or present ("in 2019", "since 2021"): not "9x", "12" or "300".
    ['year', { test: (w) => /^(?:19[5-9]\d|20\d\d)$/.test(w) }],
  ]);
}

/** Builds a detector; throws RiskLexiconError (naming file and entry) when a phrase or set cannot be read. */
export function createRiskDetector(lexicons: RiskLexicons): RiskDetector {
  return compile(lexicons).detect;
}

/** How a detector read a message and which phrases matched, for `npm run risk:explain` (it holds the text: never log it). */
export interface RiskExplanation {
  readonly words: Words;
  readonly matches: readonly { readonly concept: string; readonly effect: ConceptEffect; readonly words: string; readonly start: number }[];
  /** The detector's answer, and what the rules alone said. */
  readonly assessment: RiskAssessment;
  readonly rules: RiskAssessment;
  /** True when professional or past context explains the whole message: the model is not asked. */
  readonly wholeMessageExplained: boolean;
  /** What the model is given (the training script uses it), and its probability when the lexicons carry a model and the message is long enough. */
  readonly modelInput: ModelInput;
  readonly modelProbability?: number;
}

/** A detector's reading of messages, phrase by phrase: how a safeguarding lead sees why a message was or was not flagged. */
export function explainRisk(lexicons: RiskLexicons): (text: string) => RiskExplanation {
  return compile(lexicons).explain;
}

/**
 * The words of `candidates` that would be read as a slip of a risk key word if the typo guard did not list them:
 * how bot/features/safeguarding/data/risk/typo-guard.json is made from a dictionary (scripts/risk-typo-guard.ts), and how a test keeps it complete.
 */
export function wordsReadAsTypos(lexicons: RiskLexicons, dictionary: readonly string[]): Map<string, string> {
  const { correction, keyWords } = compile({ ...lexicons, typoGuard: [] });
  // Searching the dictionary from each key word is far quicker than searching the key words from each dictionary word.
  const words = new SearchableMap<true>();
  for (const word of dictionary) if (word.length >= MIN_TYPO_LENGTH - 1) words.set(word, true);
  const out = new Map<string, string>();
  for (const key of keyWords) {
    for (const word of words.fuzzyGet(key, 2).keys()) {
      if (out.has(word)) continue;
      const read = correction(word);
      if (read !== undefined && read !== word) out.set(word, read);
    }
  }
  return out;
}

/** The key words typo tolerance corrects towards, sorted: the typo guard records a digest of them (scripts/riskDictionary.ts). */
export function typoKeyWords(lexicons: RiskLexicons): string[] {
  return [...compile(lexicons).keyWords].sort();
}

function compile(lexicons: RiskLexicons): { detect: RiskDetector; explain: (text: string) => RiskExplanation; correction: (word: string) => string | undefined; keyWords: readonly string[] } {
  const problems: string[] = [];
  const replacements = new Map<string, readonly string[]>();
  for (const [typed, plain] of Object.entries(lexicons.replacements)) {
    replacements.set(normaliseText(typed), plain.split(/\s+/).flatMap((word) => wordsFor(normaliseText(word), new Map())));
  }
  const canonical = (raw: string): readonly string[] => wordsFor(normaliseText(raw), replacements);

  const sets = builtInSets();
  const setWords = new Set<string>();
  for (const [name, words] of Object.entries(lexicons.sets)) {
    if (sets.has(name)) {
      problems.push(`${WORD_SETS_FILE} sets.${name}: {${name}} is built in; choose another name`);
      continue;
    }
    const members = new Set<string>();
    words.forEach((word, index) => {
      const plain = canonical(word);
      if (plain.length !== 1) problems.push(`${WORD_SETS_FILE} sets.${name}.${index} ("${word}"): reads as ${plain.length} words; a set holds single words`);
      for (const p of plain) members.add(p);
    });
    for (const m of members) setWords.add(m);
    sets.set(name, { members, test: (w) => members.has(w) });
  }
  const fillers = new Set(lexicons.sets['negation-fillers']?.flatMap((w) => canonical(w)) ?? []);

  const trie = new PhraseTrie(sets);
  const concepts: CompiledConcept[] = [];
  const typoKeys = new Map<string, readonly string[]>();
  for (const concept of lexicons.concepts) {
    const id = concepts.length;
    concepts.push({ name: concept.concept, effect: concept.effect, kind: concept.kind, strength: concept.strength ?? 'topic' });
    concept.phrases.forEach((phrase, index) => {
      try {
        for (const branch of expandPhrase(phrase, { canonical, sets })) {
          trie.add(branch, id);
          if (!concept.typos) continue;
          for (const slot of branch) {
            if (slot.t === 'word' && slot.word.length >= MIN_TYPO_LENGTH - 1 && /^[a-z]+$/.test(slot.word)) typoKeys.set(slot.word, [slot.word]);
            if (slot.t === 'prefix') for (const ending of ['', 'e', 'es', 'ed', 'ing', 's', 'al', 'ally']) typoKeys.set(slot.prefix + ending, [slot.prefix + ending]);
          }
        }
      } catch (error) {
        problems.push(`${concept.file} phrases.${index} ("${phrase}"): ${(error as Error).message}`);
      }
    });
  }
  lexicons.compounds.forEach((compound, index) => {
    const words = compound.split(' ').flatMap((w) => canonical(w));
    if (words.length < 2) problems.push(`${TEXT_SPEAK_FILE} compounds.${index} ("${compound}"): a compound is two or more words`);
    for (const suffix of COMPOUND_SUFFIXES) typoKeys.set(words.join('') + suffix, [...words.slice(0, -1), `${words[words.length - 1]}${suffix}`]);
  });
  const ruleConcepts = new Map(concepts.map((c, id) => [c.name, id]));
  if (problems.length > 0) throw new RiskLexiconError(problems);

  for (const [name, words] of Object.entries(lexicons.sets)) {
    if (name === 'negation-fillers') continue;
    for (const word of words) if (word.length >= MIN_TYPO_LENGTH - 1 && /^[a-z]+$/.test(word)) typoKeys.set(word, [word]);
  }
  // Text-speak is misspelt too ("unlaive", "sewreslide"): its longer words are key words that read as what they stand for.
  for (const [typed, plain] of replacements) {
    if (typed.length >= MIN_TYPO_LENGTH + 1 && /^[a-z]+$/.test(typed) && !typoKeys.has(typed) && plain.some((w) => typoKeys.has(w))) typoKeys.set(typed, plain);
  }
  const guard = new Set(lexicons.typoGuard);
  const written = new Set([...trie.literalWords, ...setWords]);
  const typos = new TypoResolver(typoKeys.keys(), guard, 2, written);
  // Two neighbours are only tried as one word against compounds and long key words (a smaller, quicker search), and at
  // most one slip away: "ex turned" is not "returned".
  const joinTypos = new TypoResolver([...typoKeys.keys()].filter((k) => k.length >= 7), guard, 1);
  /** For each way to cut a key word in two, its second part by its first ("para" -> "cetamol"): pairs are looked up, not put together. */
  const joinStarts = new Map<string, Set<string>>();
  for (const key of typoKeys.keys()) {
    for (let cut = 1; cut < key.length; cut += 1) {
      const rest = joinStarts.get(key.slice(0, cut)) ?? new Set<string>();
      rest.add(key.slice(cut));
      joinStarts.set(key.slice(0, cut), rest);
    }
  }
  /** Every second part of a split key word: a word that is none of them never ends a join. */
  const joinTails = new Set<string>();
  for (const rest of joinStarts.values()) for (const tail of rest) joinTails.add(tail);
  const vocabulary = new Set([...trie.literalWords, ...setWords, ...guard]);
  /** A word the lexicons or the typo guard know as it is: never corrected. Numbers, with or without a unit, count as known. */
  const known = (word: string): boolean => vocabulary.has(word) || /^\d+[a-z]*$/.test(word) || trie.hasPrefixOf(word);
  /** A slip of a key word put right: a doubled letter ("diie"), or what the typo resolver finds. */
  const fixSlip = (word: string): string => {
    if (vocabulary.has(word) || /^\d+[a-z]*$/.test(word)) return word;
    if (/(.)\1/.test(word)) {
      for (let i = 1; i < word.length; i += 1) {
        if (word[i] === word[i - 1]) {
          const single = word.slice(0, i) + word.slice(i + 1);
          if (written.has(single)) return single;
        }
      }
    }
    // A word that only starts like a prefix phrase ("tablet*" in "tableta", "pull*" in "pullng") may still be a slip of a
    // key word that another phrase needs whole; the typo guard keeps English words such as "stable" as typed.
    if (trie.hasPrefixOf(word)) return word.length < MIN_TYPO_LENGTH - 1 ? word : (typos.resolve(word) ?? word);
    if (/(.)\1/.test(word)) {
      for (let i = 1; i < word.length; i += 1) {
        if (word[i] === word[i - 1]) {
          const single = word.slice(0, i) + word.slice(i + 1);
          if (known(single)) return single;
        }
      }
    }
    return word.length < MIN_TYPO_LENGTH - 1 ? word : (typos.resolve(word) ?? word);
  };
  const expand = (word: string): readonly string[] => typoKeys.get(word) ?? [word];

  /** One typed word into plain words: contractions, text-speak, long runs of a letter, leet, compounds typed as one. */
  const readWord = (raw: string): readonly string[] => {
    const out: string[] = [];
    for (let word of wordsFor(raw, replacements)) {
      if (REPEATED.test(word)) {
        const [two, one] = unrepeated(word);
        // A whole word the lexicons know beats one that only fits a prefix ("dieee" is "die", not a word starting "die").
        const whole = (w: string) => vocabulary.has(w) || replacements.has(w);
        word = whole(two) ? two : whole(one) ? one : known(two) ? two : known(one) ? one : two;
        const replaced = replacements.get(word);
        if (replaced) {
          out.push(...replaced);
          continue;
        }
      }
      if (!known(word)) {
        const plain = unleet(word);
        if (plain) {
          const read = known(plain) ? plain : typos.resolve(plain);
          if (read) {
            out.push(...(replacements.get(read) ?? expand(read)));
            continue;
          }
        }
      }
      out.push(...expand(word));
    }
    return out;
  };

  const ruleIds = lexicons.rules.map((rule) => rule.all.map((name) => ruleConcepts.get(name) as number));
  const effects = concepts.map((c) => c.effect);
  const stamps = conceptStamps(concepts.length);

  const correction = (word: string): string | undefined => (vocabulary.has(word) || /^\d+[a-z]*$/.test(word) ? undefined : typos.resolve(word));
  // Everything about a plain word that does not depend on the message is worked out once and remembered with it: its
  // trie keys, whether it is a short unknown word, which key words it can start when joined, and its hash for the model.
  const infos = new Map<string, WordInfo>();
  const infoOf = (word: string): WordInfo => {
    let info = infos.get(word);
    if (!info) {
      const keys = trie.keysFor(word);
      info = {
        word,
        keys,
        starts: trie.startsFor(keys),
        short: word.length < MIN_TYPO_LENGTH && !known(word),
        joinRest: joinStarts.get(word),
        joinTail: joinTails.has(word),
        contrast: isContrast(word),
        hash: wordFeatureHash(word),
      };
      if (infos.size >= READING_CACHE_LIMIT) infos.clear();
      infos.set(word, info);
    }
    return info;
  };
  // Most words recur, so each typed word is read once and remembered by its hash (tokenHash): the rest of a message
  // costs a look-up per word, and the scanner finds a remembered word without copying it out of the text. The readings
  // sit in an open-addressing table keyed by the hash (a typed array probed in place, fewer trips to memory than a Map).
  const readingHashes = new Int32Array(READING_SLOTS);
  const readingSlots: (Reading | undefined)[] = new Array<Reading | undefined>(READING_SLOTS).fill(undefined);
  let remembered = 0;
  const recallReading = (text: string, start: number, end: number, hash: number): readonly WordInfo[] | undefined => {
    // Slots hold the hash + 1, so that 0 marks an empty one.
    const stored = hash + 1;
    for (let slot = hash & READING_MASK; readingHashes[slot] !== 0; slot = (slot + 1) & READING_MASK) {
      if (readingHashes[slot] !== stored) continue;
      const reading = readingSlots[slot] as Reading;
      if (reading.raw.length === end - start && text.startsWith(reading.raw, start)) return reading.words;
    }
    return undefined;
  };
  const remember = (raw: string, hash: number, words: readonly WordInfo[]): void => {
    if (remembered >= READING_CACHE_LIMIT) {
      readingHashes.fill(0);
      readingSlots.fill(undefined);
      remembered = 0;
    }
    let slot = hash & READING_MASK;
    while (readingHashes[slot] !== 0) slot = (slot + 1) & READING_MASK;
    readingHashes[slot] = hash + 1;
    readingSlots[slot] = { raw, words };
    remembered += 1;
  };
  /** A message as the plain words the lexicons are matched against, with their sentence, segment and clause. */
  const readText = (text: string): Words<WordInfo> => {
    const budget = { left: LATER_TYPO_BUDGET };
    const reader = {
      recall: recallReading,
      read: (raw: string, offset: number): readonly WordInfo[] => {
        const hash = tokenHash(raw);
        const known = recallReading(raw, 0, raw.length, hash);
        if (known) return known;
        if (offset >= FULL_TYPO_CHARACTERS && budget.left-- <= 0) return wordsFor(raw, replacements).map(infoOf);
        const words = readWord(raw).flatMap((word) => expand(fixSlip(word))).map(infoOf);
        remember(raw, hash, words);
        return words;
      },
    };
    return joinNeighbours(splitWords(normaliseText(text), reader), joinTypos, typoKeys, infoOf, budget);
  };
  // The model's view of a message: each word's hash and the hashes of the concepts that matched, leaving out the risk
  // concepts themselves so that it is a second opinion on the wording, not an echo of the rules.
  const conceptHashes = concepts.map((c) => (c.effect === 'risk' ? undefined : conceptFeatureHash(c.name)));
  const modelInput = (words: Words<WordInfo>, matches: readonly PhraseMatch[]): ModelInput => {
    const hashes = words.info.map((info) => info.hash);
    const matched = new Set<number>();
    for (const m of matches) {
      const hash = conceptHashes[m.concept];
      if (hash !== undefined) matched.add(hash);
    }
    return { wordHashes: hashes, sentence: words.sentence, conceptHashes: matched };
  };
  const model = lexicons.model;
  const scorer = model ? new ModelScorer(model) : undefined;
  /** The rules' answer, then the model's when the rules see no risk and nothing explains the whole message away. */
  const assess = (words: Words<WordInfo>, matches: readonly PhraseMatch[]): { rules: RiskAssessment; final: RiskAssessment; wholeExplained: boolean } => {
    const whole = { explained: false };
    const rules = decide(words, matches, concepts, effects, lexicons.rules, ruleIds, fillers, whole, stamps);
    if (rules.risk || !model || whole.explained || words.words.length < model.minimumWords) return { rules, final: rules, wholeExplained: whole.explained };
    const probability = (scorer as ModelScorer).probability(modelInput(words, matches));
    return { rules, final: probability >= model.threshold ? MODEL_RISK : rules, wholeExplained: false };
  };
  const detect = (text: string): RiskAssessment => {
    try {
      if (typeof text !== 'string' || text.length === 0) return NO_RISK;
      const words = readText(text);
      if (words.words.length === 0) return NO_RISK;
      return assess(words, trie.matchAll(words.info, words.segment)).final;
    } catch {
      return RISK_ON_ERROR;
    }
  };
  const explain = (text: string): RiskExplanation => {
    const words = readText(text);
    const matches = trie.matchAll(words.info, words.segment);
    const { rules, final, wholeExplained } = assess(words, matches);
    const seen = new Set<string>();
    const phrases: RiskExplanation['matches'][number][] = [];
    for (const m of matches) {
      const key = `${m.concept}:${m.start}:${m.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const concept = concepts[m.concept] as CompiledConcept;
      phrases.push({ concept: concept.name, effect: concept.effect, words: words.words.slice(m.start, m.end + 1).join(' '), start: m.start });
    }
    phrases.sort((a, b) => a.start - b.start);
    const probability = model && words.words.length >= model.minimumWords ? modelProbability(model, modelFeatures(modelInput(words, matches), model.hashBits)) : undefined;
    return { words, matches: phrases, assessment: final, rules, wholeMessageExplained: wholeExplained, modelInput: modelInput(words, matches), ...(probability === undefined ? {} : { modelProbability: probability }) };
  };
  return { detect, explain, correction, keyWords: [...typoKeys.keys()] };
}

/** Two neighbours that make a key word when joined are read as one ("over dose", "para cetamol", "slef harm"). */
function joinNeighbours(
  input: Words<WordInfo>,
  typos: TypoResolver,
  joins: ReadonlyMap<string, readonly string[]>,
  infoOf: (word: string) => WordInfo,
  budget: { left: number },
): Words<WordInfo> {
  const { words, info } = input;
  let targets: (readonly string[] | undefined)[] | undefined;
  for (let i = 0; i + 1 < words.length; i += 1) {
    if (input.segment[i + 1] !== input.segment[i]) continue;
    const first = info[i] as WordInfo;
    const second = info[i + 1] as WordInfo;
    const word = first.word;
    const next = second.word;
    let target: readonly string[] | undefined;
    if (second.joinTail && first.joinRest?.has(next)) target = word.length + next.length >= MIN_JOINED_LENGTH ? joins.get(word + next) : undefined;
    else if (first.short || second.short) {
      const joined = word + next;
      const allowed = joined.length >= 7 && joined.length <= 24 && ((input.offset[i] as number) < FULL_TYPO_CHARACTERS || budget.left-- > 0);
      const resolved = allowed ? typos.resolve(joined) : undefined;
      if (resolved) target = joins.get(resolved);
    }
    // "her sh" reads "her self harm": the compound on the right wins over "her self" as "herself".
    if (target && i + 2 < words.length && input.segment[i + 2] === input.segment[i] && (info[i + 2] as WordInfo).joinTail && second.joinRest?.has(words[i + 2] as string)) target = undefined;
    if (target) {
      targets ??= [];
      targets[i] = target;
      i += 1;
    }
  }
  if (!targets) return input;
  const out: Words<WordInfo> = { words: [], info: [], sentence: [], segment: [], clause: [], offset: [] };
  for (let i = 0; i < words.length; i += 1) {
    const target = targets[i];
    for (const read of target ? target.map(infoOf) : [info[i] as WordInfo]) {
      out.words.push(read.word);
      out.info.push(read);
      out.sentence.push(input.sentence[i] as number);
      out.segment.push(input.segment[i] as number);
      out.clause.push(input.clause[i] as number);
      out.offset.push(input.offset[i] as number);
    }
    if (target) i += 1;
  }
  return out;
}

/** The year group a phrase names ("in year 8" -> 8), if it names one. */
function yearGroupIn(words: readonly string[], start: number, end: number): number | undefined {
  for (let i = start; i < end; i += 1) if (words[i] === 'year' && /^\d{1,2}$/.test(words[i + 1] as string)) return Number(words[i + 1]);
  return undefined;
}

/** The highest year group a message names (0 when it names none). */
function latestYearGroup(words: readonly string[]): number {
  let latest = 0;
  for (let i = 0; i + 1 < words.length; i += 1) if (words[i] === 'year' && /^\d{1,2}$/.test(words[i + 1] as string)) latest = Math.max(latest, Number(words[i + 1]));
  return latest;
}

/** A buffer of one number per concept, reused across messages: a concept is present when it holds the current stamp. */
interface ConceptStamps {
  readonly stamps: Uint32Array;
  stamp: number;
}

function conceptStamps(size: number): ConceptStamps {
  return { stamps: new Uint32Array(size), stamp: 0 };
}

function nextStamp(scratch: ConceptStamps): number {
  scratch.stamp += 1;
  if (scratch.stamp === 0xffffffff) {
    scratch.stamps.fill(0);
    scratch.stamp = 1;
  }
  return scratch.stamp;
}

function allStamped(ids: readonly number[], stamps: Uint32Array, stamp: number): boolean {
  for (let i = 0; i < ids.length; i += 1) if (stamps[ids[i] as number] !== stamp) return false;
  return true;
}

function someRuleComplete(ruleIds: readonly (readonly number[])[], stamps: Uint32Array, stamp: number): boolean {
  for (let r = 0; r < ruleIds.length; r += 1) if (allStamped(ruleIds[r] as readonly number[], stamps, stamp)) return true;
  return false;
}

function overlaps(a: PhraseMatch, b: PhraseMatch): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const span = (m: PhraseMatch) => m.end - m.start;
const NONE: readonly PhraseMatch[] = Object.freeze([]);

function decide(
  words: Words,
  matches: readonly PhraseMatch[],
  concepts: readonly CompiledConcept[],
  /** Each concept's effect by its number (decide asks it of every match, many times). */
  effects: readonly ConceptEffect[],
  rules: readonly RuleEntry[],
  ruleIds: readonly (readonly number[])[],
  fillers: ReadonlySet<string>,
  whole: { explained: boolean },
  scratch: ConceptStamps,
): RiskAssessment {
  const effect = (m: PhraseMatch) => effects[m.concept] as ConceptEffect;
  // One pass sorts the matches by what they do (each list keeps the order the matches were found in), and stamps the
  // concepts found with this message's number (a buffer reused from message to message, not one allocated for each).
  const by = new Map<ConceptEffect, PhraseMatch[]>();
  const { stamps } = scratch;
  const stamp = nextStamp(scratch);
  for (const m of matches) {
    stamps[m.concept] = stamp;
    const e = effect(m);
    const list = by.get(e);
    if (list) list.push(m);
    else by.set(e, [m]);
  }
  const all = (e: ConceptEffect): readonly PhraseMatch[] => by.get(e) ?? NONE;
  const has = (e: ConceptEffect): boolean => by.has(e);
  // Most messages hold no risk phrase and not all the concepts of any rule: nothing to weigh.
  if (!has('risk') && !someRuleComplete(ruleIds, stamps, stamp)) {
    // Whether the message as a whole is professional talk or something past (worked out fully below), for the model.
    whole.explained = (has('professional') && !has('individual') && !has('disclosure')) || (has('past') && !has('present'));
    return NO_RISK;
  }
  // An idiom or ordinary phrase explains a risk phrase it overlaps that is no longer than itself ("the death of me",
  // "are cutting" in "cutting it fine").
  // How things are now ("she's in Year 11 now") covers its own words the same way: its "now" is not "right now".
  const exclusions = all('exclusion');
  const covers = [...exclusions, ...all('now-state')];
  const uncertain = all('uncertainty');
  const coveredBy = (list: readonly PhraseMatch[], m: PhraseMatch): boolean => {
    for (const x of list) if (span(x) >= span(m) && overlaps(x, m)) return true;
    return false;
  };
  // A now-word inside a phrase that says something is past is part of it ("recently discharged", "happy again").
  // So is one inside a phrase that says it was resolved ("has not happened again").
  const pastPhrases = [...all('past'), ...all('resolved')];
  const live: PhraseMatch[] = [];
  for (const m of matches) {
    const e = effect(m);
    if (e !== 'risk' && e !== 'signal' && e !== 'present' && e !== 'disclosure') continue;
    if (!coveredBy(covers, m) && !(e === 'present' && coveredBy(pastPhrases, m))) live.push(m);
  }
  // A negation inside a longer risk or signal phrase is part of what it says ("does not want to live", "has not come home").
  const carried = live.filter((m) => effect(m) === 'risk' || effect(m) === 'signal');
  // "not sure" stops its "not" negating; a longer negation that holds an uncertain word still negates ("nobody is").
  const negators = all('negation').filter(
    (m) => !uncertain.some((u) => overlaps(u, m) && span(u) >= span(m)) && !carried.some((r) => r.start <= m.start && m.end <= r.end && span(r) > span(m)),
  );
  // Words of a phrase already negated count as fillers, so one negation covers a list: "no self-harm or suicidal thoughts".
  const negatedWords = new Set<number>();
  const negated = (m: PhraseMatch): boolean => {
    if (negators.length === 0) return false;
    const found = negators.some((n) => {
      if (n.end >= m.start || words.clause[n.end] !== words.clause[m.start]) return false;
      let plain = 0;
      for (let i = n.end + 1; i < m.start; i += 1) {
        if (negatedWords.has(i)) continue;
        if (!fillers.has(words.words[i] as string) || ++plain > NEGATION_REACH) return false;
      }
      return true;
    });
    if (found) for (let i = m.start; i <= m.end; i += 1) negatedWords.add(i);
    return found;
  };
  const standing = [...live].sort((a, b) => a.start - b.start).filter((m) => effect(m) === 'present' || effect(m) === 'disclosure' || !negated(m));

  const where = (wanted: readonly ConceptEffect[], from: readonly PhraseMatch[], scope: readonly number[]) => {
    const found = new Set<number>();
    for (const m of from) if (wanted.includes(effect(m))) found.add(scope[m.start] as number);
    return found;
  };
  // Past context covers its part of the sentence and the parts before it ("she self-harmed in year 8 but has not since"),
  // not what follows ("she says she is fine now but showed me fresh cuts"); professional context only its own part
  // ("after the training, but one pupil is cutting"). Now-words in the sentence lift both; a disclosure lifts professional.
  const recentSentences = where(['present'], standing, words.sentence);
  // The last part of each sentence that says something is past: it explains that part and those before it.
  const lastPastSegment = new Map<number, number>();
  // A dated mention ("in Year 8", "at 13") is past only when the message also says how things are now ("she's in Year 11
  // now") or names a later year group ("a Year 12 lad disclosed at the start of Y10"): alone, "in Year 11" is today's.
  // "a girl in Year 10" is her year group and "who died last year" dates a death: neither says the risk is past.
  // An incident dated in the past and then closed, reviewed or well since ("the ligature incident last October was fully
  // reviewed") is past too, as is one dated beside a phrase that says something is clearly past ("safety plan closed").
  const currents = all('current');
  const nowStated = has('now-state') || has('resolved') || all('past').some((m) => !coveredBy(currents, m));
  // Worked out only when a dated mention needs it: most messages name no year group, and reading every word costs.
  let latestYear: number | undefined;
  const datedIsPast = (m: PhraseMatch): boolean => {
    if (nowStated) return true;
    const year = yearGroupIn(words.words, m.start, m.end);
    return year !== undefined && (latestYear ??= latestYearGroup(words.words)) > year;
  };
  for (const m of [...all('past'), ...all('dated')]) {
    if ((effect(m) === 'dated' && !datedIsPast(m)) || coveredBy(currents, m)) continue;
    const sentence = words.sentence[m.start] as number;
    lastPastSegment.set(sentence, Math.max(lastPastSegment.get(sentence) ?? -1, words.segment[m.start] as number));
  }
  const liftedSegments = where(['present', 'disclosure'], standing, words.segment);
  const professionalSegments = where(['professional', 'ordinary'], [...all('professional'), ...all('ordinary')], words.segment);
  // A question asked in the sentence, up to the part a mention is in, answered no in that part or later or in the next
  // sentence: "I asked him directly about self-harm and not wanting to be here and he said no" (not "...but she has cuts").
  const screenings = all('screening');
  const denials = screenings.length === 0 ? NONE : all('denial');
  const screened = (sentence: number, segment: number): boolean =>
    denials.length > 0 &&
    screenings.some((q) => words.sentence[q.start] === sentence && (words.segment[q.start] as number) <= segment) &&
    denials.some((d) => {
      const s = words.sentence[d.start] as number;
      return (s === sentence && (words.segment[d.start] as number) >= segment) || s === sentence + 1;
    });
  // A risk word standing alone as a label ("Self-harm", "Missing" between quotes or commas) in a message that talks
  // about records, categories or training is the name of a category, not news about a child.
  const anyProfessional = has('professional');
  // A message that is all about practice (training, records, policy) and about no child in particular ("he", "a pupil",
  // "my tutee") and with no disclosure anywhere, is professional talk throughout, not only where the training word is:
  // "We're updating our policy. Should self-harm have its own section?", "I ran a session on self-harm last night".
  // A child named inside a professional or hypothetical phrase ("if a pupil says", "a pupil who") is no child in particular.
  // Nor is one named inside a longer risk phrase that is the name of a category ("child criminal exploitation").
  const framing = [...all('professional'), ...exclusions];
  const terms = all('risk');
  const insideTerm = (m: PhraseMatch): boolean => terms.some((t) => span(t) > span(m) && t.start <= m.start && m.end <= t.end);
  const individual = all('individual').some((m) => !coveredBy(framing, m) && !insideTerm(m));
  const professionalMessage = anyProfessional && !individual && !standing.some((m) => effect(m) === 'disclosure');
  // Likewise a message that says something is past and nothing is happening now: its risk words in sentences without a
  // disclosure are that past ("She self-harmed in Year 8. No incidents since she joined us.").
  const pastMessage = lastPastSegment.size > 0 && recentSentences.size === 0;
  whole.explained = professionalMessage || pastMessage;
  const disclosedSentences = where(['disclosure'], standing, words.sentence);
  const bareLabel = (m: PhraseMatch): boolean => {
    const clause = words.clause[m.start];
    let length = 0;
    for (let i = Math.max(0, m.start - LABEL_WORDS); i <= Math.min(words.words.length - 1, m.end + LABEL_WORDS); i += 1) if (words.clause[i] === clause) length += 1;
    return length <= LABEL_WORDS;
  };
  const ordinaryMessage = has('ordinary');
  const explained = (m: PhraseMatch, strength: RiskStrength): boolean => {
    const sentence = words.sentence[m.start] as number;
    const segment = words.segment[m.start] as number;
    if ((lastPastSegment.get(sentence) ?? -1) >= segment && !recentSentences.has(sentence)) return true;
    if (pastMessage && !disclosedSentences.has(sentence)) return true;
    if (strength !== 'topic') return false;
    if (professionalMessage) return true;
    if (ordinaryMessage && effect(m) === 'signal' && !liftedSegments.has(segment)) return true;
    return (professionalSegments.has(segment) && !liftedSegments.has(segment)) || screened(sentence, segment) || (anyProfessional && bareLabel(m));
  };

  const fired = new Map<string, RiskKind>();
  for (const m of standing) {
    const concept = concepts[m.concept] as CompiledConcept;
    if (concept.effect !== 'risk') continue;
    if (!explained(m, concept.strength)) fired.set(concept.name, concept.kind as RiskKind);
  }

  const byConcept = new Map<number, PhraseMatch[]>();
  const standingStamp = nextStamp(scratch);
  for (const m of standing) {
    if (effect(m) === 'present' || effect(m) === 'disclosure') continue;
    const list = byConcept.get(m.concept);
    if (list) list.push(m);
    else byConcept.set(m.concept, [m]);
    stamps[m.concept] = standingStamp;
  }
  const unitOf = (m: PhraseMatch, within: RuleEntry['within']): number =>
    within === 'clause' ? (words.clause[m.start] as number) : within === 'message' ? 0 : (words.sentence[m.start] as number);
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index] as RuleEntry;
    const ids = ruleIds[index] as readonly number[];
    if (!allStamped(ids, stamps, standingStamp)) continue;
    const neighbours = rule.within === 'neighbouring-sentences';
    // Each concept must be met by its own words: "her boyfriend" is not both a home adult and a sexual word at once.
    search: for (const anchor of byConcept.get(ids[0] as number) as PhraseMatch[]) {
      for (const unit of neighbours ? [unitOf(anchor, rule.within) - 1, unitOf(anchor, rule.within)] : [unitOf(anchor, rule.within)]) {
        let everyConcept = true;
        let unexplained = !explained(anchor, rule.strength);
        for (let k = 1; k < ids.length; k += 1) {
          let found = false;
          for (const m of byConcept.get(ids[k] as number) as PhraseMatch[]) {
            const u = unitOf(m, rule.within);
            if ((u !== unit && !(neighbours && u === unit + 1)) || overlaps(m, anchor)) continue;
            found = true;
            if (!unexplained && !explained(m, rule.strength)) unexplained = true;
          }
          if (!found) {
            everyConcept = false;
            break;
          }
        }
        if (everyConcept && unexplained) {
          fired.set(rule.name, rule.kind);
          break search;
        }
      }
    }
  }

  if (fired.size === 0) {
    // Staff asked the question and the answer was no: the rules' reading stands, the model is not asked for another.
    if (screenings.length > 0 && denials.length > 0) whole.explained = true;
    return NO_RISK;
  }
  return { risk: true, concepts: [...fired.keys()].sort(), kinds: [...new Set(fired.values())].sort() };
}
