// `workshop.book`: the submitted booking card. Refuses impossible dates; asks for confirmation (a second card) when a date
// is a weekend, a bank holiday, in the school holidays or the gap is under six weeks; books only once confirmed.
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { workshopConfirmCard } from '../cards/workshop';
import { describeNotInvited, isEmail } from '../../cohorts';
import { workshopStart } from '../domain/workshops';
import { validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { bookWorkshops, checkDates, describePlanned } from '../workshopBooking';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { notFound } from '../../../errors';

export const WORKSHOP_BOOK_VERB = 'workshop.book';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

const dataSchema = z.object({
  cohort: z.string().default(''),
  firstDate: z.string().default(''),
  startTime: z.string().default(''),
  secondDate: z.string().default(''),
  durationMinutes: z.coerce.string().default('360'),
  mode: z.enum(['online', 'in-person']).default('online'),
  venue: z.string().default(''),
  organiser: z.string().default(''),
  confirmed: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
});

export const action = defineCardAction({
  verb: WORKSHOP_BOOK_VERB,
  data: dataSchema,
  outOfDate: 'This card\'s answers could not be read, so nothing was booked. Open a new one with "workshop book".',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  await services.access.require(input.caller, 'coordinator', 'book workshops');
  const data = input.data;
  const problems: string[] = [];
  if (data.cohort.trim() === '') problems.push('Choose the cohort the workshops are for.');
  if (!DATE.test(data.firstDate)) problems.push('Choose the date of workshop 1.');
  if (!TIME.test(data.startTime.slice(0, 5))) problems.push('Choose a start time, e.g. 09:30.');
  if (data.secondDate !== '' && !DATE.test(data.secondDate)) problems.push('Workshop 2\'s date is not a date.');
  const duration = Number(data.durationMinutes);
  if (!Number.isInteger(duration) || duration < 30 || duration > 600) problems.push('Choose a length between 30 minutes and 10 hours.');
  const organiser = data.organiser.trim().toLowerCase();
  if (!isEmail(organiser)) problems.push('The organiser mailbox must be an email address.');
  if (data.mode === 'in-person' && data.venue.trim() === '') problems.push('Give the venue for an in-person workshop.');
  if (problems.length > 0) throw validationError('Nothing was booked. Fix these and try again:', problems);

  const stored = await services.cohorts.get(input.caller.tenantId, data.cohort);
  if (!stored) throw notFound('That cohort no longer exists. Type "cohort list" to see the cohorts.');
  const request = {
    firstDate: data.firstDate,
    startTime: data.startTime.slice(0, 5),
    secondDate: data.secondDate || undefined,
    durationMinutes: duration,
  };
  const plan = await checkDates(request, stored.value, input.now, services);
  if (plan.errors.length > 0) throw validationError('Nothing was booked:', plan.errors);
  const confirmed = data.confirmed === true || data.confirmed === 'true';
  if (plan.warnings.length > 0 && !confirmed) {
    return {
      card: services.cards.render(workshopConfirmCard, {
        cohortName: stored.value.name,
        warnings: [...plan.warnings],
        planned: plan.workshops.map(describePlanned),
        verb: WORKSHOP_BOOK_VERB,
        confirmTitle: 'Book anyway',
        confirmData: { ...data, confirmed: true },
      }),
    };
  }
  const result = await bookWorkshops(
    stored,
    plan,
    { organiser, online: data.mode === 'online', venue: data.mode === 'in-person' ? data.venue.trim() : undefined },
    duration,
    services,
    input.now,
  );
  const lines = result.booked.map((w) => `Workshop ${w.number}: ${describeLondonDateTime(workshopStart(w))}${w.joinUrl ? ' (Teams meeting link created)' : ''}`);
  const failedLines = result.failed.map((n) => `Workshop ${n}: NOT booked. Submit this card again to book it; workshop ${result.booked.map((b) => b.number).join(' and ')} stays as it is.`);
  const { invited, notInvited } = result.invitees;
  const notInvitedLines = notInvited.map(({ member, reason }) => describeNotInvited(member, reason, result.cohort.name));
  const everyone = notInvited.length === 0;
  return {
    card: services.cards.render(noticeCard, {
      title: result.failed.length > 0 ? `Partly booked: ${result.cohort.name}` : everyone ? `Workshops booked: ${result.cohort.name}` : `Workshops booked, not everyone invited: ${result.cohort.name}`,
      message: `${invitationSummary(organiser, invited.length, invited.length + notInvited.length)} The dates are posted in the cohort channel.`,
      details: [...lines, ...failedLines, ...notInvitedLines],
      style: result.failed.length === 0 && everyone ? 'good' : 'warning',
    }),
  };
}

function invitationSummary(organiser: string, invited: number, members: number): string {
  if (invited === members) return `Invitations went from ${organiser} to all ${members} ${members === 1 ? 'member' : 'members'}.`;
  const left = members - invited;
  const leftOut = `${left} ${left === 1 ? 'was' : 'were'} not invited (listed below, with what to do).`;
  return invited === 0 ? `No invitations were sent: none of the ${members} members could be invited (listed below, with what to do).` : `Invitations went from ${organiser} to ${invited} of ${members} members; ${leftOut}`;
}
