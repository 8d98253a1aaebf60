// `workshop cancel <cohort> <1|2|both> [message]` (coordinators): cancels through Graph's cancel action, which sends
// attendees the message; the channel card then shows the workshop as cancelled.
import { noticeCard } from '../../../platform/cards/notice';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { cohortAtStartOf } from '../../cohorts';
import { refreshChannelCard } from '../workshopBooking';

export const route = {
  name: 'workshop cancel',
  usage: 'workshop cancel <cohort name> <1|2|both> [message to attendees]',
  description: 'Cancel a booked workshop; attendees get your message with the cancellation.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const MAX_MESSAGE = 1000;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'cancel workshops');
  const { stored, rest } = await cohortAtStartOf(input.caller.tenantId, input.args, route.usage, services);
  const match = /^(1|2|both)(?:\s+([\s\S]*))?$/i.exec(rest.trim());
  if (!match) throw validationError(`After the cohort name say which workshop: 1, 2 or both. Usage: ${route.usage}`);
  const which = (match[1] as string).toLowerCase();
  const message = (match[2] ?? '').trim() || 'This Link Programme workshop has been cancelled. Your coordinator will be in touch about a new date.';
  if (message.length > MAX_MESSAGE) throw validationError(`Keep the message to attendees under ${MAX_MESSAGE} characters.`);
  const cohort = stored.value;
  const booking = cohort.booking;
  const numbers = which === 'both' ? [1, 2] : [Number(which)];
  const targets = (booking?.workshops ?? []).filter((w) => numbers.includes(w.number) && w.status === 'booked');
  if (!booking || targets.length === 0) throw validationError(`There is no booked workshop ${which === 'both' ? '' : which + ' '}for "${cohort.name}" to cancel.`);
  let current = stored;
  for (const target of targets) {
    await services.graph.cancelEvent(booking.organiser, target.eventId, message);
    // Save after each cancellation, so a failure on the second never forgets the first.
    const latest = current.value.booking ?? booking;
    const workshops = latest.workshops.map((w) => (w.number === target.number ? { ...w, status: 'cancelled' as const } : w));
    current = await services.cohorts.save({ ...current.value, booking: { ...latest, workshops }, updated: input.now }, current.etag);
  }
  await refreshChannelCard(current, services, input.now);
  services.logger.info({ event: 'workshop.cancelled', cohortId: cohort.id, count: targets.length }, 'workshop cancelled');
  return reply.card(
    services.cards.render(noticeCard, {
      title: targets.length === 1 ? `Workshop ${targets[0]?.number} cancelled` : 'Both workshops cancelled',
      message: `${cohort.name}: attendees were sent the cancellation with your message, and the channel card is updated.`,
      style: 'good',
    }),
  );
}
