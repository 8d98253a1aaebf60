// `fiveSteps.settings`: the school's senior mental health lead chose whether the area's overview may name the school
// ("share with the network") and how often the plan is reviewed (3 to 6 months). Nobody else may.
import { z } from 'zod';
import { forbidden } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { PLAN_SETTINGS_VERB } from '../cards/plan';
import { emptyPlan, REVIEW_MONTHS } from '../domain/plan';
import type { PlanChange } from '../planRepository';
import { planViewFor } from '../planAccess';
import { headerView } from '../planViews';
import { linkedSchool } from '../schoolAccess';

export const VERB = PLAN_SETTINGS_VERB;

const dataSchema = z.object({
  areaId: z.string().min(1).max(64),
  urn: z.string().min(1).max(20),
  share: z.enum(['true', 'false']).transform((value) => value === 'true'),
  reviewMonths: z.coerce.number().int().min(REVIEW_MONTHS.min).max(REVIEW_MONTHS.max),
});

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'These settings could not be read, so nothing was changed. Send "plan" for a new card.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { areaId, urn, share, reviewMonths } = input.data;
  const school = await linkedSchool(input.caller, areaId, urn, services);
  const framework = services.fiveStepsFramework;
  const saved = await services.fiveStepsPlans.change(
    school,
    () => emptyPlan(school, framework),
    (stored, plan): PlanChange<boolean> => {
      if (stored?.lead?.aadObjectId !== input.caller.aadObjectId) return { refuse: false };
      return { write: { plan: { ...plan, shareWithNetwork: share, reviewMonths } }, result: true };
    },
    input.now,
  );
  if (!saved) throw forbidden("Only the school's senior mental health lead can change these settings, so nothing was changed. A coordinator names the lead with \"plan lead\".");
  services.logger.info({ event: 'fiveSteps.settings-saved', area: areaId, urn, share, reviewMonths, by: input.caller.aadObjectId }, 'plan settings saved');
  const view = await planViewFor(school, input.caller, input.now, services);
  return { card: headerView(view, services, { text: `Saved: ${share ? 'the area overview may name the school' : 'the area overview counts the school only in totals'}; reviews every ${reviewMonths} months.`, color: 'Good' }) };
}
