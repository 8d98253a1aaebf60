// `fiveSteps.show`: a plan card refreshed (Teams asks when the card is opened again), so it shows the plan as it is now.
import { z } from 'zod';
import { validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { PLAN_SHOW_VERB } from '../cards/plan';
import { stepOf } from '../domain/framework';
import { planViewFor } from '../planAccess';
import { headerView, stepView } from '../planViews';
import { linkedSchool } from '../schoolAccess';

export const VERB = PLAN_SHOW_VERB;

const dataSchema = z.object({ areaId: z.string().min(1).max(64), urn: z.string().min(1).max(20), part: z.string().min(1).max(40) });

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'This plan card could not be read. Send "plan" for a new one.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { areaId, urn, part } = input.data;
  const school = await linkedSchool(input.caller, areaId, urn, services);
  const view = await planViewFor(school, input.caller, input.now, services);
  if (part === 'header') return { card: headerView(view, services) };
  const step = stepOf(view.framework, part);
  if (!step) throw validationError('This card is for a step the 5 Steps framework no longer has. Send "plan" for your plan as it is now.');
  return { card: stepView(view, step, services) };
}
