// `workshop.move`: "Move anyway" on the confirmation card that `workshop move` shows when the new date needs a second look.
import { z } from 'zod';
import { notFound } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { moveWorkshop } from '../workshopBooking';

export const WORKSHOP_MOVE_VERB = 'workshop.move';

const dataSchema = z.object({
  cohort: z.string().min(1),
  number: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
});

export const action = defineCardAction({
  verb: WORKSHOP_MOVE_VERB,
  data: dataSchema,
  outOfDate: 'This card is out of date, so nothing was moved. Send the "workshop move" command again.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  await services.access.require(input.caller, 'coordinator', 'move workshops');
  const stored = await services.cohorts.get(input.caller.tenantId, input.data.cohort);
  if (!stored) throw notFound('That cohort no longer exists. Type "cohort list" to see the cohorts.');
  const { number, date, time } = input.data;
  return { card: await moveWorkshop(stored, { number, date, time, confirmed: true, confirmVerb: WORKSHOP_MOVE_VERB }, services, input.now) };
}
