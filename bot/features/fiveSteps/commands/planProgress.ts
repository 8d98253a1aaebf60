// `plan progress [URN]` (school staff): each step's greens, ambers and reds at each completed review (the last 12) and
// now, as bars, and what changed since the last review.
import { describeLondonDate } from '../../../domain/londonTime';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { planProgressCard } from '../cards/plan';
import { percents } from '../domain/overview';
import { changesSince, RATING_LABELS, snapshotOf, snapshotTallies, type StepTally } from '../domain/plan';
import { planViewFor } from '../planAccess';
import { describeTally } from '../planViews';
import { schoolFromArgs } from '../schoolAccess';

export const route = {
  name: 'plan progress',
  usage: 'plan progress [URN]',
  description: "How your school's 5 Steps plan changed from review to review, and since the last one.",
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

const SHOWN_REVIEWS = 12;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const school = await schoolFromArgs(input.caller, input.args, route.usage, services);
  const view = await planViewFor(school, input.caller, input.now, services);
  const reviews = (await services.fiveStepsPlans.reviews(school.tenantId, school.areaId, school.urn)).slice(-SHOWN_REVIEWS);
  const now = snapshotOf(view.plan, view.framework, { aadObjectId: input.caller.aadObjectId, name: input.caller.name }, input.now);
  const points = [...reviews.map((review) => ({ label: `Review ${describeLondonDate(review.at)}`, tallies: snapshotTallies(review) })), { label: 'Now', tallies: snapshotTallies(now) }];
  const last = reviews.at(-1);
  const changes = changesSince(last, now);
  const actionText = new Map(view.framework.steps.flatMap((step) => step.actions.map((action) => [action.id, `${step.title}: ${action.text}`] as const)));
  const card = services.cards.render(planProgressCard, {
    title: `5 Steps progress: ${school.schoolName}`,
    intro:
      reviews.length === 0
        ? "No review has been marked complete yet, so this is the plan as it is now. The school's senior mental health lead marks a review complete on the plan's first card."
        : `${reviews.length} ${reviews.length === 1 ? 'review' : 'reviews'}${reviews.length === SHOWN_REVIEWS ? ' (the latest)' : ''} and the plan now: each step's actions green (achieved), amber (working towards), red (not yet in place), grey not rated.`,
    steps: view.framework.steps.map((step) => ({
      title: step.title,
      rows: points.map((point) => {
        const tally: StepTally = point.tallies.get(step.id) ?? { red: 0, amber: 0, green: 0, unrated: step.actions.length };
        return { label: point.label, figure: describeTally(tally), bars: barsOf(tally) };
      }),
    })),
    changesTitle: last ? `Changed since the review on ${describeLondonDate(last.at)}` : 'Rated so far',
    changes:
      changes.length === 0
        ? [{ line: 'Nothing has changed since.' }]
        : changes.slice(0, 40).map((change) => ({
            line: `${actionText.get(change.actionId) ?? change.text}: ${change.from ? RATING_LABELS[change.from] : 'not rated'} → ${change.to ? RATING_LABELS[change.to] : 'not rated'}`,
          })),
  });
  return reply.card(card);
}

function barsOf(tally: StepTally): { width: number; style: 'good' | 'warning' | 'attention' | 'emphasis' }[] {
  const [green = 0, amber = 0, red = 0, unrated = 0] = percents([tally.green, tally.amber, tally.red, tally.unrated]);
  return [
    { width: green, style: 'good' as const },
    { width: amber, style: 'warning' as const },
    { width: red, style: 'attention' as const },
    { width: unrated, style: 'emphasis' as const },
  ].filter((bar) => bar.width > 0);
}
