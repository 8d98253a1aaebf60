// `area set <area> la <codes>` (coordinators): the local authority codes whose schools make up an area's register.
import { isAreaId } from '../../../domain/areas';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import { noticeCard } from '../../../platform/cards/notice';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { parseLaCodes } from '../domain/register';

export const route = {
  name: 'area set',
  usage: 'area set <area> la <codes>, e.g. area set telford la 894 (several codes: area set greater-manchester la 352, 353)',
  description: "Set the local authority codes (3 digits each) whose open schools make up an area's school register.",
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', "set an area's local authority codes");
  const match = /^(\S+)\s+la\s+([\s\S]*)$/i.exec(input.args.trim());
  const [, areaText, codesText] = match ?? [];
  if (areaText === undefined || codesText === undefined) {
    throw validationError(`Name the area, then "la" and its local authority codes. Usage: ${route.usage}`);
  }
  const areaId = areaText.toLowerCase();
  if (!isAreaId(areaId)) throw validationError(`"${areaId.slice(0, 40)}" is not an area id: use 2 to 40 lower-case letters, digits and dashes, e.g. telford-wrekin.`);
  const parsed = parseLaCodes(codesText);
  if ('none' in parsed) throw validationError(`Give at least one local authority code after "la". Usage: ${route.usage}`);
  if ('bad' in parsed) {
    throw validationError(`"${parsed.bad}" is not a local authority code: each is 3 digits, e.g. 894 (Telford and Wrekin) or 352 (Manchester), as in the "LA (code)" column of Get Information about Schools.`);
  }
  const area = await services.schools.repository.setLaCodes(input.caller.tenantId, areaId, parsed.codes, input.now);
  services.logger.info({ event: 'schools.area-set', area: areaId, laCodes: parsed.codes, by: input.caller.aadObjectId }, 'area LA codes set');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Local authority codes set: ${areaId}`,
      message: `${areaId} is made of the open schools of LA ${parsed.codes.join(', ')}.`,
      details: [
        area.generation
          ? `Its register has ${area.count} ${area.count === 1 ? 'entry' : 'entries'}; import the register again ("schools import ${areaId}") for the new codes to take effect.`
          : `Next: send me the Get Information about Schools "all establishment data" CSV with "schools import ${areaId}".`,
      ],
      style: 'good',
    }),
  );
}
