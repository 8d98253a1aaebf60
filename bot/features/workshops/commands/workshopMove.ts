// `workshop move <cohort> <1|2> <YYYY-MM-DD> <HH:mm>` (coordinators): moves one workshop. Only start and end are sent
// to Graph, so attendees get one update, not a fresh invitation each; the channel card is updated. A date that needs a
// second look (weekend, bank holiday, school holiday, short gap) gets a confirmation card first.
import { WORKSHOP_MOVE_VERB } from '../cardActions/workshopMove';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { cohortAtStartOf } from '../../cohorts';
import { moveWorkshop } from '../workshopBooking';

export const route = {
  name: 'workshop move',
  usage: 'workshop move <cohort name> <1|2> <YYYY-MM-DD> <HH:mm>',
  description: 'Move a booked workshop to another date or time (UK time).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'move workshops');
  const { stored, rest } = await cohortAtStartOf(input.caller.tenantId, input.args, route.usage, services);
  const match = /^([12])\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})$/.exec(rest.trim());
  if (!match) throw validationError(`After the cohort name give the workshop number, the new date and the start time. Usage: ${route.usage}`);
  const number = Number(match[1]) as 1 | 2;
  return reply.card(await moveWorkshop(stored, { number, date: match[2] as string, time: (match[3] as string).padStart(5, '0'), confirmed: false, confirmVerb: WORKSHOP_MOVE_VERB }, services, input.now));
}
