// `workshop book [cohort]` (coordinators): opens the booking card; its submit is the `workshop.book` card action.
import { noticeCard } from '../../../platform/cards/notice';
import { bookingForm } from '../bookingForm';
import { WORKSHOP_BOOK_VERB } from '../cardActions/workshopBook';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'workshop book',
  usage: 'workshop book [cohort name]',
  description: 'Book a cohort\'s two workshops in the organiser\'s calendar, with Teams meeting links.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'book workshops');
  const cohorts = (await services.cohorts.list(input.caller.tenantId)).filter((c) => c.status === 'ready');
  const wanted = input.args.trim().toLowerCase();
  const chosen = cohorts.find((c) => c.name.toLowerCase() === wanted);
  const form = await bookingForm(input.caller.tenantId, WORKSHOP_BOOK_VERB, services, chosen?.id);
  if (!form) {
    return reply.card(
      services.cards.render(noticeCard, { title: 'No cohort to book for', message: 'Create a cohort first with "cohort create".', style: 'warning' }),
    );
  }
  return reply.card(form);
}
