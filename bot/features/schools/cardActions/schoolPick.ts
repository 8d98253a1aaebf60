// `schools.pick`: a cohort member chose their school or service on the picker card. Only the cohort's members may
// answer, and only with a URN of the area's register; a second answer replaces the first.
import { z } from 'zod';
import { forbidden, notFound, validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { pickerCard } from '../links';

import { SCHOOL_PICK_VERB } from '../cards/schools';

export const VERB = SCHOOL_PICK_VERB;

const dataSchema = z.object({ cohortId: z.string().min(1).max(64), school: z.string().max(64).default('') });

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'This card\'s answer could not be read, so nothing was saved. Ask the coordinator for a new card.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { cohortId, school } = input.data;
  const tenantId = input.caller.tenantId;
  const stored = await services.cohorts.get(tenantId, cohortId);
  if (!stored) throw notFound('This cohort no longer exists, so nothing was saved.');
  const cohort = stored.value;
  const member = cohort.members.find((m) => m.userId === input.caller.aadObjectId);
  if (!member) throw forbidden(`Only members of ${cohort.name} can answer this card. If you should be one, ask the coordinator to add you.`);
  const urn = school.trim().toUpperCase();
  if (urn === '') throw validationError('Choose your school or service from the list, then press Save.');
  const register = await services.schools.current(tenantId, cohort.areaId);
  const entry = register?.entries.find((e) => e.urn === urn);
  if (!entry) throw validationError('That school or service is not in the area\'s register. Start typing its name and choose it from the list.');
  await services.schoolLinks.save(tenantId, cohortId, [
    { email: member.email, urn, schoolName: entry.name, areaId: cohort.areaId, userId: input.caller.aadObjectId, linkedBy: 'self', linked: input.now },
  ]);
  services.logger.info({ event: 'schools.picked', cohort: cohortId, by: input.caller.aadObjectId }, 'member linked to a school');
  return {
    card: pickerCard(cohort, `Thanks: you are down as from ${entry.name}. To change it, choose another and press Save.`, services),
    privately: { sharedText: 'Thanks, your school is saved.' },
  };
}
