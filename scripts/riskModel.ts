// Trains the risk detector's second opinion from the labelled dev messages (tests/fixtures/risk/, split "dev" only):
// logistic regression by AdaGrad with an L2 penalty, in a fixed order, so the same data always gives the same weights.
// The threshold is chosen by cross-validation: the lowest (erring to risk) at which the model adds at most
// FALSE_POSITIVE_BUDGET false alarms on ordinary dev messages it did not see.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRiskSet } from '../bench/riskSet';
import { explainRisk } from '../bot/features/safeguarding/domain/risk/detector';
import { hashText, MODEL_FILE, modelFeatures, type RiskModelFile } from '../bot/features/safeguarding/domain/risk/model';
import { parseRiskLexicons, type LexiconFile, type RiskLexicons } from '../bot/features/safeguarding/domain/risk';

export const MODEL_ABOUT =
  'The risk detector\'s statistical second opinion, made by `npm run risk:train` from the labelled dev messages in tests/fixtures/risk/ (never the holdout ones): a logistic regression over the words the detector reads (typos and text-speak already put right), pairs of neighbouring words and the names of the non-risk concepts that matched, hashed into buckets. When the rules see no risk and no professional or past context explains the whole message, a probability at or above the threshold shows urgent help, named "similar-to-risk-messages". Do not edit by hand: extend the lexicons or the labelled set, then retrain.';

const HASH_BITS = 20;
/** Shorter messages are left to the rules (they read short messages well; a few words are too little for the model). */
const MINIMUM_WORDS = 10;
const FOLDS = 5;
const EPOCHS = 30;
const LEARNING_RATE = 0.5;
const L2 = 1e-4;
/** At most this share of ordinary dev messages, unseen in training, may the model flag at its threshold. */
export const FALSE_POSITIVE_BUDGET = 0.01;
/** Weights nearer zero than this are left out of the file: they cannot move a decision. */
const SMALLEST_WEIGHT = 1e-3;

interface Row {
  readonly id: string;
  readonly source: string;
  readonly risk: boolean;
  readonly features: readonly number[];
  /** What the rules alone said, and whether professional or past context explains the whole message. */
  readonly rules: boolean;
  readonly wholeExplained: boolean;
  readonly words: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the lexicons read and match: retrain when it changes (a test compares it with the model's). */
export function lexiconDigest(lexicons: RiskLexicons): string {
  const { concepts, rules, sets, replacements, compounds, typoGuardDigest } = lexicons;
  return sha256(JSON.stringify({ concepts: concepts.map(({ file: _file, ...c }) => c), rules, sets, replacements, compounds, typoGuardDigest }));
}

/**
 * The lexicons under bot/features/safeguarding/data/risk/ without model.json: what the model is trained on, and what the typo guard is made
 * for, even while model.json is out of date or missing.
 */
export function lexiconsWithoutModel(projectRoot: string): RiskLexicons {
  const folder = path.join(projectRoot, 'bot', 'features', 'safeguarding', 'data', 'risk');
  const names = [...readdirSync(folder).filter((n) => n.endsWith('.json') && n !== MODEL_FILE), ...readdirSync(path.join(folder, 'concepts')).filter((n) => n.endsWith('.json')).map((n) => `concepts/${n}`)];
  const files: LexiconFile[] = names.sort().map((file) => ({ file, json: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as unknown }));
  return parseRiskLexicons(files);
}

/** The dev messages the model is trained on, as features, and a digest of them (ids, texts, labels). */
export function trainingRows(projectRoot: string): { rows: Row[]; dataDigest: string; lexicons: RiskLexicons } {
  const lexicons = lexiconsWithoutModel(projectRoot);
  const explain = explainRisk(lexicons);
  const dev = loadRiskSet(projectRoot)
    .filter((m) => m.split === 'dev')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = dev.map((m): Row => {
    const e = explain(m.text);
    return { id: m.id, source: m.source, risk: m.risk, features: modelFeatures(e.modelInput, HASH_BITS), rules: e.rules.risk, wholeExplained: e.wholeMessageExplained, words: e.words.words.length };
  });
  return { rows, dataDigest: sha256(dev.map((m) => `${m.id}\t${m.risk ? 1 : 0}\t${m.text}`).join('\n')), lexicons };
}

/** Mulberry32: the shuffle of each epoch is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weights {
  readonly weights: Map<number, number>;
  readonly bias: number;
}

function train(rows: readonly Row[]): Weights {
  const weights = new Map<number, number>();
  const squares = new Map<number, number>();
  let bias = 0;
  let biasSquares = 1e-8;
  const random = seeded(20_240_613);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const row = rows[index] as Row;
      const gradient = probability({ weights, bias }, row.features) - (row.risk ? 1 : 0);
      for (const bucket of row.features) {
        const w = weights.get(bucket) ?? 0;
        const g = gradient + L2 * w;
        const square = (squares.get(bucket) ?? 1e-8) + g * g;
        squares.set(bucket, square);
        weights.set(bucket, w - (LEARNING_RATE * g) / Math.sqrt(square));
      }
      biasSquares += gradient * gradient;
      bias -= (LEARNING_RATE * gradient) / Math.sqrt(biasSquares);
    }
  }
  return { weights, bias };
}

function probability(model: Weights, features: readonly number[]): number {
  let z = model.bias;
  for (const bucket of features) z += model.weights.get(bucket) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

/** The model file for the labelled set and lexicons under `projectRoot`. */
export function trainRiskModel(projectRoot: string): RiskModelFile {
  const { rows, dataDigest, lexicons } = trainingRows(projectRoot);
  // Out-of-fold probabilities: each message scored by a model that never saw it.
  const fold = (row: Row) => hashText(row.id) % FOLDS;
  const unseen = new Array<number>(rows.length).fill(0);
  for (let k = 0; k < FOLDS; k += 1) {
    const model = train(rows.filter((r) => fold(r) !== k));
    rows.forEach((row, i) => {
      if (fold(row) === k) unseen[i] = probability(model, row.features);
    });
  }
  const asked = (i: number) => !(rows[i] as Row).rules && !(rows[i] as Row).wholeExplained && (rows[i] as Row).words >= MINIMUM_WORDS;
  const ordinary = rows.filter((r) => !r.risk).length;
  const risky = rows.length - ordinary;
  let threshold = 0.99;
  for (let t = 50; t <= 99; t += 1) {
    const falseAlarms = rows.filter((r, i) => !r.risk && asked(i) && (unseen[i] as number) >= t / 100).length;
    if (falseAlarms / ordinary <= FALSE_POSITIVE_BUDGET) {
      threshold = t / 100;
      break;
    }
  }
  const recall = rows.filter((r, i) => r.risk && r.words >= MINIMUM_WORDS && (unseen[i] as number) >= threshold).length / rows.filter((r) => r.risk && r.words >= MINIMUM_WORDS).length;
  const falsePositiveRate = rows.filter((r, i) => !r.risk && asked(i) && (unseen[i] as number) >= threshold).length / ordinary;

  const final = train(rows);
  const weights = [...final.weights.entries()]
    .map(([bucket, w]): [number, number] => [bucket, round4(w)])
    .filter(([, w]) => Math.abs(w) >= SMALLEST_WEIGHT)
    .sort((a, b) => a[0] - b[0]);
  const sources: Record<string, number> = {};
  for (const row of rows) sources[row.source] = (sources[row.source] ?? 0) + 1;
  return {
    about: MODEL_ABOUT,
    version: 1,
    hashBits: HASH_BITS,
    trainedOn: { messages: rows.length, risk: risky, sources, dataDigest, lexiconDigest: lexiconDigest(lexicons) },
    crossValidation: { folds: FOLDS, falsePositiveBudget: FALSE_POSITIVE_BUDGET, recallAtThreshold: round4(recall), falsePositiveRateAtThreshold: round4(falsePositiveRate) },
    threshold,
    minimumWords: MINIMUM_WORDS,
    bias: round4(final.bias),
    weights,
  };
}

/** The file as written: one weight pair a line, so a retrain's diff is readable. */
export function modelFileText(file: RiskModelFile): string {
  const { weights, ...head } = file;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "weights": [\n${weights.map(([b, w]) => `    [${b}, ${w}]`).join(',\n')}\n  ]\n}\n`;
}
