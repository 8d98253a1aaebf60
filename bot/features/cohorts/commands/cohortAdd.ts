// `cohort add <cohort> <emails>` (coordinators): adds people to an existing cohort; only the missing ones are added.
import { COHORT_CREATE_VERB } from '../cardActions/cohortCreate';
import { MAX_COHORT_MEMBERS, mergeMembers, parseEmails } from '../domain/cohorts';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { cohortAtStartOf } from '../cohortLookup';
import { continueSetup, setupResultCard } from '../cohortSetup';

export const route = {
  name: 'cohort add',
  usage: 'cohort add <cohort name> <emails>',
  description: 'Add people (guests too) to a cohort. Paste the addresses after the name.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'add people to cohorts');
  const { stored, rest } = await cohortAtStartOf(input.caller.tenantId, input.args, route.usage, services);
  const emails = parseEmails(rest);
  if (emails.invalid.length > 0) {
    throw validationError('Nobody was added. These are not email addresses:', emails.invalid.slice(0, 20));
  }
  if (emails.valid.length === 0) throw validationError(`Give at least one email address after the cohort name. Usage: ${route.usage}`);
  const members = mergeMembers(stored.value.members, emails.valid);
  if (members.length > MAX_COHORT_MEMBERS) throw validationError(`A cohort can have at most ${MAX_COHORT_MEMBERS} members; this would make ${members.length}.`);
  const saved = await services.cohorts.save({ ...stored.value, members, updated: input.now }, stored.etag);
  const outcome = await continueSetup(saved, input.caller, input.now, services);
  const c = outcome.cohort;
  return reply.card(
    setupResultCard(outcome, services, COHORT_CREATE_VERB, {
      name: c.name,
      area: c.areaId,
      team: c.teamConversationId,
      membershipType: c.membershipType,
      members: '',
      facilitator: c.facilitator ?? '',
    }),
  );
}
