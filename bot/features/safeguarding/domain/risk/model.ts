// The risk detector's statistical second opinion: a logistic regression over hashed words, word pairs and the concepts
// the lexicons matched, trained by `npm run risk:train` from the labelled dev messages and shipped as data
// (bot/features/safeguarding/data/risk/model.json). Pure: the same features are worked out here for training and for scoring.
import { z } from 'zod';

export const MODEL_FILE = 'model.json';
/** The concept name a message flagged by the model alone carries in its assessment (and the audit log). */
export const MODEL_CONCEPT = 'similar-to-risk-messages';

export const modelFileSchema = z
  .object({
    about: z.string().min(1),
    version: z.literal(1),
    /** Features are hashed into 2^hashBits buckets. */
    hashBits: z.number().int().min(10).max(24),
    /** What it was trained on and how its threshold was chosen, for the README and a test that asks for a retrain. */
    trainedOn: z
      .object({
        messages: z.number().int().positive(),
        risk: z.number().int().nonnegative(),
        sources: z.record(z.string(), z.number().int().nonnegative()),
        dataDigest: z.string().regex(/^[0-9a-f]{64}$/),
        lexiconDigest: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    crossValidation: z
      .object({
        folds: z.number().int().min(2),
        falsePositiveBudget: z.number().min(0).max(1),
        recallAtThreshold: z.number().min(0).max(1),
        falsePositiveRateAtThreshold: z.number().min(0).max(1),
      })
      .strict(),
    /** The model says risk from this probability up (chosen by cross-validation on the dev messages, erring to risk). */
    threshold: z.number().gt(0).lt(1),
    /** Messages of fewer plain words are left to the rules: too few words for an opinion on the wording. */
    minimumWords: z.number().int().min(1),
    bias: z.number(),
    /** [bucket, weight] pairs, buckets ascending; buckets not listed weigh nothing. */
    weights: z.array(z.tuple([z.number().int().nonnegative(), z.number()])),
  })
  .strict()
  .superRefine((file, context) => {
    const size = 2 ** file.hashBits;
    for (let i = 0; i < file.weights.length; i += 1) {
      const bucket = (file.weights[i] as [number, number])[0];
      if (bucket >= size || (i > 0 && bucket <= (file.weights[i - 1] as [number, number])[0])) {
        context.addIssue({ code: 'custom', path: ['weights', i], message: `buckets must be below 2^${file.hashBits} and ascending; retrain with npm run risk:train` });
        return;
      }
    }
  });

export type RiskModelFile = z.infer<typeof modelFileSchema>;

/** A trained model ready to score: its weights by bucket. */
export interface RiskModel {
  readonly hashBits: number;
  readonly threshold: number;
  readonly minimumWords: number;
  readonly bias: number;
  readonly weights: ReadonlyMap<number, number>;
}

export function riskModelOf(file: RiskModelFile): RiskModel {
  return { hashBits: file.hashBits, threshold: file.threshold, minimumWords: file.minimumWords, bias: file.bias, weights: new Map(file.weights) };
}

/** FNV-1a, 32 bits: a small, stable string hash (the buckets must be the same in training and in use). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A word pair's hash from its two words' hashes (order matters: "not safe" is not "safe not"). */
export function pairHash(first: number, second: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** What a message is to the model: its words (as the detector reads them) with their sentences, and the concepts matched. */
export interface ModelInput {
  /** The hash of each word (hashText of "w:" + word), in order. */
  readonly wordHashes: readonly number[];
  readonly sentence: readonly number[];
  /** hashText of "c:" + concept name for every concept that matched, any number of times. */
  readonly conceptHashes: Iterable<number>;
}

export const wordFeatureHash = (word: string): number => hashText(`w:${word}`);
export const conceptFeatureHash = (concept: string): number => hashText(`c:${concept}`);

/** The buckets a message lights up: each word, each pair of neighbouring words in a sentence, each concept; no repeats. */
export function modelFeatures(input: ModelInput, hashBits: number): number[] {
  const mask = 2 ** hashBits - 1;
  const out = new Set<number>();
  const { wordHashes, sentence } = input;
  for (let i = 0; i < wordHashes.length; i += 1) {
    const word = wordHashes[i] as number;
    out.add(word & mask);
    if (i + 1 < wordHashes.length && sentence[i + 1] === sentence[i]) out.add(pairHash(word, wordHashes[i + 1] as number) & mask);
  }
  for (const concept of input.conceptHashes) out.add(concept & mask);
  return [...out];
}

/**
 * Scores messages without building feature lists, adding the weights in the order modelFeatures lists the buckets, so
 * the sum is the same as modelProbability's. Only buckets that carry a weight are looked at: they sit in a small
 * open-addressing table (bucket, weight, and the number of the last message that counted it), because a bucket without
 * a weight adds nothing; a 2^hashBits array and a Map of weights cost a trip to memory for every feature.
 */
export class ModelScorer {
  /** Slot i holds bucket buckets[i] - 1 (0 for an empty slot), its weight, and the message that last added it. */
  private readonly buckets: Int32Array;
  private readonly weights: Float64Array;
  private readonly stamps: Uint32Array;
  private readonly slotMask: number;
  private stamp = 0;
  private readonly mask: number;

  constructor(private readonly model: RiskModel) {
    this.mask = 2 ** model.hashBits - 1;
    let capacity = 16;
    while (capacity < model.weights.size * 2) capacity *= 2;
    this.slotMask = capacity - 1;
    this.buckets = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
    this.stamps = new Uint32Array(capacity);
    for (const [bucket, weight] of model.weights) {
      let slot = this.slotOf(bucket);
      while (this.buckets[slot] !== 0) slot = (slot + 1) & this.slotMask;
      this.buckets[slot] = bucket + 1;
      this.weights[slot] = weight;
    }
  }

  private slotOf(bucket: number): number {
    return Math.imul(bucket, 0x9e3779b1) & this.slotMask;
  }

  probability(input: ModelInput): number {
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const { buckets, weights, stamps, slotMask, stamp } = this;
    let z = this.model.bias;
    const add = (bucket: number): void => {
      for (let slot = this.slotOf(bucket); buckets[slot] !== 0; slot = (slot + 1) & slotMask) {
        if (buckets[slot] !== bucket + 1) continue;
        if (stamps[slot] === stamp) return;
        stamps[slot] = stamp;
        z += weights[slot] as number;
        return;
      }
    };
    const { wordHashes, sentence } = input;
    for (let i = 0; i < wordHashes.length; i += 1) {
      const word = wordHashes[i] as number;
      add(word & this.mask);
      if (i + 1 < wordHashes.length && sentence[i + 1] === sentence[i]) add(pairHash(word, wordHashes[i + 1] as number) & this.mask);
    }
    for (const concept of input.conceptHashes) add(concept & this.mask);
    return 1 / (1 + Math.exp(-z));
  }
}

/** The model's probability that a message with these features suggests risk. */
export function modelProbability(model: RiskModel, features: readonly number[]): number {
  let z = model.bias;
  for (const bucket of features) z += model.weights.get(bucket) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
