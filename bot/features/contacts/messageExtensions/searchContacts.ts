// The search message extension: a lead searches the referral directory from any compose box and inserts a contact card.
// Urgent help is the first result whenever the search suggests immediate risk.
import { contactsCard, contactViewOf } from '../cards/contacts';
import { chooseArea, readQuestion } from '../flows';
import { assessTexts, urgentHelpFirst } from '../../safeguarding';
import { KIND_LABELS } from '../domain/contacts';
import { MAX_QUERY_LENGTH } from '../domain/contactSearch';
import type { QueryInput, QueryResult, QueryResultItem } from '../../../events';
import type { Services } from '../../../platform/services';

/** The `composeExtensions[].commands[].id` in the manifest. */
export const COMMAND_ID = 'searchContacts';
/** The command's parameter name in the manifest. */
export const PARAMETER = 'searchQuery';

const MAX_RESULTS = 10;

export async function handle(input: QueryInput, services: Services): Promise<QueryResult> {
  // Teams sends `initialRun` (no text yet) when the extension opens.
  const text = (input.parameters[PARAMETER] ?? '').trim();
  if (input.parameters.initialRun !== undefined || text.length === 0) {
    return { items: [], message: 'Type what you need, for example "eating difficulties 14" or "school link practitioner".' };
  }
  // The risk check comes before the search reads or does anything with the text; urgent help is then the first item.
  const risk = assessTexts([text], services);
  const question = await readQuestion(text, input.caller, services);
  const urgent = await urgentHelpFirst(risk, { route: 'message-extension', caller: input.caller, areaId: question.query.areaId ?? question.rememberedAreaId, now: input.now }, services);
  const urgentItems: QueryResultItem[] = urgent.flatMap((m) => (m.card ? [{ preview: { title: 'Urgent help first', text: 'In immediate danger: call 999. Childline, Samaritans, Shout, NHS 111.' }, card: m.card }] : []));
  if (text.length > MAX_QUERY_LENGTH) {
    return { items: urgentItems, message: `Searches can be up to ${MAX_QUERY_LENGTH} characters. Use a few words.` };
  }
  const choice = await chooseArea(question, services);
  if (choice.kind === 'no-directories') return { items: urgentItems, message: 'No area has a referral directory yet. Ask a coordinator to import one.' };
  if (choice.kind === 'ask') {
    return { items: urgentItems, message: `Add the area to your search (e.g. "anxiety in ${choice.areas[0]?.name ?? 'Salford'}"), or set it in the bot with "contacts area <name>".` };
  }
  const { directory } = choice;
  if (!choice.remembered) await services.preferences.setContactsArea(input.caller.tenantId, input.caller.aadObjectId, directory.area.id, input.now);
  const count = Math.max(1, Math.min(input.count, MAX_RESULTS));
  const skip = Math.max(0, Math.min(input.skip, 100));
  const found = directory.index.find(question.query, skip + count).slice(skip);
  const months = services.config.CONTACTS_STALE_AFTER_MONTHS;
  const items = found.map(({ contact }) => ({
    preview: { title: contact.serviceName, text: `${KIND_LABELS[contact.kind]} · ages ${contact.ageMin} to ${contact.ageMax}` },
    card: services.cards.render(contactsCard, {
      title: contact.serviceName,
      summary: `Referral contact from the ${directory.area.name} directory.`,
      contacts: [contactViewOf(contact, input.now, months)],
      footer: '',
    }),
  }));
  if (items.length === 0 && urgentItems.length === 0) {
    return { items: [], message: `Nothing in the ${directory.area.name} directory matches. Try the need (e.g. "anxiety") or the kind of service (e.g. "early help").` };
  }
  return { items: [...(skip === 0 ? urgentItems : []), ...items] };
}
