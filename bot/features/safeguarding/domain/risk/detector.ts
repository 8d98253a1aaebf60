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
import { normaliseText, REPEATED, splitWords, unleet, unrepeated, wordsFor, type Words } from './normalise';
import { expandPhrase, PhraseTrie, type PhraseMatch, type WordSet } from './phrases';
import SearchableMap from 'minisearch/SearchableMap';
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
/** How many plain words at most may lie between a negation and what it negates ("no current signs of"). */
const NEGATION_REACH = 4;
/** Suffixes a compound may carry when typed as one word ("selfharming"). */
const COMPOUND_SUFFIXES = ['', 's', 'ed', 'ing', 'er', 'ers'];

const NO_RISK: RiskAssessment = Object.freeze({ risk: false, concepts: Object.freeze([]), kinds: Object.freeze([]) });
/** Should the detector ever fail, it errs towards showing urgent help: a missed child costs more than an extra card. */
const RISK_ON_ERROR: RiskAssessment = Object.freeze({ risk: true, concepts: Object.freeze(['detector-error']), kinds: Object.freeze([]) });

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
  ]);
}

/** Builds a detector; throws RiskLexiconError (naming file and entry) when a phrase or set cannot be read. */
export function createRiskDetector(lexicons: RiskLexicons): RiskDetector {
  return compile(lexicons).detect;
}

/**
 * The words of `candidates` that would be read as a slip of a risk key word if the typo guard did not list them:
 * how bot/data/risk/typo-guard.json is made from a dictionary (scripts/risk-typo-guard.ts), and how a test keeps it complete.
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

function compile(lexicons: RiskLexicons): { detect: RiskDetector; correction: (word: string) => string | undefined; keyWords: readonly string[] } {
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
  const guard = new Set(lexicons.typoGuard);
  const typos = new TypoResolver(typoKeys.keys(), guard);
  // Two neighbours are only tried as one word against compounds and long key words: a smaller, quicker search.
  const joinTypos = new TypoResolver([...typoKeys.keys()].filter((k) => k.length >= 7), guard);
  /** For each way to cut a key word in two, its second part by its first ("para" -> "cetamol"): pairs are looked up, not put together. */
  const joinStarts = new Map<string, Set<string>>();
  for (const key of typoKeys.keys()) {
    for (let cut = 1; cut < key.length; cut += 1) {
      const rest = joinStarts.get(key.slice(0, cut)) ?? new Set<string>();
      rest.add(key.slice(cut));
      joinStarts.set(key.slice(0, cut), rest);
    }
  }
  const vocabulary = new Set([...trie.literalWords, ...setWords, ...guard]);
  /** A word the lexicons or the typo guard know as it is: never corrected. Numbers, with or without a unit, count as known. */
  const known = (word: string): boolean => vocabulary.has(word) || /^\d+[a-z]*$/.test(word) || trie.hasPrefixOf(word);
  /** A slip of a key word put right: a doubled letter ("diie"), or what the typo resolver finds. */
  const fixSlip = (word: string): string => {
    if (known(word)) return word;
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

  const correction = (word: string): string | undefined => (known(word) ? undefined : typos.resolve(word));
  // Most words recur, so each typed word is read once and remembered: the rest of a message costs a look-up per word.
  const readings = new Map<string, readonly string[]>();
  const knownWords = new Map<string, boolean>();
  const knownCached = (word: string): boolean => {
    let answer = knownWords.get(word);
    if (answer === undefined) {
      answer = known(word);
      if (knownWords.size >= READING_CACHE_LIMIT) knownWords.clear();
      knownWords.set(word, answer);
    }
    return answer;
  };
  const detect = (text: string): RiskAssessment => {
    try {
      if (typeof text !== 'string' || text.length === 0) return NO_RISK;
      const budget = { left: LATER_TYPO_BUDGET };
      const read = (raw: string, offset: number): readonly string[] => {
        const remembered = readings.get(raw);
        if (remembered) return remembered;
        if (offset >= FULL_TYPO_CHARACTERS && budget.left-- <= 0) return wordsFor(raw, replacements);
        const words = readWord(raw).flatMap((word) => expand(fixSlip(word)));
        if (readings.size >= READING_CACHE_LIMIT) readings.clear();
        readings.set(raw, words);
        return words;
      };
      const words = joinNeighbours(splitWords(normaliseText(text), read), knownCached, joinTypos, typoKeys, joinStarts, budget);
      if (words.words.length === 0) return NO_RISK;
      return decide(words, trie.matchAll(words.words, words.segment), concepts, lexicons.rules, ruleIds, fillers);
    } catch {
      return RISK_ON_ERROR;
    }
  };
  return { detect, correction, keyWords: [...typoKeys.keys()] };
}

/** Two neighbours that make a key word when joined are read as one ("over dose", "para cetamol", "slef harm"). */
function joinNeighbours(
  input: Words,
  known: (word: string) => boolean,
  typos: TypoResolver,
  joins: ReadonlyMap<string, readonly string[]>,
  joinStarts: ReadonlyMap<string, ReadonlySet<string>>,
  budget: { left: number },
): Words {
  const { words } = input;
  const short = words.map((w) => w.length < MIN_TYPO_LENGTH && !known(w));
  let targets: (readonly string[] | undefined)[] | undefined;
  for (let i = 0; i + 1 < words.length; i += 1) {
    if (input.segment[i + 1] !== input.segment[i]) continue;
    const word = words[i] as string;
    const next = words[i + 1] as string;
    let target: readonly string[] | undefined;
    if (joinStarts.get(word)?.has(next)) target = joins.get(word + next);
    else if (short[i] || short[i + 1]) {
      const joined = word + next;
      const allowed = joined.length >= 7 && joined.length <= 24 && ((input.offset[i] as number) < FULL_TYPO_CHARACTERS || budget.left-- > 0);
      const resolved = allowed ? typos.resolve(joined) : undefined;
      if (resolved) target = joins.get(resolved);
    }
    // "her sh" reads "her self harm": the compound on the right wins over "her self" as "herself".
    if (target && i + 2 < words.length && input.segment[i + 2] === input.segment[i] && joinStarts.get(next)?.has(words[i + 2] as string)) target = undefined;
    if (target) {
      targets ??= [];
      targets[i] = target;
      i += 1;
    }
  }
  if (!targets) return input;
  const out: Words = { words: [], sentence: [], segment: [], clause: [], offset: [] };
  for (let i = 0; i < words.length; i += 1) {
    const target = targets[i];
    for (const word of target ?? [words[i] as string]) {
      out.words.push(word);
      out.sentence.push(input.sentence[i] as number);
      out.segment.push(input.segment[i] as number);
      out.clause.push(input.clause[i] as number);
      out.offset.push(input.offset[i] as number);
    }
    if (target) i += 1;
  }
  return out;
}

function overlaps(a: PhraseMatch, b: PhraseMatch): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const span = (m: PhraseMatch) => m.end - m.start;

function decide(
  words: Words,
  matches: readonly PhraseMatch[],
  concepts: readonly CompiledConcept[],
  rules: readonly RuleEntry[],
  ruleIds: readonly (readonly number[])[],
  fillers: ReadonlySet<string>,
): RiskAssessment {
  const effect = (m: PhraseMatch) => (concepts[m.concept] as CompiledConcept).effect;
  // Most messages hold no risk phrase and not all the concepts of any rule: nothing to weigh.
  const present = new Set<number>();
  let anyRisk = false;
  for (const m of matches) {
    present.add(m.concept);
    if (effect(m) === 'risk') anyRisk = true;
  }
  if (!anyRisk && !ruleIds.some((ids) => ids.every((id) => present.has(id)))) return NO_RISK;
  // An idiom or ordinary phrase covers the words of a risk phrase no longer than itself ("the death of me").
  const cover = new Array<number>(words.words.length).fill(-1);
  const uncertain: PhraseMatch[] = [];
  for (const m of matches) {
    const e = effect(m);
    if (e === 'uncertainty') uncertain.push(m);
    if (e !== 'exclusion') continue;
    for (let i = m.start; i <= m.end; i += 1) if (span(m) > (cover[i] as number)) cover[i] = span(m);
  }
  const live = matches.filter((m) => {
    const e = effect(m);
    if (e !== 'risk' && e !== 'signal' && e !== 'present' && e !== 'disclosure') return false;
    for (let i = m.start; i <= m.end; i += 1) if ((cover[i] as number) >= span(m)) return false;
    return true;
  });
  // A negation inside a longer risk or signal phrase is part of what it says ("does not want to live", "has not come home").
  const carried = live.filter((m) => effect(m) === 'risk' || effect(m) === 'signal');
  const negators = matches.filter((m) => effect(m) === 'negation' && !uncertain.some((u) => overlaps(u, m)) && !carried.some((r) => r.start <= m.start && m.end <= r.end && span(r) > span(m)));
  // Words of a phrase already negated count as fillers, so one negation covers a list: "no self-harm or suicidal thoughts".
  const negatedWords = new Set<number>();
  const negated = (m: PhraseMatch): boolean => {
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
  for (const m of matches) {
    if (effect(m) !== 'past') continue;
    const sentence = words.sentence[m.start] as number;
    lastPastSegment.set(sentence, Math.max(lastPastSegment.get(sentence) ?? -1, words.segment[m.start] as number));
  }
  const liftedSegments = where(['present', 'disclosure'], standing, words.segment);
  const professionalSegments = where(['professional'], matches, words.segment);
  const explained = (m: PhraseMatch, strength: RiskStrength): boolean => {
    const sentence = words.sentence[m.start] as number;
    const segment = words.segment[m.start] as number;
    if ((lastPastSegment.get(sentence) ?? -1) >= segment && !recentSentences.has(sentence)) return true;
    return strength === 'topic' && professionalSegments.has(segment) && !liftedSegments.has(segment);
  };

  const fired = new Map<string, RiskKind>();
  for (const m of standing) {
    const concept = concepts[m.concept] as CompiledConcept;
    if (concept.effect !== 'risk') continue;
    if (!explained(m, concept.strength)) fired.set(concept.name, concept.kind as RiskKind);
  }

  const byConcept = new Map<number, PhraseMatch[]>();
  for (const m of standing) {
    if (effect(m) === 'present' || effect(m) === 'disclosure') continue;
    const list = byConcept.get(m.concept) ?? [];
    list.push(m);
    byConcept.set(m.concept, list);
  }
  const unitOf = (m: PhraseMatch, within: RuleEntry['within']): number =>
    within === 'clause' ? (words.clause[m.start] as number) : within === 'message' ? 0 : (words.sentence[m.start] as number);
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index] as RuleEntry;
    const ids = ruleIds[index] as readonly number[];
    if (!ids.every((id) => byConcept.has(id))) continue;
    const neighbours = rule.within === 'neighbouring-sentences';
    const tried = new Set<number>();
    search: for (const anchor of byConcept.get(ids[0] as number) as PhraseMatch[]) {
      for (const unit of neighbours ? [unitOf(anchor, rule.within) - 1, unitOf(anchor, rule.within)] : [unitOf(anchor, rule.within)]) {
        if (tried.has(unit)) continue;
        tried.add(unit);
        let everyConcept = true;
        let unexplained = false;
        for (const id of ids) {
          let found = false;
          for (const m of byConcept.get(id) as PhraseMatch[]) {
            const u = unitOf(m, rule.within);
            if (u !== unit && !(neighbours && u === unit + 1)) continue;
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

  if (fired.size === 0) return NO_RISK;
  return { risk: true, concepts: [...fired.keys()].sort(), kinds: [...new Set(fired.values())].sort() };
}
