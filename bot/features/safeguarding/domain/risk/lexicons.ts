// The risk detector's data: the shape of the lexicon files in bot/features/safeguarding/data/risk/ and the checks that name the file and entry at fault.
import { z } from 'zod';
import { MODEL_FILE, modelFileSchema, riskModelOf, type RiskModel } from './model';

/** What a concept's phrases do when they match (README, "How the risk detector works"). */
export const CONCEPT_EFFECTS = [
  // Suggests risk on its own, unless suppressed (see `strength`).
  'risk',
  // Means nothing alone; rules combine signals (a substance + an amount, a danger place + a jump).
  'signal',
  // About now: tonight, again, recently, last night. Lifts professional and past context in its sentence.
  'present',
  // A disclosure or a worry about someone in particular: told me, she said, I found. Lifts professional context only.
  'disclosure',
  // Training, policy, lessons, research: topic mentions in the same part of a sentence (up to "but") are not risk.
  'professional',
  // Clearly past and resolved: risk in the same sentence is not risk, unless the sentence also says it is happening now.
  'past',
  // A time that is past only when the message also says how things are now: "in Year 8", "at 13" beside "she's in Year 11 now".
  'dated',
  // How things are now, which makes dated mentions past: "she's in Year 11 now", "he's 17 now", "at uni now".
  'now-state',
  // Closed, reviewed, a one-off, a mix-up, well since: makes a dated mention past, like now-state ("the overdose last
  // Christmas was a one-off", "the incident last October was fully reviewed"). Alone it says nothing.
  'resolved',
  // A particular child or young person is being talked about ("he", "a girl in Year 9", "my tutee"): a message with
  // none is not about a child in particular, so professional words explain it throughout.
  'individual',
  // A time that belongs to something else ("a girl in Year 10" is her year group, "who died last year" dates a death):
  // the past or dated words inside it do not say the risk is past.
  'current',
  // An ordinary reason for goodbyes and giving things away (a new job, maternity leave, outgrown kit): it explains topic
  // mentions in its part of a sentence like professional context, and the signals rules combine anywhere in the message,
  // unless their part of a sentence holds a disclosure or a now-word.
  'ordinary',
  // "not", "no signs of", "denies": drops the risk or signal phrase that follows it in the same clause.
  'negation',
  // "not sure", "can't rule out": the negation words inside it do not negate anything.
  'uncertainty',
  // Idioms and ordinary support ("the death of me", "substance misuse service"): the words they cover are not risk words.
  'exclusion',
  // A question staff asked about risk ("I asked him directly about self-harm"): with a denial after it, the topics asked about are not risk.
  'screening',
  // The answer to that question was no ("he said no", "she denied it").
  'denial',
] as const;
export type ConceptEffect = (typeof CONCEPT_EFFECTS)[number];

/** The kinds of risk the detector reports (the audit log and the tests use them). */
export const RISK_KINDS = ['suicidal-intent', 'overdose-poisoning', 'self-harm-concrete', 'immediate-danger', 'safeguarding-emergency'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** topic: a mention that professional or past context can explain away; present: a concrete event, which only past context explains away. */
export const RISK_STRENGTHS = ['topic', 'present'] as const;
export type RiskStrength = (typeof RISK_STRENGTHS)[number];

/** How far apart a rule's concepts may be. */
export const RULE_WINDOWS = ['clause', 'sentence', 'neighbouring-sentences', 'message'] as const;
export type RuleWindow = (typeof RULE_WINDOWS)[number];

const name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, e.g. "self-harm-act"');

export const conceptFileSchema = z
  .object({
    concept: name,
    about: z.string().min(1, 'say in a sentence what this concept is for'),
    effect: z.enum(CONCEPT_EFFECTS),
    kind: z.enum(RISK_KINDS).optional(),
    strength: z.enum(RISK_STRENGTHS).optional(),
    typos: z.boolean().optional(),
    phrases: z.array(z.string().trim().min(1, 'a phrase cannot be empty')).min(1, 'give at least one phrase'),
  })
  .strict()
  .superRefine((file, context) => {
    if (file.effect === 'risk' && !file.kind) context.addIssue({ code: 'custom', path: ['kind'], message: `a "risk" concept needs a kind: one of ${RISK_KINDS.join(', ')}` });
    if (file.effect !== 'risk' && (file.kind || file.strength)) context.addIssue({ code: 'custom', path: ['kind'], message: 'only a "risk" concept has a kind and a strength' });
  });

export const rulesFileSchema = z
  .object({
    about: z.string().min(1),
    rules: z
      .array(
        z
          .object({
            name,
            about: z.string().min(1, 'say in a sentence what this rule catches'),
            kind: z.enum(RISK_KINDS),
            strength: z.enum(RISK_STRENGTHS).default('topic'),
            all: z.array(name).min(2, 'a rule combines at least two concepts'),
            within: z.enum(RULE_WINDOWS).default('sentence'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const wordSetsFileSchema = z
  .object({
    about: z.string().min(1),
    sets: z.record(name, z.array(z.string().trim().regex(/^[^\s{}|*?]+$/, 'a set holds single words, without spaces or { } | * ?')).min(1)),
  })
  .strict();

export const textSpeakFileSchema = z
  .object({
    about: z.string().min(1),
    replacements: z.record(z.string().regex(/^[^\s]+$/, 'a replacement is for one word as typed, without spaces'), z.string().trim().min(1)),
    compounds: z.array(z.string().trim().regex(/^\S+( \S+)+$/, 'a compound is two or more words, e.g. "self harm"')),
  })
  .strict();

export const typoGuardFileSchema = z
  .object({
    about: z.string().min(1),
    /** Digest of the key words the list was made for: a test compares it with the lexicons' key words of today. */
    keyWordsDigest: z.string().regex(/^[0-9a-f]{64}$/),
    /** Kept by hand: words the English word list lacks (new words, school shorthand, names). */
    keep: z.array(z.string().regex(/^[a-z]+$/, 'lower-case letters only')),
    /** Made from the English word list by `npm run risk:typo-guard`. */
    words: z.array(z.string().regex(/^[a-z]+$/, 'lower-case letters only')),
  })
  .strict();

export type ConceptFile = z.infer<typeof conceptFileSchema>;
export type RuleEntry = z.infer<typeof rulesFileSchema>['rules'][number];

export interface Concept extends ConceptFile {
  /** The file it came from, for error messages. */
  readonly file: string;
}

export interface RiskLexicons {
  readonly concepts: readonly Concept[];
  readonly rules: readonly RuleEntry[];
  readonly sets: Readonly<Record<string, readonly string[]>>;
  readonly replacements: Readonly<Record<string, string>>;
  readonly compounds: readonly string[];
  readonly typoGuard: readonly string[];
  /** The digest of the key words typo-guard.json was last made for. */
  readonly typoGuardDigest: string;
  /** The statistical second opinion (model.json), when there is one: without it the rules decide alone. */
  readonly model?: RiskModel;
}

/** A lexicon file as read from disk: its path relative to bot/features/safeguarding/data/risk/ and its parsed JSON. */
export interface LexiconFile {
  readonly file: string;
  readonly json: unknown;
}

/** Bad lexicon data: every problem found, each naming the file and the entry, so a safeguarding lead can fix them all at once. */
export class RiskLexiconError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The risk lexicons in bot/features/safeguarding/data/risk/ are not valid, so the bot cannot check messages for risk. Fix these and start again:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'RiskLexiconError';
  }
}

function issuesOf(file: string, error: z.ZodError, json: unknown): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    const entry = issue.path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[String(key)] : undefined), json);
    const shown = typeof entry === 'string' ? ` ("${entry.slice(0, 60)}")` : '';
    return `${file}${where ? ` ${where}` : ''}${shown}: ${issue.message}`;
  });
}

export const RULES_FILE = 'rules.json';
export const WORD_SETS_FILE = 'word-sets.json';
export const TEXT_SPEAK_FILE = 'text-speak.json';
export const TYPO_GUARD_FILE = 'typo-guard.json';
export const CONCEPTS_FOLDER = 'concepts/';

/** Checks every file and how they refer to each other; throws RiskLexiconError with all the problems. */
export function parseRiskLexicons(files: readonly LexiconFile[]): RiskLexicons {
  const problems: string[] = [];
  const byName = new Map(files.map((f) => [f.file, f.json]));
  function one<T>(file: string, schema: z.ZodType<T>): T | undefined {
    if (!byName.has(file)) {
      problems.push(`${file}: the file is missing`);
      return undefined;
    }
    const parsed = schema.safeParse(byName.get(file));
    if (!parsed.success) problems.push(...issuesOf(file, parsed.error, byName.get(file)));
    return parsed.success ? parsed.data : undefined;
  }
  const rules = one(RULES_FILE, rulesFileSchema);
  const sets = one(WORD_SETS_FILE, wordSetsFileSchema);
  const textSpeak = one(TEXT_SPEAK_FILE, textSpeakFileSchema);
  const typoGuard = one(TYPO_GUARD_FILE, typoGuardFileSchema);
  const concepts: Concept[] = [];
  for (const { file, json } of files.filter((f) => f.file.startsWith(CONCEPTS_FOLDER))) {
    const parsed = conceptFileSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(...issuesOf(file, parsed.error, json));
      continue;
    }
    const expected = file.slice(CONCEPTS_FOLDER.length).replace(/\.json$/, '');
    if (parsed.data.concept !== expected) problems.push(`${file} concept ("${parsed.data.concept}"): name the file after its concept, ${parsed.data.concept}.json, or the concept "${expected}"`);
    if (concepts.some((c) => c.concept === parsed.data.concept)) problems.push(`${file}: the concept "${parsed.data.concept}" is defined twice`);
    concepts.push({ ...parsed.data, file });
  }
  if (concepts.length === 0) problems.push(`${CONCEPTS_FOLDER}: no concept files found`);
  const conceptNames = new Map(concepts.map((c) => [c.concept, c]));
  rules?.rules.forEach((rule, index) => {
    if (conceptNames.has(rule.name)) problems.push(`${RULES_FILE} rules.${index} name ("${rule.name}"): a concept has the same name; give the rule its own`);
    for (const wanted of rule.all) {
      const concept = conceptNames.get(wanted);
      if (!concept) problems.push(`${RULES_FILE} rules.${index} all ("${wanted}"): no concept of that name (known: ${[...conceptNames.keys()].sort().join(', ')})`);
      else if (concept.effect !== 'risk' && concept.effect !== 'signal') problems.push(`${RULES_FILE} rules.${index} all ("${wanted}"): a rule combines "risk" or "signal" concepts; this one is "${concept.effect}"`);
    }
  });
  // The model is optional: a lexicon set without one (a test's, or before the first `npm run risk:train`) decides by rules alone.
  const model = byName.has(MODEL_FILE) ? one(MODEL_FILE, modelFileSchema) : undefined;
  if (problems.length > 0 || !rules || !sets || !textSpeak || !typoGuard) throw new RiskLexiconError(problems);
  return {
    concepts,
    rules: rules.rules,
    sets: sets.sets,
    replacements: textSpeak.replacements,
    compounds: textSpeak.compounds,
    typoGuard: [...typoGuard.keep, ...typoGuard.words],
    typoGuardDigest: typoGuard.keyWordsDigest,
    ...(model ? { model: riskModelOf(model) } : {}),
  };
}
