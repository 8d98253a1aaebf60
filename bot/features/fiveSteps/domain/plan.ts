// A school's 5 Steps plan, pure: each action's RAG rating, note, owner and target date with who changed it last;
// edits from a step's card (refused whole when the card was made from another framework version or names an action
// the step does not have); a review's dated snapshot, which keeps the action texts as they were; what changed since.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isRealIsoDate } from '../../../domain/termCalendar';
import type { Framework, FrameworkStep } from './framework';
import { allActions, stepOf } from './framework';

export const RATINGS = ['red', 'amber', 'green'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Readonly<Record<Rating, string>> = { red: 'Red: not yet in place', amber: 'Amber: working towards', green: 'Green: achieved' };

export const MAX_NOTE = 500;
export const MAX_OWNER = 80;
/** The programme revisits plans every three to six months. */
export const REVIEW_MONTHS = { min: 3, max: 6, default: 3 } as const;

export interface Person {
  readonly aadObjectId: string;
  readonly name: string;
}

export interface ActionEntry {
  readonly rating?: Rating;
  readonly note?: string;
  readonly owner?: string;
  /** yyyy-mm-dd */
  readonly target?: string;
  readonly changedBy: Person;
  readonly changedAt: Date;
}

export interface Plan {
  readonly urn: string;
  readonly areaId: string;
  readonly schoolName: string;
  /** The framework version the plan was last edited under. */
  readonly frameworkVersion: number;
  readonly entries: Readonly<Record<string, ActionEntry>>;
  /** The lead chose "share with the network": the area's overview may name the school. */
  readonly shareWithNetwork: boolean;
  readonly reviewMonths: number;
  readonly lastReviewAt?: Date;
  readonly reviews: number;
}

export function emptyPlan(school: { urn: string; areaId: string; schoolName: string }, framework: Framework): Plan {
  return { ...school, frameworkVersion: framework.version, entries: {}, shareWithNetwork: false, reviewMonths: REVIEW_MONTHS.default, reviews: 0 };
}

/** One action's fields as a step card sends them back (empty means "not set"). */
export const actionEditSchema = z.object({
  actionId: z.string().min(1).max(40),
  rating: z.union([z.enum(RATINGS), z.literal('')]).transform((value) => (value === '' ? undefined : value)),
  note: z.string().max(MAX_NOTE, `a note is at most ${MAX_NOTE} characters`).transform((value) => value.trim()),
  owner: z.string().max(MAX_OWNER, `an owner is at most ${MAX_OWNER} characters`).transform((value) => value.trim()),
  target: z
    .string()
    .transform((value) => value.trim())
    .refine((value) => value === '' || isRealIsoDate(value), 'a target date is a date such as 2027-03-31'),
});
export type ActionEdit = z.output<typeof actionEditSchema>;

export interface StepEdit {
  readonly stepId: string;
  /** The framework version the card was made from. */
  readonly version: number;
  readonly edits: readonly ActionEdit[];
}

export type EditOutcome =
  | { readonly ok: true; readonly plan: Plan; readonly changed: readonly string[] }
  | { readonly ok: false; readonly reason: 'stale' | 'unknown-step' | 'unknown-action'; readonly detail: string };

/**
 * The plan with a step card's edits applied, only the actions whose values changed marked as changed by `by` at
 * `now`; or why none is applied (nothing is half-applied).
 */
export function applyStepEdit(plan: Plan, framework: Framework, edit: StepEdit, by: Person, now: Date): EditOutcome {
  if (edit.version !== framework.version) {
    return { ok: false, reason: 'stale', detail: `the card was made from version ${edit.version} of the action list and the current one is version ${framework.version}` };
  }
  const step = stepOf(framework, edit.stepId);
  if (!step) return { ok: false, reason: 'unknown-step', detail: `there is no step "${edit.stepId.slice(0, 40)}"` };
  const known = new Set(step.actions.map((action) => action.id));
  const unknown = edit.edits.find((e) => !known.has(e.actionId));
  if (unknown) return { ok: false, reason: 'unknown-action', detail: `${step.title} has no action "${unknown.actionId.slice(0, 40)}"` };
  const entries: Record<string, ActionEntry> = { ...plan.entries };
  const changed: string[] = [];
  for (const e of edit.edits) {
    const before = entries[e.actionId];
    const next = { rating: e.rating, note: e.note || undefined, owner: e.owner || undefined, target: e.target || undefined };
    if (before && before.rating === next.rating && before.note === next.note && before.owner === next.owner && before.target === next.target) continue;
    if (!before && next.rating === undefined && next.note === undefined && next.owner === undefined && next.target === undefined) continue;
    entries[e.actionId] = { ...withoutUndefined(next), changedBy: by, changedAt: now };
    changed.push(e.actionId);
  }
  return { ok: true, plan: { ...plan, entries, frameworkVersion: framework.version }, changed };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface StepTally {
  readonly red: number;
  readonly amber: number;
  readonly green: number;
  readonly unrated: number;
}

export function tally(ratings: readonly (Rating | undefined)[]): StepTally {
  const count = (r: Rating) => ratings.filter((rating) => rating === r).length;
  return { red: count('red'), amber: count('amber'), green: count('green'), unrated: ratings.filter((r) => r === undefined).length };
}

export function stepTally(plan: Plan, step: FrameworkStep): StepTally {
  return tally(step.actions.map((action) => plan.entries[action.id]?.rating));
}

/** A review: the plan's ratings at a date, each action with its text as it was, so a later framework does not change it. */
export interface ReviewSnapshot {
  readonly at: Date;
  readonly by: Person;
  readonly frameworkVersion: number;
  readonly actions: readonly { readonly stepId: string; readonly actionId: string; readonly text: string; readonly rating?: Rating }[];
}

export function snapshotOf(plan: Plan, framework: Framework, by: Person, at: Date): ReviewSnapshot {
  return {
    at,
    by,
    frameworkVersion: framework.version,
    actions: allActions(framework).map(({ step, action }) => {
      const rating = plan.entries[action.id]?.rating;
      return { stepId: step.id, actionId: action.id, text: action.text, ...(rating ? { rating } : {}) };
    }),
  };
}

/** The plan after a review was marked complete. */
export function reviewed(plan: Plan, at: Date): Plan {
  return { ...plan, lastReviewAt: at, reviews: plan.reviews + 1 };
}

/** Each step's tally at a review (steps by the snapshot's own step ids). */
export function snapshotTallies(snapshot: ReviewSnapshot): Map<string, StepTally> {
  const byStep = new Map<string, (Rating | undefined)[]>();
  for (const action of snapshot.actions) byStep.set(action.stepId, [...(byStep.get(action.stepId) ?? []), action.rating]);
  return new Map([...byStep].map(([stepId, ratings]) => [stepId, tally(ratings)]));
}

export interface RatingChange {
  readonly actionId: string;
  readonly text: string;
  readonly from?: Rating;
  readonly to?: Rating;
}

/** Actions whose rating differs between the previous review and now (actions only in one of them count as changed). */
export function changesSince(previous: ReviewSnapshot | undefined, current: ReviewSnapshot): RatingChange[] {
  const before = new Map((previous?.actions ?? []).map((action) => [action.actionId, action]));
  const changes: RatingChange[] = [];
  for (const action of current.actions) {
    const was = before.get(action.actionId)?.rating;
    if (was !== action.rating) changes.push({ actionId: action.actionId, text: action.text, ...(was ? { from: was } : {}), ...(action.rating ? { to: action.rating } : {}) });
  }
  return changes;
}

/** The date a plan's next review is due: `reviewMonths` after the last one (the plan's start when never reviewed). */
export function nextReviewDue(lastReviewAt: Date, reviewMonths: number): Date {
  // Calendar months in UTC; a day the later month lacks (31 August + 6) falls on its last day.
  return DateTime.fromJSDate(lastReviewAt, { zone: 'utc' }).plus({ months: reviewMonths }).toJSDate();
}

/**
 * The actions a step card would change although someone changed them after the card was made (`madeAt`): saving it
 * would overwrite their change with what the card showed before it, so the save is refused and the card shown again.
 */
export function changedSinceCard(plan: Plan, edit: StepEdit, madeAt: Date): { actionId: string; by: Person; at: Date }[] {
  const conflicts: { actionId: string; by: Person; at: Date }[] = [];
  for (const e of edit.edits) {
    const current = plan.entries[e.actionId];
    if (!current || current.changedAt.getTime() <= madeAt.getTime()) continue;
    const same = current.rating === e.rating && (current.note ?? '') === e.note && (current.owner ?? '') === e.owner && (current.target ?? '') === e.target;
    if (!same) conflicts.push({ actionId: e.actionId, by: current.changedBy, at: current.changedAt });
  }
  return conflicts;
}

/** The most recent change to any of the step's actions, for "Last changed by ... on ..." on its card. */
export function lastChangeOf(plan: Plan, step: FrameworkStep): { actionId: string; by: Person; at: Date } | undefined {
  let last: { actionId: string; by: Person; at: Date } | undefined;
  for (const action of step.actions) {
    const entry = plan.entries[action.id];
    if (entry && (!last || entry.changedAt > last.at)) last = { actionId: action.id, by: entry.changedBy, at: entry.changedAt };
  }
  return last;
}
