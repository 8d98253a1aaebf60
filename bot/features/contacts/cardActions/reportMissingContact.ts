// "Tell the coordinator a contact is missing": messages the coordinator who imported the area's directory (or, if the bot
// cannot reach them, every coordinator it can reach in personal chat), then replaces the card with the same answer minus
// the button, saying who was told (or clearly that nobody could be).
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { noResultsCard, REPORT_MISSING_VERB } from '../flows';
import { SLUG } from '../domain/contacts';
import { MAX_QUERY_LENGTH } from '../domain/contactSearch';
import { hasRole } from '../../roles';
import { notFound } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';

export const VERB = REPORT_MISSING_VERB;

const dataSchema = z.object({ areaId: z.string().regex(SLUG), query: z.string().max(MAX_QUERY_LENGTH) });

export const action = defineCardAction({
  verb: VERB,
  data: dataSchema,
  outOfDate: 'This card is out of date, so nobody was told. Ask your question again.',
  handle,
});

export async function handle(input: CardActionInputOf<typeof dataSchema>, services: Services): Promise<CardActionResult> {
  const { areaId, query } = input.data;
  const directory = await services.contacts.searchable(input.caller.tenantId, areaId);
  if (!directory) throw notFound('That area no longer has a directory, so nobody was told. Ask your question again.');

  const coordinators = new Set(services.config.COORDINATOR_IDS.map((id) => id.toLowerCase()));
  for (const grant of await services.roles.list(input.caller.tenantId)) {
    if (hasRole(grant.roles, 'coordinator')) coordinators.add(grant.aadObjectId.toLowerCase());
  }
  const aadOf = (reference: { user?: { aadObjectId?: string } }) => (reference.user?.aadObjectId ?? '').toLowerCase();
  const reachable = (await services.installations.listActive(input.caller.tenantId, 'personal')).filter((chat) => coordinators.has(aadOf(chat.reference)));
  const maintainer = directory.importedBy.toLowerCase();
  const maintainers = reachable.filter((chat) => aadOf(chat.reference) === maintainer);
  const chats = maintainers.length > 0 ? maintainers : reachable;
  const message = {
    card: services.cards.render(noticeCard, {
      title: `A referral contact may be missing: ${directory.area.name}`,
      message: `${input.caller.name || 'A school lead'} searched the ${directory.area.name} directory for "${query}" and found nothing.`,
      details: [`If a service should be listed, add it and import the directory again: contacts import ${directory.area.name}`],
      style: 'warning',
    }),
  };
  let told = 0;
  for (const chat of chats) {
    try {
      await services.sender.send(chat.reference, message);
      told += 1;
    } catch (error) {
      // One unreachable coordinator must not stop the others; the sender marks blocked chats stale.
      services.logger.warn({ event: 'contacts.missing-notify-failed', conversation: chat.conversationId, name: (error as Error).name }, 'could not tell a coordinator');
    }
  }
  services.logger.info({ event: 'contacts.missing-reported', area: areaId, coordinators: coordinators.size, told }, 'missing contact reported');
  const outcome =
    told > 0
      ? `Thank you: I told ${told === 1 ? 'your coordinator' : `${told} coordinators`} that this contact is missing.`
      : 'I could not tell a coordinator: none of them has the bot in a personal chat I can reach. Please tell your coordinator directly.';
  return { card: noResultsCard(directory.area, directory.index.singlePointOfAccess(), query, services, input.now, outcome) };
}
