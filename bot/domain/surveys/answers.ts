// Checks one page of answers from a card with a zod schema built from the page's questions: every required rating
// present and on its scale, free text within its limit. Each problem names the question.
import { z } from 'zod';
import type { Question, SurveyPage } from './definition';

export type AnswerValue = number | string;
export type Answers = Readonly<Record<string, AnswerValue>>;

export type PageAnswersResult =
  | { readonly ok: true; readonly answers: Answers }
  | { readonly ok: false; readonly problems: readonly string[] };

function nameOf(question: Question): string {
  if (question.type === 'rating' && question.dimension) {
    return `${question.dimension.letter} (${question.dimension.name.split(' ').slice(0, 4).join(' ')}...): ${question.text}`;
  }
  return question.type === 'text' ? question.label : question.text;
}

/** Card inputs arrive as strings (numbers from some clients); absent or empty means unanswered. */
function inputOf(question: Question) {
  return z
    .union([z.string(), z.number(), z.null(), z.undefined()], { error: `"${nameOf(question)}" was not an answer I can read.` })
    .transform((value) => (value === null || value === undefined ? '' : String(value).trim()));
}

function fieldFor(question: Question) {
  const name = nameOf(question);
  if (question.type === 'text') {
    return inputOf(question)
      .superRefine((text, context) => {
        if (text.length > question.maxLength) context.addIssue({ code: 'custom', message: `"${name}" is ${text.length} characters; the limit is ${question.maxLength}.` });
      })
      .transform((text) => (text.length > 0 ? text : undefined));
  }
  return inputOf(question)
    .refine((text) => text.length > 0 || !question.required, { message: `"${name}" needs a rating.`, abort: true })
    .refine((text) => text.length === 0 || (/^\d+$/.test(text) && Number(text) >= question.min && Number(text) <= question.max), {
      message: `"${name}" must be a whole number from ${question.min} to ${question.max}.`,
    })
    .transform((text) => (text.length > 0 ? Number(text) : undefined));
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
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(parsed.data)) if (value !== undefined) answers[id] = value as AnswerValue;
  return { ok: true, answers };
}
