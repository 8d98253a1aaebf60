// The area's view of its schools' plans, pure: from one compact summary per school (its ratings, last review and
// whether it shares with the network), how many have a plan, how many were reviewed in the last six months, each
// step's red/amber/green share and the weakest actions. Schools are named only when they chose to share.
import { DateTime } from 'luxon';
import type { Framework } from './framework';
import { RATINGS, type Plan, type Rating } from './plan';

/** What the area keeps per school: enough for the overview, without reading any school's plan or reviews. */
export interface PlanSummary {
  readonly urn: string;
  readonly areaId: string;
  readonly schoolName: string;
  readonly shareWithNetwork: boolean;
  readonly lastReviewAt?: Date;
  readonly ratings: Readonly<Record<string, Rating>>;
}

export function summaryOf(plan: Plan): PlanSummary {
  const ratings: Record<string, Rating> = {};
  for (const [actionId, entry] of Object.entries(plan.entries)) if (entry.rating) ratings[actionId] = entry.rating;
  return {
    urn: plan.urn,
    areaId: plan.areaId,
    schoolName: plan.schoolName,
    shareWithNetwork: plan.shareWithNetwork,
    ...(plan.lastReviewAt ? { lastReviewAt: plan.lastReviewAt } : {}),
    ratings,
  };
}

const CODE: Readonly<Record<Rating, string>> = { red: 'r', amber: 'a', green: 'g' };
const FROM_CODE: Readonly<Record<string, Rating>> = { r: 'red', a: 'amber', g: 'green' };

/** Ratings as one short text (`lc-prepare=g;wt-group=r`), so a summary row stays one small entity. */
export function encodeRatings(ratings: Readonly<Record<string, Rating>>): string {
  return Object.entries(ratings)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, rating]) => `${id}=${CODE[rating]}`)
    .join(';');
}

export function decodeRatings(text: string): Record<string, Rating> {
  const ratings: Record<string, Rating> = {};
  for (const pair of text.split(';')) {
    const [id, code] = pair.split('=');
    const rating = code === undefined ? undefined : FROM_CODE[code];
    if (id && rating) ratings[id] = rating;
  }
  return ratings;
}

export interface StepShare {
  readonly stepId: string;
  readonly title: string;
  readonly red: number;
  readonly amber: number;
  readonly green: number;
  /** Whole per cent of the rated actions across schools (red + amber + green = 100 when any is rated). */
  readonly redPercent: number;
  readonly amberPercent: number;
  readonly greenPercent: number;
}

export interface WeakAction {
  readonly actionId: string;
  readonly stepTitle: string;
  readonly text: string;
  readonly red: number;
  readonly amber: number;
  readonly green: number;
  /** Red counts 1, amber a half, green nothing, over the schools that rated it: 1 is "red everywhere". */
  readonly weakness: number;
}

export interface PlansOverview {
  readonly schoolsWithPlan: number;
  readonly reviewedInLastSixMonths: number;
  readonly steps: readonly StepShare[];
  readonly weakestActions: readonly WeakAction[];
  /** Only schools whose lead chose to share with the network, by name. */
  readonly sharedSchools: readonly { readonly urn: string; readonly schoolName: string; readonly green: number; readonly rated: number }[];
}

/** Whole per cents of parts that add up to 100 (largest remainder), or zeros when there is nothing. */
export function percents(parts: readonly number[]): number[] {
  const total = parts.reduce((sum, part) => sum + part, 0);
  if (total === 0) return parts.map(() => 0);
  const exact = parts.map((part) => (part * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((sum, part) => sum + part, 0);
  const order = exact.map((value, i) => ({ i, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

function sixMonthsBefore(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months: 6 }).toJSDate();
}

/** The overview of these schools' summaries under the current framework (ratings of retired actions are left out). */
export function plansOverview(summaries: readonly PlanSummary[], framework: Framework, now: Date, weakestCount = 5): PlansOverview {
  const since = sixMonthsBefore(now);
  const counts = new Map<string, Record<Rating, number>>();
  for (const step of framework.steps) for (const action of step.actions) counts.set(action.id, { red: 0, amber: 0, green: 0 });
  for (const summary of summaries) {
    for (const [actionId, rating] of Object.entries(summary.ratings)) {
      const count = counts.get(actionId);
      if (count) count[rating] += 1;
    }
  }
  const steps = framework.steps.map((step): StepShare => {
    const sum = { red: 0, amber: 0, green: 0 };
    for (const action of step.actions) for (const rating of RATINGS) sum[rating] += counts.get(action.id)?.[rating] ?? 0;
    const [redPercent = 0, amberPercent = 0, greenPercent = 0] = percents([sum.red, sum.amber, sum.green]);
    return { stepId: step.id, title: step.title, ...sum, redPercent, amberPercent, greenPercent };
  });
  const weakestActions = framework.steps
    .flatMap((step) =>
      step.actions.map((action): WeakAction => {
        const { red, amber, green } = counts.get(action.id) ?? { red: 0, amber: 0, green: 0 };
        const rated = red + amber + green;
        return { actionId: action.id, stepTitle: step.title, text: action.text, red, amber, green, weakness: rated === 0 ? 0 : (red + amber / 2) / rated };
      }),
    )
    .filter((action) => action.red + action.amber > 0)
    .sort((a, b) => b.weakness - a.weakness || b.red - a.red || a.actionId.localeCompare(b.actionId))
    .slice(0, weakestCount);
  const current = new Set(counts.keys());
  const sharedSchools = summaries
    .filter((summary) => summary.shareWithNetwork)
    .map((summary) => {
      const ratings = Object.entries(summary.ratings).filter(([id]) => current.has(id));
      return { urn: summary.urn, schoolName: summary.schoolName, green: ratings.filter(([, r]) => r === 'green').length, rated: ratings.length };
    })
    .sort((a, b) => a.schoolName.localeCompare(b.schoolName));
  return {
    schoolsWithPlan: summaries.length,
    reviewedInLastSixMonths: summaries.filter((summary) => summary.lastReviewAt !== undefined && summary.lastReviewAt >= since).length,
    steps,
    weakestActions,
    sharedSchools,
  };
}
