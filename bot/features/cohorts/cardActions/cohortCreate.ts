// `cohort.create`: the submitted "Create a cohort" card. Validates everything first (nothing recorded on bad input: the
// form comes back with what was typed and each problem by its field), then sets the cohort up; a re-run with the same
// name reuses what exists and finishes what is missing.
import { z } from 'zod';
import { isAreaId } from '../../../domain/areas';
import { cohortIdFor, cohortNameProblems, isEmail, MAX_COHORT_MEMBERS, parseEmails } from '../domain/cohorts';
import { validationError } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import { formWithProblems, problemLines, type FieldProblem, type FormProblems } from '../../../platform/cards/formProblems';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { cohortForm } from '../cohortForm';
import { askForSchools, checkCohortSize, checkSchoolPairs, readSchoolPairs, saveSchoolLinks } from '../../schools';
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
  const problems: FieldProblem[] = cohortNameProblems(data.name).map((message) => ({ field: 'name', message, required: true }));
  const area = data.area.trim().toLowerCase();
  if (!isAreaId(area)) problems.push({ field: 'area', message: 'The area id must be 2 to 40 lower-case letters, digits or hyphens, e.g. salford.', required: true });
  if (data.team.trim() === '') problems.push({ field: 'team', message: 'Choose the team the channel goes in.', required: true });
  const schools = readSchoolPairs(data.members);
  const emails = parseEmails(schools.emailsText);
  if (emails.invalid.length > 0) problems.push({ field: 'members', message: `These are not email addresses: ${emails.invalid.slice(0, 10).join(', ')}${emails.invalid.length > 10 ? ' …' : ''}` });
  // "Run again to finish" sends no list: the cohort row already holds its members.
  const rerun = emails.valid.length === 0 && (await services.cohorts.get(input.caller.tenantId, cohortIdFor(data.name))) !== undefined;
  if (emails.valid.length === 0 && !rerun) problems.push({ field: 'members', message: 'Paste at least one member\'s email address.', required: true });
  if (emails.valid.length > MAX_COHORT_MEMBERS) problems.push({ field: 'members', message: `A cohort can have at most ${MAX_COHORT_MEMBERS} members; you gave ${emails.valid.length}.` });
  const facilitator = data.facilitator.trim().toLowerCase();
  if (facilitator !== '' && !isEmail(facilitator)) problems.push({ field: 'facilitator', message: 'The facilitator\'s email address is not valid.' });
  if (problems.length > 0) return formAgain(input, { summary: 'The cohort was not created. Fix what is marked below and press "Create cohort" again.', fields: problems }, services);
  // Every URN is checked, and the cohort's size in schools, before anything is created.
  const links = await checkSchoolPairs(input.caller.tenantId, area, schools.pairs, input.now, services);
  await checkCohortSize({ tenantId: input.caller.tenantId, id: cohortIdFor(data.name), areaId: area }, links, schools.confirmed, services);

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
  await saveSchoolLinks(outcome.cohort, links, services);
  const asked = await askForSchools(outcome.cohort, input.now, services);
  return {
    card: setupResultCard(outcome, services, COHORT_CREATE_VERB, { ...data, members: '' }),
    ...(asked ? { messages: [{ text: asked }] } : {}),
  };
}

/** The form again, as they filled it in, with the problems marked; without a team to choose, the problems as an error. */
async function formAgain(input: CardActionInput, problems: FormProblems, services: Services): Promise<CardActionResult> {
  const form = await cohortForm(input.caller.tenantId, COHORT_CREATE_VERB, services);
  if (!form) throw validationError('The cohort was not created. Fix these and try again:', problemLines(problems));
  return { card: formWithProblems(form, input.data, problems) };
}
