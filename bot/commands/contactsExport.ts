// `contacts export [area]`: the area's current directory as CSV, in the same format `contacts import` accepts.
import { noticeCard } from '../cards/message';
import { areaListText, matchArea } from '../conversations/contacts';
import { contactsToCsvParts } from '../domain/contactFile';
import { notFound, validationError } from '../errors';
import { reply, type CommandInput, type OutgoingMessage, type Reply } from '../events';
import type { CommandRoute } from '../routeTable';
import type { Services } from '../services';
import type { ContactArea } from '../services/storage/contactRepository';

export const route = {
  name: 'contacts export',
  usage: 'contacts export [area]',
  description: 'Get an area\'s referral directory back as CSV (to edit and import again).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

/** Keeps each message well under the ~28 KB Teams allows. */
const PART_CHARS = 18_000;
const MAX_PARTS = 10;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'export contacts');
  const areas = await services.contacts.areas();
  const wanted = input.args.trim();
  const area = wanted ? matchArea(wanted.slice(0, 100), areas) : await rememberedArea(input, services, areas);
  if (!area) {
    if (wanted) throw notFound(`There is no directory for an area called "${wanted.slice(0, 100)}". ${areaListText(areas)}`);
    throw validationError(`Name the area to export. Usage: ${route.usage}`, [areaListText(areas)]);
  }
  const directory = await services.contacts.repository.load(area.id);
  if (!directory) throw notFound(`${area.name} has no directory. ${areaListText(areas)}`);
  const parts = contactsToCsvParts(directory.contacts, PART_CHARS);
  if (parts.length > MAX_PARTS) {
    throw validationError(`The ${area.name} directory is too large to send as messages (${directory.contacts.length} contacts). Ask your administrator for a copy from storage.`);
  }
  const intro: OutgoingMessage = {
    card: services.cards.render(noticeCard, {
      title: `Directory export: ${area.name}`,
      message: `${directory.contacts.length} contacts as CSV${parts.length > 1 ? ` in ${parts.length} parts, each with the header row` : ''}. Copy it into a .csv file, edit, and send it back with "contacts import ${area.name}".`,
    }),
  };
  return reply.of(intro, ...parts.map((part) => ({ text: `\`\`\`\n${part}\`\`\`` })));
}

/** With no area named: the caller's remembered area, or the only area there is. */
async function rememberedArea(input: CommandInput, services: Services, areas: readonly ContactArea[]): Promise<ContactArea | undefined> {
  const { contactsArea } = await services.preferences.get(input.caller.tenantId, input.caller.aadObjectId);
  return areas.find((a) => a.id === contactsArea) ?? (areas.length === 1 ? areas[0] : undefined);
}
