// The dashboard's figures, pure: each cohort's state and what is left to do, and the evaluation pooled across cohorts
// (baseline against follow-up per pulse measure, CASCADE "now" against "in a year"), every figure from fewer than
// MIN_RESPONDENTS people suppressed exactly as the results cards do it. Time comes in as a parameter. (Not in domain/:
// it builds on the surveys feature's results, which a domain/ folder may not import.)
import type { Cohort } from '../cohorts';
import { compareRuns, MIN_RESPONDENTS, summariseRun, type Answers, type Survey } from '../surveys';

export const SUPPRESSED = `fewer than ${MIN_RESPONDENTS}`;

export interface WorkshopState {
  readonly number: 1 | 2;
  readonly status: 'not booked' | 'booked' | 'held' | 'cancelled';
  /** London wall-clock start, e.g. `2026-10-05T09:30`. */
  readonly localStart?: string;
}

export interface CohortState {
  readonly id: string;
  readonly name: string;
  readonly channelMade: boolean;
  readonly members: number;
  readonly membersAdded: number;
  readonly workshops: readonly WorkshopState[];
  readonly surveysOpen: readonly string[];
  readonly leftToDo: readonly string[];
}

export interface OpenSurvey {
  readonly kind: 'cascade' | 'pulse';
  readonly phase: 'baseline' | 'follow-up';
}

/** A cohort's state; `londonNow` is the London wall-clock time now (`YYYY-MM-DDTHH:MM`), to tell booked from held. */
export function cohortState(cohort: Cohort, openSurveys: readonly OpenSurvey[], londonNow: string): CohortState {
  const added = cohort.members.filter((member) => member.status === 'added').length;
  const workshops = ([1, 2] as const).map((number): WorkshopState => {
    const record = cohort.booking?.workshops.find((workshop) => workshop.number === number);
    if (!record) return { number, status: 'not booked' };
    if (record.status === 'cancelled') return { number, status: 'cancelled', localStart: record.localStart };
    return { number, status: record.localEnd <= londonNow ? 'held' : 'booked', localStart: record.localStart };
  });
  const leftToDo: string[] = [];
  if (!cohort.channelId) leftToDo.push(`Make the channel: run "cohort create" again for ${cohort.name}.`);
  if (added < cohort.members.length) leftToDo.push(`Add ${cohort.members.length - added} of ${cohort.members.length} members: "cohort show ${cohort.name}" lists who and why.`);
  for (const workshop of workshops) {
    if (workshop.status === 'not booked' || workshop.status === 'cancelled') leftToDo.push(`Book workshop ${workshop.number}: "workshop book ${cohort.name}".`);
  }
  return {
    id: cohort.id,
    name: cohort.name,
    channelMade: cohort.channelId !== undefined,
    members: cohort.members.length,
    membersAdded: added,
    workshops,
    surveysOpen: openSurveys.map((survey) => `${survey.kind === 'cascade' ? 'CASCADE' : 'pulse'} ${survey.phase}`),
    leftToDo,
  };
}

/** One figure: a mean with its n and spread, or suppressed (mean, sd and spread absent) under the threshold. */
export interface Figure {
  readonly n: number;
  readonly mean?: number;
  readonly sd?: number;
  /** How many chose each point of the scale. */
  readonly spread?: readonly { readonly value: number; readonly count: number }[];
}

export interface MeasureChange {
  readonly questionId: string;
  readonly label: string;
  readonly text: string;
  readonly baseline: Figure;
  readonly followUp: Figure;
  /** Follow-up mean minus baseline mean; absent when either is suppressed. */
  readonly change?: number;
}

export interface CascadeDimension {
  readonly letter: string;
  readonly name: string;
  readonly now: Figure;
  readonly inAYear: Figure;
  readonly gap?: number;
}

export interface Evaluation {
  readonly pulse: {
    readonly baselineRespondents: number;
    readonly followUpRespondents: number;
    readonly cohortsWithBaseline: number;
    readonly cohortsWithFollowUp: number;
    readonly measures: readonly MeasureChange[];
  };
  readonly cascade: { readonly respondents: number; readonly cohorts: number; readonly dimensions: readonly CascadeDimension[] };
}

/** Answers of each cohort's latest run of a kind and phase (a cohort with none is absent). */
export interface PooledAnswers {
  readonly pulseBaseline: readonly (readonly Answers[])[];
  readonly pulseFollowUp: readonly (readonly Answers[])[];
  readonly cascade: readonly (readonly Answers[])[];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function sdOf(spread: readonly { value: number; count: number }[], mean: number): number {
  const n = spread.reduce((sum, point) => sum + point.count, 0);
  if (n < 2) return 0;
  const squares = spread.reduce((sum, point) => sum + point.count * (point.value - mean) ** 2, 0);
  return round2(Math.sqrt(squares / (n - 1)));
}

function figureOf(item: { n: number; mean?: number; distribution?: readonly { value: number; count: number }[] } | undefined): Figure {
  if (!item || item.mean === undefined || !item.distribution) return { n: item?.n ?? 0 };
  const spread = item.distribution.map((point) => ({ value: point.value, count: point.count }));
  return { n: item.n, mean: item.mean, sd: sdOf(spread, item.mean), spread };
}

export function evaluationOf(pulse: Survey, cascade: Survey, pooled: PooledAnswers): Evaluation {
  const baseline = pooled.pulseBaseline.flat();
  const followUp = pooled.pulseFollowUp.flat();
  const before = summariseRun(pulse, baseline);
  const after = summariseRun(pulse, followUp);
  const changes = new Map(compareRuns(pulse, baseline, followUp).map((change) => [change.questionId, change]));
  const afterItems = new Map(after.items.map((item) => [item.questionId, item]));
  const measures = before.items.map((item): MeasureChange => {
    const change = changes.get(item.questionId)?.change;
    return {
      questionId: item.questionId,
      label: item.label,
      text: item.text,
      baseline: figureOf(item),
      followUp: figureOf(afterItems.get(item.questionId)),
      ...(change === undefined ? {} : { change }),
    };
  });
  const cascadeAnswers = pooled.cascade.flat();
  const cascadeSummary = summariseRun(cascade, cascadeAnswers);
  const cascadeItems = new Map(cascadeSummary.items.map((item) => [item.questionId, item]));
  const dimensions = cascadeSummary.gaps.map((gap): CascadeDimension => ({
    letter: gap.letter,
    name: gap.name,
    now: figureOf(cascadeItems.get(`${gap.dimensionId}_now`)),
    inAYear: figureOf(cascadeItems.get(`${gap.dimensionId}_year`)),
    ...(gap.gap === undefined ? {} : { gap: gap.gap }),
  }));
  return {
    pulse: {
      baselineRespondents: before.respondents,
      followUpRespondents: after.respondents,
      cohortsWithBaseline: pooled.pulseBaseline.length,
      cohortsWithFollowUp: pooled.pulseFollowUp.length,
      measures,
    },
    cascade: { respondents: cascadeSummary.respondents, cohorts: pooled.cascade.length, dimensions },
  };
}
