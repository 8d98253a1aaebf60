// `contacts export [area]`: the area's current directory as a CSV file (signed, expiring link), in the format `contacts import` accepts.
import { areaListText, areaNamed, areasFor } from '../flows';
import { contactsToCsv } from '../domain/contactFile';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { deliverFile } from '../../../platform/files/deliver';

export const route = {
  name: 'contacts export',
  usage: 'contacts export [area]',
  description: 'Get an area\'s referral directory back as CSV (to edit and import again).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'export contacts');
  const { areas, remembered } = await areasFor(input.caller, services);
  const wanted = input.args.trim();
  // With no area named: the caller's remembered area, or the only area there is.
  const area = wanted ? areaNamed(wanted, areas) : (remembered ?? (areas.length === 1 ? areas[0] : undefined));
  if (!area) throw validationError(`Name the area to export. Usage: ${route.usage}`, [areaListText(areas)]);
  const directory = await services.contacts.repository.load(input.caller.tenantId, area.id);
  if (!directory) throw notFound(`${area.name} has no directory. ${areaListText(areas)}`);
  const slug = area.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'area';
  const message = await deliverFile(
    input.caller,
    {
      fileName: `contacts-${slug}-${input.now.toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: contactsToCsv(directory.contacts),
      title: `Directory export: ${area.name}`,
      description: `${directory.contacts.length} contacts as CSV. Edit it and send it back with "contacts import ${area.name}".`,
    },
    input.now,
    services,
  );
  return reply.of(message);
}
