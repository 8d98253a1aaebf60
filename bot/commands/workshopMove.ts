// `workshop move <cohort> <1|2> <YYYY-MM-DD> <HH:mm> [confirm]` (coordinators): moves one workshop. Only start and end
// are sent to Graph, so attendees get one update, not a fresh invitation each; the channel card is updated.
import { noticeCard } from '../cards/message';
import { planMove } from '../domain/workshops';
import { describeLondonDateTime } from '../domain/londonTime';
import { validationError } from '../errors';
import { reply, type CommandInput, type Reply } from '../events';
import type { CommandRoute } from '../routeTable';
import type { Services } from '../services';
import { cohortAtStartOf } from '../workflows/cohortLookup';
import { refreshChannelCard } from '../workflows/workshopBooking';

export const route = {
  name: 'workshop move',
  usage: 'workshop move <cohort name> <1|2> <YYYY-MM-DD> <HH:mm>',
  description: 'Move a booked workshop to another date or time (UK time).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'move workshops');
  const { stored, rest } = await cohortAtStartOf(input.caller.tenantId, input.args, route.usage, services);
  const match = /^([12])\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})(\s+confirm)?$/i.exec(rest.trim());
  if (!match) throw validationError(`After the cohort name give the workshop number, the new date and the start time. Usage: ${route.usage}`);
  const number = Number(match[1]) as 1 | 2;
  const date = match[2] as string;
  const time = (match[3] as string).padStart(5, '0');
  const confirmed = Boolean(match[4]);
  const cohort = stored.value;
  const booking = cohort.booking;
  const workshop = booking?.workshops.find((w) => w.number === number && w.status === 'booked');
  if (!booking || !workshop) throw validationError(`Workshop ${number} of "${cohort.name}" is not booked. Book it with "workshop book ${cohort.name}".`);
  const other = booking.workshops.find((w) => w.number !== number && w.status === 'booked');
  const { holidays } = await services.bankHolidays.current();
  const school = await services.schoolHolidays.holidayOn(cohort.areaId, date);
  const plan = planMove(number, date, time, booking.durationMinutes, other?.localStart.slice(0, 10), {
    now: input.now,
    bankHolidays: holidays,
    schoolHolidays: new Map(school ? [[date, school]] : []),
  });
  if (plan.errors.length > 0) throw validationError('The workshop was not moved:', plan.errors);
  if (plan.warnings.length > 0 && !confirmed) {
    return reply.card(
      services.cards.render(noticeCard, {
        title: 'Please confirm the move',
        message: 'Nothing has been changed yet. Check these, then send the same command with "confirm" at the end to move it anyway.',
        details: [...plan.warnings, `To confirm: workshop move ${cohort.name} ${number} ${date} ${time} confirm`],
        style: 'warning',
      }),
    );
  }
  const planned = plan.workshops[0];
  if (!planned) throw validationError('The workshop was not moved: the new time could not be worked out.');
  await services.graph.moveEvent(booking.organiser, workshop.eventId, planned.localStart, planned.localEnd);
  const workshops = booking.workshops.map((w) => (w.number === number ? { ...w, localStart: planned.localStart, localEnd: planned.localEnd } : w));
  const saved = await services.cohorts.save({ ...cohort, booking: { ...booking, workshops }, updated: input.now }, stored.etag);
  await refreshChannelCard(saved, services, input.now);
  services.logger.info({ event: 'workshop.moved', cohortId: cohort.id, number }, 'workshop moved');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Workshop ${number} moved`,
      message: `${cohort.name}: workshop ${number} is now ${describeLondonDateTime(planned.start)}. Attendees get an updated invitation; the channel card shows the new time.`,
      style: 'good',
    }),
  );
}
