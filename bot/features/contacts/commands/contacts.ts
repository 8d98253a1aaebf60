// `contacts <what you need>`: the best five referral contacts for the caller's area. The risk check runs on the question
// before anything else; when it suggests immediate risk the urgent-help card comes first and the contacts follow it.
// The area used is remembered for next time.
import { noticeCard } from '../../../platform/cards/notice';
import { areaListText, chooseArea, noResultsCard, readQuestion, resultsCard, RESULTS_SHOWN } from '../flows';
import { assessTexts, urgentHelpFirst } from '../../safeguarding';
import { MAX_QUERY_LENGTH } from '../domain/contactSearch';
import { reply, type CommandInput, type OutgoingMessage, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'contacts',
  usage: 'contacts <what you need>',
  description: 'Find referral contacts, e.g. "contacts eating difficulties for a 14 year old in Salford". If your question suggests someone is at risk now, urgent help comes first, then the contacts.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const text = input.args.trim();
  if (text.length === 0) {
    return reply.card(
      services.cards.render(noticeCard, {
        title: 'What do you need?',
        message: 'Tell me the need, the age and (the first time) the area, for example: contacts eating difficulties for a 14 year old in Salford',
        details: ['contacts who is our school link practitioner', 'contacts area <name> to change your area'],
      }),
    );
  }
  // Before the question is read or searched: the check itself reads nothing; the area only picks which lines to show.
  const risk = assessTexts([text], services);
  const question = await readQuestion(text, input.caller, services);
  const urgent = await urgentHelpFirst(risk, { route: 'contacts', caller: input.caller, areaId: question.query.areaId ?? question.rememberedAreaId, now: input.now }, services);
  const withUrgentFirst = (...messages: OutgoingMessage[]): Reply => reply.of(...urgent, ...messages);

  if (text.length > MAX_QUERY_LENGTH) {
    return withUrgentFirst({
      card: services.cards.render(noticeCard, {
        title: 'That question is too long',
        message: `Questions for the directory can be up to ${MAX_QUERY_LENGTH} characters (yours has ${text.length}). Use a few words, such as the need and the age.`,
        style: 'warning',
      }),
    });
  }
  const choice = await chooseArea(question, services);
  if (choice.kind === 'no-directories') {
    return withUrgentFirst({
      card: services.cards.render(noticeCard, {
        title: 'No directory yet',
        message: 'No area has a referral directory yet. A coordinator can add one with "contacts import <area>" and a CSV or JSON file.',
      }),
    });
  }
  if (choice.kind === 'ask') {
    return withUrgentFirst({
      card: services.cards.render(noticeCard, {
        title: 'Which area?',
        message: 'Say which area you mean, for example "contacts anxiety in Salford", or set it once with "contacts area <name>".',
        details: [areaListText(choice.areas)],
      }),
    });
  }
  const { directory } = choice;
  if (!choice.remembered) await services.preferences.setContactsArea(input.caller.tenantId, input.caller.aadObjectId, directory.area.id, input.now);
  const found = directory.index.find(question.query, RESULTS_SHOWN);
  services.logger.info({ event: 'contacts.searched', area: directory.area.id, results: found.length, age: question.query.age !== undefined }, 'contacts searched');
  const card =
    found.length > 0
      ? resultsCard(directory, question.query, found, services, input.now)
      : noResultsCard(directory.area, directory.index.singlePointOfAccess(), question.query.text || text, services, input.now);
  return withUrgentFirst({ card });
}
