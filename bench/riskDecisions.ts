// The risk detector's decisions over a list of messages, by id and never with the text, so that a change made for speed
// can be shown to decide every message exactly as before (bench/risk-decisions.ts, and the digest test in tests/unit).
import { createHash } from 'node:crypto';
import { createRiskDetector, type RiskLexicons } from '../bot/features/safeguarding/domain/risk';
import { explainRisk } from '../bot/features/safeguarding/domain/risk/detector';
import { seeded } from './support';

/** A message to decide: an id that names it in the output, and its text (never written out). */
export interface MessageToDecide {
  readonly id: string;
  readonly text: string;
}

/** What the detector said about one message; `score` is the model's probability to 1e-9 when the model was asked. */
export interface RiskDecision {
  readonly id: string;
  readonly risk: boolean;
  readonly concepts: readonly string[];
  readonly kinds: readonly string[];
  /** The rules' own answer before the model: their concepts (empty when the rules saw no risk). */
  readonly ruleConcepts: readonly string[];
  readonly score: string | null;
}

/**
 * Every message through one detector, in the order given (the detector remembers words it has read, and past the first
 * 4,000 characters that memory decides how far typos are corrected, so the order is part of what is compared). The
 * score comes from the explanation, which reads the message the same way and works the model out on its own; the
 * decision from the detector itself, or (`byExplanation`, twice as quick, for a test) from the explanation's answer.
 */
export function riskDecisions(lexicons: RiskLexicons, messages: readonly MessageToDecide[], options: { byExplanation?: boolean } = {}): RiskDecision[] {
  const detect = options.byExplanation ? undefined : createRiskDetector(lexicons);
  const explain = explainRisk(lexicons);
  return messages.map(({ id, text }) => {
    const explained = explain(text);
    const assessment = detect ? detect(text) : explained.assessment;
    const asked = !explained.rules.risk && !explained.wholeMessageExplained && explained.modelProbability !== undefined;
    return {
      id,
      risk: assessment.risk,
      concepts: [...assessment.concepts],
      kinds: [...assessment.kinds],
      ruleConcepts: [...explained.rules.concepts],
      score: asked ? explained.modelProbability.toFixed(9) : null,
    };
  });
}

/** One line per decision, the way the digest and a comparison read it. */
export function decisionLine(d: RiskDecision): string {
  return `${d.id} ${d.risk ? 'risk' : 'no'} [${d.concepts.join(',')}] [${d.kinds.join(',')}] rules [${d.ruleConcepts.join(',')}] score ${d.score ?? '-'}`;
}

export function decisionsDigest(decisions: readonly RiskDecision[]): string {
  const hash = createHash('sha256');
  for (const d of decisions) hash.update(`${decisionLine(d)}\n`);
  return hash.digest('hex');
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Letters people swap in for look-alikes (Cyrillic), digits for letters (leet), and characters that read as nothing. */
const LOOK_ALIKES: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', i: 'і' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

/**
 * Variants of the given messages made by a seeded generator (the same every run): typos (a letter missing, doubled,
 * swapped or wrong), casing, punctuation taken away or added, curly quotes, stretched letters, leet, look-alike and
 * zero-width characters, spaced-out letters, two words joined or one split, a second harmless sentence, and long
 * messages of many joined together (some past the 4,000 characters typos are corrected everywhere in).
 */
export function generatedVariants(sources: readonly MessageToDecide[], count: number, longCount: number, seed: number): MessageToDecide[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const texts = sources.map((s) => s.text);
  const editWord = (text: string, edit: (word: string) => string): string => {
    const words = text.split(' ');
    const candidates = words.map((w, i) => (/^[a-z]{4,}/i.test(w) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return text;
    const index = pick(candidates);
    words[index] = edit(words[index] as string);
    return words.join(' ');
  };
  const at = (word: string) => 1 + Math.floor(random() * Math.max(1, word.length - 2));
  const transforms: ((text: string) => string)[] = [
    (t) => editWord(t, (w) => { const i = at(w); return w.slice(0, i) + w.slice(i + 1); }),
    (t) => editWord(t, (w) => { const i = at(w); return w.slice(0, i) + (w[i] ?? '') + w.slice(i); }),
    (t) => editWord(t, (w) => { const i = at(w); return i + 1 < w.length ? w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2) : w; }),
    (t) => editWord(t, (w) => { const i = at(w); return w.slice(0, i) + pick(Array.from(LETTERS)) + w.slice(i + 1); }),
    (t) => t.toUpperCase(),
    (t) => t.toLowerCase(),
    (t) => Array.from(t).map((c) => (random() < 0.3 ? c.toUpperCase() : c)).join(''),
    (t) => t.replace(/[.,!?;:'"()-]/g, ''),
    (t) => t.replace(/\./g, pick(['!!!', '...', ' .', '?!', '\n'])),
    (t) => t.replace(/ /g, (s) => (random() < 0.1 ? ', ' : s)),
    (t) => t.replace(/'/g, '\u2019'),
    (t) => t.replace(/ /g, (s) => (random() < 0.05 ? ' - ' : s)),
    (t) => editWord(t, (w) => { const i = at(w); return w.slice(0, i) + (w[i] ?? '').repeat(3 + Math.floor(random() * 3)) + w.slice(i + 1); }),
    (t) => editWord(t, (w) => Array.from(w).map((c) => (random() < 0.5 ? (LEET[c.toLowerCase()] ?? c) : c)).join('')),
    (t) => editWord(t, (w) => Array.from(w).map((c) => LOOK_ALIKES[c] ?? c).join('')),
    (t) => editWord(t, (w) => { const i = at(w); return `${w.slice(0, i)}\u200b${w.slice(i)}`; }),
    (t) => editWord(t, (w) => Array.from(w.toLowerCase()).join(pick([' ', '.', '-']))),
    (t) => { const i = t.indexOf(' ', Math.floor(random() * t.length)); return i < 0 ? t : t.slice(0, i) + t.slice(i + 1); },
    (t) => editWord(t, (w) => { const i = at(w); return `${w.slice(0, i)} ${w.slice(i)}`; }),
    (t) => `${t} ${pick(texts)}`,
    (t) => `${pick(texts)} ${t}`,
    (t) => t.replace(/\bi am\b/gi, 'im').replace(/\byou\b/gi, 'u').replace(/\btonight\b/gi, '2nite').replace(/n't\b/g, 'nt'),
  ];
  const out: MessageToDecide[] = [];
  for (let n = 0; n < count; n += 1) {
    const source = pick(sources);
    let text = source.text;
    const steps = 1 + Math.floor(random() * 3);
    for (let s = 0; s < steps; s += 1) text = pick(transforms)(text);
    out.push({ id: `gen-${String(n).padStart(5, '0')}`, text });
  }
  for (let n = 0; n < longCount; n += 1) {
    const length = pick([600, 1_500, 3_900, 4_200, 6_000, 12_000]);
    let text = '';
    while (text.length < length) text += `${pick(texts)} `;
    out.push({ id: `long-${String(n).padStart(4, '0')}`, text });
  }
  return out;
}
