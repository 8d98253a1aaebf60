// `workshop.move`: "Move anyway" on the confirmation card that `workshop move` shows when the new date needs a second look.
import { z } from 'zod';
import { notFound, validationError } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { moveWorkshop } from '../workshopBooking';

export const WORKSHOP_MOVE_VERB = 'workshop.move';

const dataSchema = z.object({
  cohort: z.string().min(1),
  number: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
});

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  await services.access.require(input.caller, 'coordinator', 'move workshops');
  const parsed = dataSchema.safeParse(input.data);
  if (!parsed.success) throw validationError('This card is out of date, so nothing was moved. Send the "workshop move" command again.');
  const stored = await services.cohorts.get(input.caller.tenantId, parsed.data.cohort);
  if (!stored) throw notFound('That cohort no longer exists. Type "cohort list" to see the cohorts.');
  const { number, date, time } = parsed.data;
  return { card: await moveWorkshop(stored, { number, date, time, confirmed: true, confirmVerb: WORKSHOP_MOVE_VERB }, services, input.now) };
}
