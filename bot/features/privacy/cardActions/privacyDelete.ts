// `privacy.delete`: the answer on the confirmation card. Confirm erases through every personal-data source.
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { forbidden } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { erasePersonalData } from '../../../platform/privacy/personalData';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';

export const DELETE_VERB = 'privacy.delete';

const dataSchema = z.object({
  subject: z.string().min(1),
  confirm: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});

export const action = defineCardAction({
  verb: DELETE_VERB,
  data: dataSchema,
  outOfDate: 'This card is out of date. Type "privacy delete" for a new one. Nothing was deleted.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { subject, confirm } = input.data;
  if (subject.toLowerCase() !== input.caller.aadObjectId.toLowerCase()) {
    throw forbidden('This confirmation was for someone else, so nothing was deleted. Type "privacy delete" yourself to erase your own data.');
  }
  if (!confirm) {
    return { card: services.cards.render(noticeCard, { title: 'Nothing was deleted', message: 'Your data is as it was. Type "privacy delete" if you change your mind.' }) };
  }
  const { tenantId, aadObjectId } = input.caller;
  const counts = await erasePersonalData(services.personalData, tenantId, aadObjectId, input.now);
  await services.audit.record({ tenantId, actor: aadObjectId, action: 'privacy.delete', target: aadObjectId, at: input.now });
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  services.logger.info({ event: 'privacy.erased', records: total, activityId: input.activityId }, 'personal data erased');
  return {
    card: services.cards.render(noticeCard, {
      title: 'Your data has been deleted',
      message: `I erased ${total} ${total === 1 ? 'record' : 'records'} about you. Totals and results are worked out from what remains.`,
      details: Object.entries(counts).map(([name, count]) => `${name}: ${count}`),
      style: 'good',
    }),
  };
}
