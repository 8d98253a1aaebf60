// Survey results: per-item counts, means and distributions, CASCADE gaps and baseline/follow-up change.
// Any figure resting on fewer than MIN_RESPONDENTS answers is suppressed, so no individual's answer can be read off.
import { NEXT_ACTION_ID, questionsOf, type RatingQuestion, type Survey } from './definition';
import type { Answers } from './answers';

export const MIN_RESPONDENTS = 3;

export interface ItemResult {
  readonly questionId: string;
  readonly label: string;
  readonly text: string;
  readonly n: number;
  /** Undefined when suppressed. */
  readonly mean?: number;
  readonly distribution?: readonly { readonly value: number; readonly label: string; readonly count: number }[];
}

export interface GapResult {
  readonly dimensionId: string;
  readonly letter: string;
  readonly name: string;
  readonly nowN: number;
  readonly yearN: number;
  readonly nowMean?: number;
  readonly yearMean?: number;
  /** "In a year" minus "now"; undefined when either side is suppressed. */
  readonly gap?: number;
}

export interface RunResults {
  readonly respondents: number;
  readonly items: readonly ItemResult[];
  readonly gaps: readonly GapResult[];
  /** Typed next actions, without names, sorted so order says nothing about who wrote which; empty under the threshold. */
  readonly nextActions: readonly string[];
}

export interface ChangeResult {
  readonly questionId: string;
  readonly label: string;
  readonly baselineN: number;
  readonly followUpN: number;
  readonly baselineMean?: number;
  readonly followUpMean?: number;
  /** Follow-up mean minus baseline mean; undefined when either side is suppressed. */
  readonly change?: number;
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function ratingQuestions(survey: Survey): RatingQuestion[] {
  return questionsOf(survey).filter((q): q is RatingQuestion => q.type === 'rating');
}

function valuesOf(question: RatingQuestion, responses: readonly Answers[]): number[] {
  return responses.map((r) => r[question.id]).filter((v): v is number => typeof v === 'number' && v >= question.min && v <= question.max);
}

function meanOf(values: readonly number[]): number | undefined {
  return values.length >= MIN_RESPONDENTS ? round(values.reduce((a, b) => a + b, 0) / values.length) : undefined;
}

export function summariseRun(survey: Survey, responses: readonly Answers[]): RunResults {
  const respondents = responses.filter((r) => Object.keys(r).length > 0).length;
  const items = ratingQuestions(survey).map((question): ItemResult => {
    const values = valuesOf(question, responses);
    const shown = values.length >= MIN_RESPONDENTS;
    return {
      questionId: question.id,
      label: question.label,
      text: question.text,
      n: values.length,
      mean: meanOf(values),
      distribution: shown ? question.choices.map((c) => ({ value: c.value, label: c.label, count: values.filter((v) => v === c.value).length })) : undefined,
    };
  });
  const byId = new Map(items.map((i) => [i.questionId, i]));
  const gaps = survey.dimensions.map((d): GapResult => {
    const now = byId.get(`${d.id}_now`);
    const year = byId.get(`${d.id}_year`);
    const gap = now?.mean !== undefined && year?.mean !== undefined ? round(year.mean - now.mean) : undefined;
    return { dimensionId: d.id, letter: d.letter, name: d.name, nowN: now?.n ?? 0, yearN: year?.n ?? 0, nowMean: now?.mean, yearMean: year?.mean, gap };
  });
  const typed = responses.map((r) => r[NEXT_ACTION_ID]).filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
  const nextActions = respondents >= MIN_RESPONDENTS ? [...typed].sort((a, b) => a.localeCompare(b)) : [];
  return { respondents, items, gaps, nextActions };
}

export function compareRuns(survey: Survey, baseline: readonly Answers[], followUp: readonly Answers[]): ChangeResult[] {
  return ratingQuestions(survey).map((question) => {
    const before = valuesOf(question, baseline);
    const after = valuesOf(question, followUp);
    const baselineMean = meanOf(before);
    const followUpMean = meanOf(after);
    return {
      questionId: question.id,
      label: question.label,
      baselineN: before.length,
      followUpN: after.length,
      baselineMean,
      followUpMean,
      change: baselineMean !== undefined && followUpMean !== undefined ? round(followUpMean - baselineMean) : undefined,
    };
  });
}
