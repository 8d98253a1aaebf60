// `cohort list` (coordinators): every cohort in this tenant, with its area, channel and workshop state.
import { noticeCard } from '../../../platform/cards/notice';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { summaryOf } from './cohortShow';

export const route = {
  name: 'cohort list',
  usage: 'cohort list',
  description: 'List the cohorts.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'list cohorts');
  const cohorts = await services.cohorts.list(input.caller.tenantId);
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Cohorts',
      message: cohorts.length > 0 ? `${cohorts.length} ${cohorts.length === 1 ? 'cohort' : 'cohorts'}. Type "cohort show <name>" for one.` : 'No cohorts yet. Type "cohort create" to make one.',
      details: cohorts.map((c) => `${c.name}: ${summaryOf(c)}`),
    }),
  );
}
