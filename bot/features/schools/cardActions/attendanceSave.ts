// `schools.attendance`: the facilitator confirmed who attended a workshop. Only the cohort's facilitator, coordinators
// and facilitators may; only the cohort's members are recorded; saving again replaces the workshop's record.
import { z } from 'zod';
import { forbidden, notFound, validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import { noticeCard } from '../../../platform/cards/notice';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { hasRole } from '../../roles';
import { schoolProgress } from '../domain/attendance';

import { ATTENDANCE_VERB } from '../cards/schools';

export const VERB = ATTENDANCE_VERB;

const dataSchema = z
  .object({ cohortId: z.string().min(1).max(64), number: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])) })
  .catchall(z.unknown());
const ticked = z.string().max(20_000);

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'This card\'s answers could not be read, so nothing was saved. Wait for a new card, or ask the coordinator.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { cohortId, number, ...fields } = input.data;
  const boxes: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (!/^a_\d{1,3}$/.test(key)) continue;
    const checked = ticked.safeParse(value);
    if (!checked.success) throw validationError('This card\'s answers could not be read, so nothing was saved.');
    boxes.push(...checked.data.split(',').map((email) => email.trim().toLowerCase()).filter((email) => email.length > 0));
  }
  const tenantId = input.caller.tenantId;
  const stored = await services.cohorts.get(tenantId, cohortId);
  if (!stored) throw notFound('This cohort no longer exists, so nothing was saved.');
  const cohort = stored.value;
  const isFacilitator = cohort.members.some((m) => m.userId === input.caller.aadObjectId && m.email === cohort.facilitator);
  if (!isFacilitator && !hasRole(await services.access.rolesOf(input.caller), 'facilitator')) {
    throw forbidden(`Only the facilitator of ${cohort.name} (or a coordinator) can record who attended.`);
  }
  const members = new Set(cohort.members.map((m) => m.email));
  const attended = [...new Set(boxes.filter((email) => members.has(email)))];
  const previous = await services.attendance.get(tenantId, cohortId, number);
  await services.attendance.save(tenantId, cohortId, { number, attended, confirmedBy: input.caller.aadObjectId, confirmed: input.now, fromReport: previous?.fromReport ?? false });
  services.logger.info({ event: 'schools.attendance-saved', cohort: cohortId, number, attended: attended.length, by: input.caller.aadObjectId }, 'workshop attendance saved');

  const links = new Map((await services.schoolLinks.links(tenantId, cohortId)).map((link) => [link.email, link.urn]));
  const all = await services.attendance.forCohort(tenantId, cohortId);
  const setOf = (n: 1 | 2) => new Set(all.find((a) => a.number === n)?.attended ?? []);
  const progress = [...schoolProgress(links, setOf(1), setOf(2)).values()];
  const schoolsThere = new Set(attended.map((email) => links.get(email)).filter((urn) => urn !== undefined)).size;
  return {
    card: services.cards.render(noticeCard, {
      title: `Attendance saved: workshop ${number} of ${cohort.name}`,
      message: `${attended.length} ${attended.length === 1 ? 'person' : 'people'} from ${schoolsThere} ${schoolsThere === 1 ? 'school or service' : 'schools and services'} attended.`,
      details: [
        `Taken part (someone at both workshops): ${progress.filter((p) => p === 'taken part').length}`,
        `Started (at one workshop so far): ${progress.filter((p) => p === 'started').length}`,
        `Not yet: ${progress.filter((p) => p === 'not yet').length}`,
      ],
      style: 'good',
    }),
  };
}
