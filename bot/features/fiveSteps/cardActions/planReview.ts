// `fiveSteps.review`: the school's senior mental health lead marked a review complete. The plan's ratings are kept as
// a dated snapshot (each action's text as it is now, so a later framework does not change it) and the next review
// falls due after the school's cycle. Nobody else may, and a card from an older action list is shown again.
import { z } from 'zod';
import { forbidden } from '../../../errors';
import { describeLondonDate } from '../../../domain/londonTime';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { PLAN_REVIEW_VERB } from '../cards/plan';
import { emptyPlan, nextReviewDue, reviewed, snapshotOf } from '../domain/plan';
import type { PlanChange } from '../planRepository';
import { planViewFor } from '../planAccess';
import { headerView } from '../planViews';
import { linkedSchool } from '../schoolAccess';

export const VERB = PLAN_REVIEW_VERB;

const dataSchema = z.object({ areaId: z.string().min(1).max(64), urn: z.string().min(1).max(20), version: z.coerce.number().int().positive() });

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'This plan card could not be read, so no review was recorded. Send "plan" for a new one.',
  handle,
});

type Outcome = 'reviewed' | 'not-lead' | 'stale';

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { areaId, urn, version } = input.data;
  const school = await linkedSchool(input.caller, areaId, urn, services);
  const framework = services.fiveStepsFramework;
  const by = { aadObjectId: input.caller.aadObjectId, name: input.caller.name };
  const outcome = await services.fiveStepsPlans.change<Outcome>(
    school,
    () => emptyPlan(school, framework),
    (stored, plan): PlanChange<Outcome> => {
      if (stored?.lead?.aadObjectId !== input.caller.aadObjectId) return { refuse: 'not-lead' };
      if (version !== framework.version) return { refuse: 'stale' };
      return { write: { plan: reviewed(plan, input.now), review: snapshotOf(plan, framework, by, input.now), editor: by }, result: 'reviewed' };
    },
    input.now,
  );
  if (outcome === 'not-lead') throw forbidden("Only the school's senior mental health lead can mark a review complete, so none was recorded. A coordinator names the lead with \"plan lead\".");
  const view = await planViewFor(school, input.caller, input.now, services);
  if (outcome === 'stale') {
    return { card: headerView(view, services, { text: 'The list of actions changed since this card was made, so no review was recorded. Check the step cards (send "plan") and mark the review complete again.', color: 'Attention' }) };
  }
  services.logger.info({ event: 'fiveSteps.review-completed', area: areaId, urn, by: input.caller.aadObjectId }, 'plan review completed');
  const due = nextReviewDue(input.now, view.plan.reviewMonths);
  return {
    card: headerView(view, services, {
      text: `Review ${view.plan.reviews} recorded on ${describeLondonDate(input.now)}. The next is due ${describeLondonDate(due)}; I'll remind you. "plan progress" shows what changed since the last one.`,
      color: 'Good',
    }),
  };
}
