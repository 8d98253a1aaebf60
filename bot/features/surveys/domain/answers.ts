// A person's survey answers (as stored, page by page), and the check of one page of answers from a card with a zod
// schema built from the page's questions: every required rating present and on its scale, free text within its limit.
// Each problem names the question.
import { z } from 'zod';
import type { Question, SurveyPage } from './definition';

export type AnswerValue = number | string;
export type Answers = Readonly<Record<string, AnswerValue>>;

/** One person's answers to one run, as stored: page by page, so each page is saved (and replaced) on its own. */
export interface StoredResponse {
  readonly respondent: string;
  /** Answers per page id. */
  readonly pages: Readonly<Record<string, Answers>>;
  readonly updated: Date;
}

/** All of a person's answers in one map. */
export function allAnswers(response: Pick<StoredResponse, 'pages'>): Answers {
  return Object.assign({}, ...Object.values(response.pages)) as Answers;
}

/** A problem with one answer, named by its question's id (the card input's id). */
export interface AnswerProblem {
  readonly field: string;
  readonly message: string;
}

export type PageAnswersResult =
  | { readonly ok: true; readonly answers: Answers }
  | {
      readonly ok: false;
      readonly problems: readonly string[];
      /** The same problems by question. */
      readonly fields: readonly AnswerProblem[];
      /** Some answer was of a kind no card sends (not text or a number): the card is not ours or out of date. */
      readonly unreadable: boolean;
    };

function nameOf(question: Question): string {
  if (question.type === 'rating' && question.dimension) {
    return `${question.dimension.letter} (${question.dimension.name.split(' ').slice(0, 4).join(' ')}...): ${question.text}`;
  }
  return question.type === 'text' ? question.label : question.text;
}

/** Card inputs arrive as strings (numbers from some clients); absent or empty means unanswered (''). */
function readInput(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string' || typeof raw === 'number') return String(raw).trim();
  return undefined;
}

/**
 * One check per field in a single transform: this runs on every card submit, and one pass costs a fraction of a
 * union, two refinements and two transforms.
 */
function fieldFor(question: Question) {
  const name = nameOf(question);
  const unreadable = `"${name}" was not an answer I can read.`;
  if (question.type === 'text') {
    return z.unknown().transform((raw, context): string | undefined => {
      const text = readInput(raw);
      if (text === undefined) return fail(context, unreadable);
      if (text.length > question.maxLength) return fail(context, `"${name}" is ${text.length} characters; the limit is ${question.maxLength}.`);
      return text.length > 0 ? text : undefined;
    });
  }
  const outOfRange = `"${name}" must be a whole number from ${question.min} to ${question.max}.`;
  return z.unknown().transform((raw, context): number | undefined => {
    const text = readInput(raw);
    if (text === undefined) return fail(context, unreadable);
    if (text.length === 0) return question.required ? fail(context, `"${name}" needs a rating.`) : undefined;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < question.min || value > question.max) return fail(context, outOfRange);
    return value;
  });
}

function fail(context: z.RefinementCtx, message: string): never {
  context.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const schemas = new WeakMap<SurveyPage, ReturnType<typeof buildSchema>>();

function buildSchema(page: SurveyPage) {
  return z.object(Object.fromEntries(page.questions.map((question) => [question.id, fieldFor(question)])));
}

/** Built once per page definition (definitions are loaded once), since every card submit needs it. */
export function pageAnswersSchema(page: SurveyPage) {
  let schema = schemas.get(page);
  if (!schema) {
    schema = buildSchema(page);
    schemas.set(page, schema);
  }
  return schema;
}

/** `data` is the untrusted Action.Execute data: the card's inputs keyed by question id, beside the run reference. */
export function parsePageAnswers(page: SurveyPage, data: Readonly<Record<string, unknown>>): PageAnswersResult {
  const parsed = pageAnswersSchema(page).safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message }));
    const unreadable = fields.some((f) => readInput(Object.hasOwn(data, f.field) ? data[f.field] : undefined) === undefined);
    return { ok: false, problems: fields.map((f) => f.message), fields, unreadable };
  }
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(parsed.data)) if (value !== undefined) answers[id] = value;
  return { ok: true, answers };
}

/** Fields of a survey card's data that are not answers: the run reference and the verb. */
const REFERENCE_FIELDS = new Set(['run', 'target', 'page', 'verb']);

/**
 * Every text a survey card sent (a free-text answer such as CASCADE's next action, as typed), for the risk check that
 * runs before anything else is done with it. Ratings arrive as digits and add nothing, so no page is needed to tell them apart.
 */
export function typedTexts(data: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(data)
    .filter(([name, value]) => !REFERENCE_FIELDS.has(name) && typeof value === 'string' && value.trim().length > 0)
    .map(([, value]) => value as string);
}

/** What the card sent for this page's questions, as far as it can be shown again (to pre-fill the page after a refusal). */
export function typedAnswers(page: SurveyPage, data: Readonly<Record<string, unknown>>): Answers {
  const typed: Record<string, AnswerValue> = {};
  for (const question of page.questions) {
    const value = data[question.id];
    if (typeof value === 'string' || typeof value === 'number') typed[question.id] = typeof value === 'string' ? value.slice(0, 4_000) : value;
  }
  return typed;
}
