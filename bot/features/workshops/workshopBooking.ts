// Booking, moving and cancelling a cohort's two workshops, and keeping the workshop card in its channel current.
import { createHash } from 'node:crypto';
import { noticeCard } from '../../platform/cards/notice';
import { workshopChannelCard, workshopConfirmCard } from './cards/workshop';
import { inviteesOf, membersWithoutMail, type Cohort, type CohortMember, type Invitees, type Stored, type WorkshopBooking, type WorkshopRecord } from '../cohorts';
import { planMove, planWorkshops, workshopStart, type PlannedWorkshop, type WorkshopPlan, type WorkshopRequest } from './domain/workshops';
import { describeLondonDateTime } from '../../domain/londonTime';
import { AppError, validationError } from '../../errors';
import type { AdaptiveCard } from '../../events';
import type { Services } from '../../platform/services';
import type { EventRequest } from '../../platform/graph/gateway';

export interface BookingDetails {
  readonly organiser: string;
  readonly online: boolean;
  readonly venue?: string;
}

/** Graph knows no mailbox at the organiser address: nothing was booked, and the booking form's organiser is to change. */
export class OrganiserNotFound extends AppError {
  constructor(organiser: string) {
    super('validation', `The organiser mailbox ${organiser} was not found. Check the address (it must be a mailbox in your organisation) and try again.`);
  }
}

/** Checks the dates against the clock, bank holidays and the area's school holidays. */
export async function checkDates(request: WorkshopRequest, cohort: Pick<Cohort, 'tenantId' | 'areaId'>, now: Date, services: Services): Promise<WorkshopPlan> {
  return planWorkshops(request, { now, ...(await services.schoolHolidays.inArea(cohort.tenantId, cohort.areaId)) });
}

export function describePlanned(w: Pick<PlannedWorkshop, 'number' | 'start'>): string {
  return `Workshop ${w.number}: ${describeLondonDateTime(w.start)}`;
}

/** Books whichever workshops are not booked yet, in one `$batch`, then posts (or updates) the channel card. */
export async function bookWorkshops(
  start: Stored<Cohort>,
  plan: WorkshopPlan,
  details: BookingDetails,
  durationMinutes: number,
  services: Services,
  now: Date,
): Promise<{ cohort: Cohort; booked: WorkshopRecord[]; failed: number[]; invitees: Invitees }> {
  let stored = start;
  const cohort = stored.value;
  if (!cohort.channelId || cohort.status !== 'ready') {
    throw validationError(`"${cohort.name}" is not fully set up yet. Run "cohort create" again with the same name to finish it, then book.`);
  }
  const existing = (cohort.booking?.workshops ?? []).filter((w) => w.status === 'booked');
  const toBook = plan.workshops.filter((w) => !existing.some((e) => e.number === w.number));
  if (toBook.length === 0) {
    throw validationError(`Both workshops of "${cohort.name}" are already booked. Use "workshop move" or "workshop cancel" to change them.`);
  }
  const members = await withMailAddresses(cohort.members, services);
  const invitees = inviteesOf(members);
  const attendees = invitees.addresses;
  const events: EventRequest[] = toBook.map((w) => ({
    subject: `${cohort.name}: Link Programme workshop ${w.number}`,
    bodyHtml: workshopBody(cohort, w.number),
    start: w.localStart,
    end: w.localEnd,
    online: details.online,
    venue: details.venue,
    attendees,
    transactionId: transactionIdFor(cohort, w),
  }));
  const results = await services.graph.createEvents(details.organiser, events);
  const booked: WorkshopRecord[] = [];
  const failed: number[] = [];
  results.forEach((result, i) => {
    const w = toBook[i] as PlannedWorkshop;
    if (result.ok) booked.push({ number: w.number, localStart: w.localStart, localEnd: w.localEnd, status: 'booked', eventId: result.id, joinUrl: result.joinUrl });
    else failed.push(w.number);
  });
  if (booked.length === 0) {
    const status = results.find((r) => !r.ok);
    if (status?.status === 404) throw new OrganiserNotFound(details.organiser);
    throw new AppError('internal', undefined, { cause: new Error(`event creation failed: ${results.map((r) => (r.ok ? 'ok' : r.status)).join(',')}`) });
  }
  const keep = (cohort.booking?.workshops ?? []).filter((w) => !booked.some((b) => b.number === w.number));
  const booking: WorkshopBooking = {
    ...(cohort.booking ?? {}),
    organiser: details.organiser,
    online: details.online,
    venue: details.venue,
    durationMinutes,
    workshops: [...keep, ...booked].sort((a, b) => a.number - b.number),
  };
  // Record the events before posting, so a failed post never loses a booking.
  stored = await services.cohorts.save({ ...cohort, members, booking, updated: now }, stored.etag);
  stored = await refreshChannelCard(stored, services, now);
  services.logger.info(
    { event: 'workshops.booked', cohortId: cohort.id, booked: booked.length, failed: failed.length, invited: invitees.invited.length, notInvited: invitees.notInvited.length },
    'workshops booked',
  );
  return { cohort: stored.value, booked, failed, invitees };
}

/**
 * Members of cohorts stored before the directory's mail address was recorded are looked up again by object id, so
 * that invitations go to that address and not to what was typed; someone no longer in the directory is not found.
 */
async function withMailAddresses(members: readonly CohortMember[], services: Services): Promise<readonly CohortMember[]> {
  const unknown = membersWithoutMail(members);
  if (unknown.length === 0) return members;
  const users = await services.graph.usersById([...new Set(unknown.map((m) => m.userId as string))]);
  return members.map((m): CohortMember => {
    if (m.mail !== undefined || !m.userId || !users.has(m.userId)) return m;
    const user = users.get(m.userId);
    return user ? { ...m, mail: user.mail ?? null, name: m.name ?? user.displayName } : { email: m.email, status: 'not-found', name: m.name };
  });
}

/** Posts the workshop card in the cohort channel the first time, and replaces it afterwards. */
export async function refreshChannelCard(start: Stored<Cohort>, services: Services, now: Date): Promise<Stored<Cohort>> {
  const cohort = start.value;
  if (!cohort.booking || !cohort.channelId) return start;
  const message = { card: channelCardFor(cohort, services) };
  if (cohort.booking.cardActivityId && cohort.booking.cardThread) {
    await services.sender.update(cohort.booking.cardThread, cohort.booking.cardActivityId, message);
    return start;
  }
  const team = await services.installations.get(cohort.tenantId, cohort.teamConversationId);
  if (!team || team.status !== 'active') return start;
  const posted = await services.sender.postToChannel(team.reference, cohort.channelId, message);
  return services.cohorts.save(
    { ...cohort, booking: { ...cohort.booking, cardActivityId: posted.activityId, cardThread: posted.thread }, updated: now },
    start.etag,
  );
}

export function channelCardFor(cohort: Cohort, services: Services): AdaptiveCard {
  const booking = cohort.booking as WorkshopBooking;
  return services.cards.render(workshopChannelCard, {
    cohortName: cohort.name,
    where: booking.online ? 'Online: join from the Teams meeting link or the calendar invitation.' : `In person at ${booking.venue ?? 'the venue in the invitation'}.`,
    workshops: booking.workshops.map((w) => ({
      title: `Workshop ${w.number}${w.number === 1 ? ': the CASCADE framework' : ': our joint action plan'}`,
      when: `${describeLondonDateTime(workshopStart(w))} to ${w.localEnd.slice(11, 16)} (UK time)`,
      note: w.status === 'cancelled' ? 'Cancelled' : '',
      joinUrl: w.status === 'booked' ? (w.joinUrl ?? '') : '',
    })),
  });
}

function workshopBody(cohort: Cohort, number: 1 | 2): string {
  const what =
    number === 1
      ? 'We will work through the CASCADE framework together: how schools, colleges and mental health services work with each other now, and where we want to be.'
      : 'We will agree how we keep working together: our joint action plan.';
  return `<p>Link Programme workshop ${number} for ${escapeHtml(cohort.name)}.</p><p>${what}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Same cohort, workshop and time give the same id, so Graph ignores a repeated create after an interrupted run. */
function transactionIdFor(cohort: Cohort, w: PlannedWorkshop): string {
  return createHash('sha256').update(`${cohort.tenantId}|${cohort.id}|${w.number}|${w.localStart}`).digest('hex').slice(0, 32);
}

/** Moves one booked workshop. Warnings get a confirmation card (verb `workshop.move`); nothing changes until confirmed. */
export async function moveWorkshop(
  stored: Stored<Cohort>,
  move: { number: 1 | 2; date: string; time: string; confirmed: boolean; confirmVerb: string },
  services: Services,
  now: Date,
): Promise<AdaptiveCard> {
  const { number, date, time } = move;
  const cohort = stored.value;
  const booking = cohort.booking;
  const workshop = booking?.workshops.find((w) => w.number === number && w.status === 'booked');
  if (!booking || !workshop) throw validationError(`Workshop ${number} of "${cohort.name}" is not booked. Book it with "workshop book ${cohort.name}".`);
  const other = booking.workshops.find((w) => w.number !== number && w.status === 'booked');
  const holidays = await services.schoolHolidays.inArea(cohort.tenantId, cohort.areaId);
  const plan = planMove(number, date, time, booking.durationMinutes, other?.localStart.slice(0, 10), { now, ...holidays });
  if (plan.errors.length > 0) throw validationError('The workshop was not moved:', plan.errors);
  const planned = plan.workshops[0];
  if (!planned) throw validationError('The workshop was not moved: the new time could not be worked out.');
  if (plan.warnings.length > 0 && !move.confirmed) {
    return services.cards.render(workshopConfirmCard, {
      cohortName: cohort.name,
      intro: 'Nothing has been changed yet. Check these before I move the workshop and update the invitations:',
      warnings: [...plan.warnings],
      planned: [describePlanned(planned)],
      verb: move.confirmVerb,
      confirmTitle: 'Move anyway',
      confirmData: { cohort: cohort.id, number, date, time },
    });
  }
  await services.graph.moveEvent(booking.organiser, workshop.eventId, planned.localStart, planned.localEnd);
  const workshops = booking.workshops.map((w) => (w.number === number ? { ...w, localStart: planned.localStart, localEnd: planned.localEnd } : w));
  const saved = await services.cohorts.save({ ...cohort, booking: { ...booking, workshops }, updated: now }, stored.etag);
  await refreshChannelCard(saved, services, now);
  services.logger.info({ event: 'workshop.moved', cohortId: cohort.id, number }, 'workshop moved');
  return services.cards.render(noticeCard, {
    title: `Workshop ${number} moved`,
    message: `${cohort.name}: workshop ${number} is now ${describeLondonDateTime(planned.start)}. Attendees get an updated invitation; the channel card shows the new time.`,
    style: 'good',
  });
}
