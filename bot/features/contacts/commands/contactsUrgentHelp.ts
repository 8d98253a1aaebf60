// `contacts urgent-help <area>` (coordinators): show an area's urgent-help card, replace its lines with a pasted JSON
// list or go back to the national lines with "default", and set or remove the area's safeguarding front door (the
// council's children's services / MASH number) with "front-door <name>; <phone>; <hours>[; <out-of-hours phone>]" or
// "front-door none".
import { noticeCard } from '../../../platform/cards/notice';
import type { ContactArea } from '../domain/contacts';
import { areaNamed } from '../flows';
import { FRONT_DOOR_FORMAT, parseFrontDoor, parseUrgentHelpLines, urgentHelpMessage } from '../../safeguarding';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'contacts urgent-help',
  usage: `contacts urgent-help <area> [JSON list on the next lines | default | front-door ${FRONT_DOOR_FORMAT} | front-door none]`,
  description:
    "Show or set the urgent-help card shown first in an area: its lines (default: the national lines) and its children's services front door (e.g. front-door Salford Children's Services Front Door; 0161 603 4500; Mon-Fri 8:30-16:30; 0161 794 8888).",
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const FRONT_DOOR = /^(.*?)(?:^|\s)front-door(?:\s+([\s\S]*))?$/i;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'change urgent-help lines');
  const newline = input.args.indexOf('\n');
  const firstLine = (newline === -1 ? input.args : input.args.slice(0, newline)).trim();
  const rest = newline === -1 ? '' : input.args.slice(newline + 1).trim();
  const frontDoor = FRONT_DOOR.exec(firstLine);
  if (frontDoor) return setFrontDoor(frontDoor[1] ?? '', `${frontDoor[2] ?? ''} ${rest}`.trim(), input, services);
  const [areaWords, inlineDefault] = /\s+default$/i.test(firstLine) ? [firstLine.replace(/\s+default$/i, ''), true] : [firstLine, false];
  const tenantId = input.caller.tenantId;
  const area = await namedArea(areaWords, input, services);

  if (inlineDefault || /^default$/i.test(rest)) {
    await services.urgentHelp.reset(tenantId, area.id, input.caller.aadObjectId, input.now);
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

async function namedArea(words: string, input: CommandInput, services: Services): Promise<ContactArea> {
  if (words.length === 0) throw validationError(`Name the area. Usage: ${route.usage}`);
  const areas = await services.contacts.areas(input.caller.tenantId);
  return areaNamed(words, areas, 'import its contacts first');
}

/** `front-door <name>; <phone>; <hours>[; <out-of-hours phone>]` or `front-door none`. */
async function setFrontDoor(areaWords: string, spec: string, input: CommandInput, services: Services): Promise<Reply> {
  const tenantId = input.caller.tenantId;
  if (spec.length === 0) {
    throw validationError("Say what the area's front door is, or \"none\" to remove it.", [
      `contacts urgent-help <area> front-door ${FRONT_DOOR_FORMAT}`,
      "For example: contacts urgent-help Salford front-door Salford Children's Services Front Door; 0161 603 4500; Mon-Fri 8:30-16:30; 0161 794 8888",
      'contacts urgent-help <area> front-door none',
    ]);
  }
  const parsed = /^none$/i.test(spec) ? undefined : parseFrontDoor(spec);
  if (parsed && !parsed.ok) {
    throw validationError('Nothing was changed: the front door has problems.', [
      ...parsed.problems,
      `Write it as ${FRONT_DOOR_FORMAT}, e.g. Salford Children's Services Front Door; 0161 603 4500; Mon-Fri 8:30-16:30; 0161 794 8888`,
    ]);
  }
  const area = await namedArea(areaWords.trim(), input, services);
  const frontDoor = parsed?.ok ? parsed.frontDoor : undefined;
  await services.urgentHelp.setFrontDoor(tenantId, area.id, frontDoor, input.caller.aadObjectId, input.now);
  services.logger.info({ event: 'urgent-help.front-door-set', area: area.id, set: frontDoor !== undefined, outOfHours: frontDoor?.outOfHours !== undefined, by: input.caller.aadObjectId }, 'urgent-help front door set');
  const message = frontDoor
    ? `${area.name}'s urgent-help card now shows ${frontDoor.name} after "tell your DSL now". This is how it looks:`
    : `${area.name}'s urgent-help card no longer shows a children's services front door. This is how it looks:`;
  return reply.of(
    { card: services.cards.render(noticeCard, { title: frontDoor ? 'Front door set' : 'Front door removed', message, style: 'good' }) },
    await urgentHelpMessage(tenantId, area.id, services),
  );
}
