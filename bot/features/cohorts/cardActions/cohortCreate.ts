// `cohort.create`: the submitted "Create a cohort" card. Validates everything first (nothing recorded on bad input),
// then sets the cohort up; a re-run with the same name reuses what exists and finishes what is missing.
import { z } from 'zod';
import { isAreaId } from '../../../domain/areas';
import { cohortIdFor, cohortNameProblems, isEmail, MAX_COHORT_MEMBERS, parseEmails } from '../domain/cohorts';
import { validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { createCohort, setupResultCard } from '../cohortSetup';

export const COHORT_CREATE_VERB = 'cohort.create';

const dataSchema = z.object({
  name: z.string().default(''),
  area: z.string().default(''),
  team: z.string().default(''),
  membershipType: z.enum(['standard', 'private']).default('standard'),
  members: z.string().default(''),
  facilitator: z.string().default(''),
});

export const action = defineCardAction({
  verb: COHORT_CREATE_VERB,
  data: dataSchema,
  outOfDate: 'This card\'s answers could not be read, so nothing was saved. Open a new one with "cohort create".',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  await services.access.require(input.caller, 'coordinator', 'create cohorts');
  const data = input.data;
  const problems = [...cohortNameProblems(data.name)];
  const area = data.area.trim().toLowerCase();
  if (!isAreaId(area)) problems.push('The area id must be 2 to 40 lower-case letters, digits or hyphens, e.g. salford.');
  if (data.team.trim() === '') problems.push('Choose the team the channel goes in.');
  const emails = parseEmails(data.members);
  if (emails.invalid.length > 0) problems.push(`These are not email addresses: ${emails.invalid.slice(0, 10).join(', ')}${emails.invalid.length > 10 ? ' …' : ''}`);
  // "Run again to finish" sends no list: the cohort row already holds its members.
  const rerun = emails.valid.length === 0 && (await services.cohorts.get(input.caller.tenantId, cohortIdFor(data.name))) !== undefined;
  if (emails.valid.length === 0 && !rerun) problems.push('Paste at least one member\'s email address.');
  if (emails.valid.length > MAX_COHORT_MEMBERS) problems.push(`A cohort can have at most ${MAX_COHORT_MEMBERS} members; you gave ${emails.valid.length}.`);
  const facilitator = data.facilitator.trim().toLowerCase();
  if (facilitator !== '' && !isEmail(facilitator)) problems.push('The facilitator\'s email address is not valid.');
  if (problems.length > 0) throw validationError('The cohort was not created. Fix these and try again:', problems);

  const outcome = await createCohort(
    {
      name: data.name,
      areaId: area,
      teamConversationId: data.team,
      membershipType: data.membershipType,
      emails: emails.valid,
      facilitator: facilitator || undefined,
    },
    input.caller,
    input.now,
    services,
  );
  return { card: setupResultCard(outcome, services, COHORT_CREATE_VERB, { ...data, members: '' }) };
}
