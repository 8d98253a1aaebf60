// `contacts urgent-help <area>` (coordinators): show an area's urgent-help lines, replace them with a pasted JSON list,
// or go back to the national lines with "default".
import { noticeCard } from '../cards/message';
import { areaNamed } from '../conversations/contacts';
import { urgentHelpMessage } from '../conversations/urgentHelp';
import { parseUrgentHelpLines } from '../domain/urgentHelp';
import { validationError } from '../errors';
import { reply, type CommandInput, type Reply } from '../events';
import type { CommandRoute } from '../routeTable';
import type { Services } from '../services';

export const route = {
  name: 'contacts urgent-help',
  usage: 'contacts urgent-help <area> [JSON list on the next lines | default]',
  description: 'Show or set the urgent-help lines shown first in an area (default: the national lines).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'change urgent-help lines');
  const newline = input.args.indexOf('\n');
  const firstLine = (newline === -1 ? input.args : input.args.slice(0, newline)).trim();
  const rest = newline === -1 ? '' : input.args.slice(newline + 1).trim();
  const [areaWords, inlineDefault] = /\s+default$/i.test(firstLine) ? [firstLine.replace(/\s+default$/i, ''), true] : [firstLine, false];
  if (areaWords.length === 0) throw validationError(`Name the area. Usage: ${route.usage}`);
  const tenantId = input.caller.tenantId;
  const areas = await services.contacts.areas(tenantId);
  const area = areaNamed(areaWords, areas, 'import its contacts first');

  if (inlineDefault || /^default$/i.test(rest)) {
    await services.urgentHelp.reset(tenantId, area.id);
    return reply.card(services.cards.render(noticeCard, { title: 'Urgent help reset', message: `${area.name} now shows the national urgent-help lines.`, style: 'good' }));
  }
  if (rest.length === 0) return reply.of(await urgentHelpMessage(tenantId, area.id, services));
  const parsed = parseUrgentHelpLines(rest);
  if (!parsed.ok) {
    throw validationError('Nothing was changed: the list has problems.', [
      ...parsed.problems,
      'Each line: {"name": "...", "how": "Call 0161 ...", "when": "...", "tel": "0161...", "sms": "..."} (tel and sms are digits only and optional).',
    ]);
  }
  await services.urgentHelp.setLines(tenantId, area.id, parsed.lines, input.caller.aadObjectId, input.now);
  services.logger.info({ event: 'urgent-help.set', area: area.id, lines: parsed.lines.length, by: input.caller.aadObjectId }, 'urgent-help lines set');
  return reply.of(
    { card: services.cards.render(noticeCard, { title: 'Urgent help updated', message: `${area.name} now shows ${parsed.lines.length} urgent-help lines. This is how they look:`, style: 'good' }) },
    await urgentHelpMessage(tenantId, area.id, services),
  );
}
