// `plan [URN]` (school staff, in personal chat): the caller's school's 5 Steps plan as a header card and one card per
// step. A person linked to several schools names one by URN.
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { planViewFor } from '../planAccess';
import { headerView, stepView } from '../planViews';
import { schoolFromArgs } from '../schoolAccess';

export const route = {
  name: 'plan',
  usage: 'plan [URN]',
  description: "Your school's 5 Steps plan: rate each action red, amber or green, with a note, an owner and a target date.",
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;


export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  if (input.place.scope !== 'personal') {
    throw validationError("A school's plan opens in your personal chat with me, so it is not posted where others can see it. Send me \"plan\" there.");
  }
  const school = await schoolFromArgs(input.caller, input.args, route.usage, services);
  const view = await planViewFor(school, input.caller, input.now, services);
  services.logger.info({ event: 'fiveSteps.plan-opened', area: school.areaId, urn: school.urn, by: input.caller.aadObjectId }, 'plan opened');
  return reply.of({ card: headerView(view, services) }, ...view.framework.steps.map((step) => ({ card: stepView(view, step, services) })));
}
