// `cohort create` (coordinators): opens the "Create a cohort" card; its submit is the `cohort.create` card action.
import { noticeCard } from '../../../platform/cards/notice';
import { COHORT_CREATE_VERB } from '../cardActions/cohortCreate';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { cohortForm } from '../cohortForm';

export const route = {
  name: 'cohort create',
  usage: 'cohort create',
  description: 'Create a cohort: its channel, members (guests too) and a welcome card.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'create cohorts');
  const form = await cohortForm(input.caller.tenantId, COHORT_CREATE_VERB, services);
  if (!form) {
    return reply.card(
      services.cards.render(noticeCard, {
        title: 'No team to put the cohort in',
        message: 'Add me to the team that should hold the cohort channels (Teams: the team\'s ... menu > Manage team > Apps), then type "cohort create" again.',
        style: 'warning',
      }),
    );
  }
  return reply.card(form);
}
