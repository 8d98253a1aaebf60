// `cohort show <name>` (coordinators): one cohort, member by member, with its workshops.
import { noticeCard } from '../../../platform/cards/notice';
import { memberLines, type Cohort } from '../domain/cohorts';
import { describeLondonDateTime, londonInstant } from '../../../domain/londonTime';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { cohortSchoolLines } from '../../schools';
import { cohortNamed } from '../cohortLookup';

export const route = {
  name: 'cohort show',
  usage: 'cohort show <cohort name>',
  description: 'Show a cohort: its channel, members and workshops.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'see cohorts');
  if (input.args.trim() === '') throw validationError(`Name the cohort. Usage: ${route.usage}`);
  const { value: cohort } = await cohortNamed(input.caller.tenantId, input.args, services);
  const workshops = (cohort.booking?.workshops ?? []).map(
    (w) => `Workshop ${w.number}: ${describeLondonDateTime(londonInstant(w.localStart.slice(0, 10), w.localStart.slice(11, 16)))}${w.status === 'cancelled' ? ' (cancelled)' : ''}`,
  );
  const schools = await cohortSchoolLines(cohort, services);
  return reply.card(
    services.cards.render(noticeCard, {
      title: cohort.name,
      message: `Area ${cohort.areaId}; ${cohort.membershipType} channel in ${cohort.teamName ?? 'the team'}; ${progressOf(cohort)}.${cohort.facilitator ? ` Facilitator: ${cohort.facilitator}.` : ''}`,
      details: [...workshops, ...schools, ...memberLines(cohort.members, 80)],
    }),
  );
}

/** One line per cohort for `cohort list`: its area and how far its set-up has got. */
export function summaryOf(cohort: Cohort): string {
  return `area ${cohort.areaId}, ${progressOf(cohort)}`;
}

/** How far a cohort's set-up has got: its channel, members added and workshops booked. */
function progressOf(cohort: Cohort): string {
  const added = cohort.members.filter((m) => m.status === 'added').length;
  const booked = (cohort.booking?.workshops ?? []).filter((w) => w.status === 'booked').length;
  const state = cohort.status === 'ready' ? 'channel ready' : 'set-up not finished (run "cohort create" again with the same name)';
  return `${state}, ${added} of ${cohort.members.length} members added, ${booked} of 2 workshops booked`;
}
