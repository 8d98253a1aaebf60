// `cohort add <cohort> <emails>` (coordinators): adds people to an existing cohort; only the missing ones are added.
import { COHORT_CREATE_VERB } from '../cardActions/cohortCreate';
import { MAX_COHORT_MEMBERS, mergeMembers, parseEmails } from '../domain/cohorts';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { askForSchools, checkCohortSize, checkSchoolPairs, readSchoolPairs, saveSchoolLinks } from '../../schools';
import { cohortAtStartOf } from '../cohortLookup';
import { continueSetup, setupResultCard } from '../cohortSetup';

export const route = {
  name: 'cohort add',
  usage: 'cohort add <cohort name> <emails> (each may be followed by its school\'s URN: sam@school.org 123456)',
  description: 'Add people (guests too) to a cohort. Paste the addresses after the name, each with its school\'s URN if you know it.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'add people to cohorts');
  const { stored, rest } = await cohortAtStartOf(input.caller.tenantId, input.args, route.usage, services);
  const schools = readSchoolPairs(rest);
  const emails = parseEmails(schools.emailsText);
  if (emails.invalid.length > 0) {
    throw validationError('Nobody was added. These are not email addresses:', emails.invalid.slice(0, 20));
  }
  if (emails.valid.length === 0) throw validationError(`Give at least one email address after the cohort name. Usage: ${route.usage}`);
  const members = mergeMembers(stored.value.members, emails.valid);
  if (members.length > MAX_COHORT_MEMBERS) throw validationError(`A cohort can have at most ${MAX_COHORT_MEMBERS} members; this would make ${members.length}.`);
  // Every URN is checked, and the cohort's size in schools, before anything is saved.
  const links = await checkSchoolPairs(input.caller.tenantId, stored.value.areaId, schools.pairs, input.now, services);
  await checkCohortSize(stored.value, links, schools.confirmed, services);
  const saved = await services.cohorts.save({ ...stored.value, members, updated: input.now }, stored.etag);
  const outcome = await continueSetup(saved, input.caller, input.now, services);
  const c = outcome.cohort;
  await saveSchoolLinks(c, links, services);
  const asked = await askForSchools(c, input.now, services);
  return reply.card(
    setupResultCard(outcome, services, COHORT_CREATE_VERB, {
      name: c.name,
      area: c.areaId,
      team: c.teamConversationId,
      membershipType: c.membershipType,
      members: '',
      facilitator: c.facilitator ?? '',
    }),
    schoolsText(links.links.length, asked),
  );
}

/** The line about schools under the result card, when there is something to say. */
function schoolsText(linked: number, asked: string | undefined): string | undefined {
  const lines = [linked > 0 ? `Linked ${linked} ${linked === 1 ? 'person' : 'people'} to their school.` : '', asked ?? ''].filter((line) => line.length > 0);
  return lines.length > 0 ? lines.join(' ') : undefined;
}
