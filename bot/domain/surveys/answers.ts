// Checks one page of answers from a card: every required rating present and on its scale, free text within its limit.
import type { SurveyPage } from './definition';

export type AnswerValue = number | string;
export type Answers = Readonly<Record<string, AnswerValue>>;

export type PageAnswersResult =
  | { readonly ok: true; readonly answers: Answers }
  | { readonly ok: false; readonly problems: readonly string[] };

/** `data` is the untrusted Action.Execute data: the card's inputs arrive as strings keyed by question id. */
export function parsePageAnswers(page: SurveyPage, data: Readonly<Record<string, unknown>>): PageAnswersResult {
  const answers: Record<string, AnswerValue> = {};
  const problems: string[] = [];
  for (const question of page.questions) {
    const raw = data[question.id];
    const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : raw === undefined || raw === null ? '' : undefined;
    const name = question.type === 'rating' && question.dimension ? `${question.dimension.letter} (${question.dimension.name.split(' ').slice(0, 4).join(' ')}...): ${question.text}` : question.text;
    if (text === undefined) {
      problems.push(`"${name}" was not an answer I can read.`);
      continue;
    }
    if (question.type === 'text') {
      if (text.length > question.maxLength) problems.push(`"${question.label}" is ${text.length} characters; the limit is ${question.maxLength}.`);
      else if (text.length > 0) answers[question.id] = text;
      continue;
    }
    if (text.length === 0) {
      if (question.required) problems.push(`"${name}" needs a rating.`);
      continue;
    }
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || value < question.min || value > question.max) {
      problems.push(`"${name}" must be a whole number from ${question.min} to ${question.max}.`);
      continue;
    }
    answers[question.id] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}
