// `workshop.book`: the submitted booking card. Refuses impossible dates (the form comes back as filled in, each problem by
// its field); asks for confirmation (a second card) when a date is a weekend, a bank holiday, in the school holidays or
// the gap is under six weeks; books only once confirmed.
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { workshopConfirmCard } from '../cards/workshop';
import { describeNotInvited, isEmail } from '../../cohorts';
import { workshopOfLine, workshopStart } from '../domain/workshops';
import { validationError } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { formWithProblems, problemLines, type FieldProblem, type FormProblems } from '../../../platform/cards/formProblems';
import { bookingForm } from '../bookingForm';
import { bookWorkshops, checkDates, describePlanned, OrganiserNotFound } from '../workshopBooking';
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
  const problems: FieldProblem[] = [];
  if (data.cohort.trim() === '') problems.push({ field: 'cohort', message: 'Choose the cohort the workshops are for.', required: true });
  if (!DATE.test(data.firstDate)) problems.push({ field: 'firstDate', message: 'Choose the date of workshop 1.', required: true });
  if (!TIME.test(data.startTime.slice(0, 5))) problems.push({ field: 'startTime', message: 'Choose a start time, e.g. 09:30.', required: true });
  if (data.secondDate !== '' && !DATE.test(data.secondDate)) problems.push({ field: 'secondDate', message: 'Workshop 2\'s date is not a date.' });
  const duration = Number(data.durationMinutes);
  if (!Number.isInteger(duration) || duration < 30 || duration > 600) problems.push({ field: 'durationMinutes', message: 'Choose a length between 30 minutes and 10 hours.' });
  const organiser = data.organiser.trim().toLowerCase();
  if (!isEmail(organiser)) problems.push({ field: 'organiser', message: 'The organiser mailbox must be an email address.', required: true });
  if (data.mode === 'in-person' && data.venue.trim() === '') problems.push({ field: 'venue', message: 'Give the venue for an in-person workshop.' });
  if (problems.length > 0) return formAgain(input, { summary: 'Nothing was booked. Fix what is marked below and press "Check and book" again.', fields: problems }, data.cohort, services);

  const stored = await services.cohorts.get(input.caller.tenantId, data.cohort);
  if (!stored) throw notFound('That cohort no longer exists. Type "cohort list" to see the cohorts.');
  const request = {
    firstDate: data.firstDate,
    startTime: data.startTime.slice(0, 5),
    secondDate: data.secondDate || undefined,
    durationMinutes: duration,
  };
  const plan = await checkDates(request, stored.value, input.now, services);
  if (plan.errors.length > 0) {
    // A date is the person's to change: each refusal goes by the date it is about (workshop 2's is the first date
    // when they left it for six weeks later).
    const dateOf = (line: string) => (workshopOfLine(line) === 2 && data.secondDate !== '' ? 'secondDate' : 'firstDate');
    return formAgain(input, { summary: 'Nothing was booked. Change the dates marked below and press "Check and book" again.', fields: plan.errors.map((message) => ({ field: dateOf(message), message })) }, data.cohort, services);
  }
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
  let result: Awaited<ReturnType<typeof bookWorkshops>>;
  try {
    result = await bookWorkshops(
      stored,
      plan,
      { organiser, online: data.mode === 'online', venue: data.mode === 'in-person' ? data.venue.trim() : undefined },
      duration,
      services,
      input.now,
    );
  } catch (thrown) {
    // Only Graph can say the mailbox does not exist; nothing was booked, so the form comes back to change it.
    if (!(thrown instanceof OrganiserNotFound)) throw thrown;
    return formAgain(input, { summary: 'Nothing was booked. Fix what is marked below and press "Check and book" again.', fields: [{ field: 'organiser', message: thrown.userMessage }] }, data.cohort, services);
  }
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

/** The form again, as they filled it in, with the problems marked; with no cohort left to offer, the problems as an error. */
async function formAgain(input: CardActionInput, problems: FormProblems, cohortId: string, services: Services): Promise<CardActionResult> {
  const form = await bookingForm(input.caller.tenantId, WORKSHOP_BOOK_VERB, services, cohortId);
  if (!form) throw validationError('Nothing was booked. Fix these and try again:', problemLines(problems));
  return { card: formWithProblems(form, input.data, problems) };
}

function invitationSummary(organiser: string, invited: number, members: number): string {
  if (invited === members) return `Invitations went from ${organiser} to all ${members} ${members === 1 ? 'member' : 'members'}.`;
  const left = members - invited;
  const leftOut = `${left} ${left === 1 ? 'was' : 'were'} not invited (listed below, with what to do).`;
  return invited === 0 ? `No invitations were sent: none of the ${members} members could be invited (listed below, with what to do).` : `Invitations went from ${organiser} to ${invited} of ${members} members; ${leftOut}`;
}
