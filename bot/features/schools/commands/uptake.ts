// `uptake [area]` (coordinators, facilitators): of an area's open schools, how many have taken part (someone at both
// workshops), in numbers and per cent, by phase with a bar chart, and the schools not yet reached as a CSV download.
import { isAreaId } from '../../../domain/areas';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type OutgoingMessage, type Reply } from '../../../events';
import { noticeCard } from '../../../platform/cards/notice';
import { deliverFile } from '../../../platform/files/deliver';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { uptakeCard } from '../cards/schools';
import { areaUptake, notYetCsv, type AreaUptake } from '../uptake';

export const route = {
  name: 'uptake',
  usage: 'uptake [area]',
  description: "How many of an area's open schools have taken part (someone at both workshops), by phase, and which have not yet.",
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const PHASE_LABELS: Readonly<Record<string, string>> = {
  primary: 'Primary',
  secondary: 'Secondary',
  special: 'Special',
  'alternative provision': 'Alternative provision',
  'further education': 'Further education',
  other: 'Other',
};

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'facilitator', 'see uptake');
  const tenantId = input.caller.tenantId;
  const wanted = input.args.trim().toLowerCase();
  if (wanted !== '' && !isAreaId(wanted)) throw validationError(`"${wanted.slice(0, 40)}" is not an area id. Usage: ${route.usage}`);
  if (wanted === '') {
    const areas = await services.schools.repository.areas(tenantId);
    const withRegister: AreaUptake[] = [];
    for (const id of areas) {
      if ((await services.schools.repository.area(tenantId, id))?.generation) withRegister.push(await areaUptake(tenantId, id, services));
    }
    const [only] = withRegister;
    if (only === undefined) {
      throw validationError('No area has a school register yet. Set its local authority codes with "area set <area> la <codes>", then "schools import <area>".');
    }
    if (withRegister.length > 1) {
      return reply.card(
        services.cards.render(noticeCard, {
          title: 'Uptake by area',
          message: 'Schools that have taken part (someone at both workshops) of the open schools in each register. For one area in detail: uptake <area>.',
          details: withRegister.map((u) => `${u.areaId}: ${u.figures.takenPart} of ${u.figures.open} (${u.figures.percent}%), ${u.figures.started} started`),
        }),
      );
    }
    return answer(only, input, services);
  }
  return answer(await areaUptake(tenantId, wanted, services), input, services);
}

async function answer(uptake: AreaUptake, input: CommandInput, services: Services): Promise<Reply> {
  const { figures } = uptake;
  const card = services.cards.render(uptakeCard, {
    title: `Uptake: ${uptake.areaId}`,
    headline: `${figures.takenPart} of ${figures.open} schools have taken part (${figures.percent}%)`,
    summary: `${figures.started} more have started (someone at one workshop so far); ${figures.open - figures.takenPart - figures.started} not yet reached. Across ${uptake.cohorts} ${uptake.cohorts === 1 ? 'cohort' : 'cohorts'}; services in the register are not counted.`,
    phases: figures.byPhase
      .filter((line) => line.open > 0)
      .map((line) => {
        const filled = Math.round(line.percent);
        return { label: PHASE_LABELS[line.phase] ?? line.phase, filled, empty: 100 - filled, figure: `${line.takenPart} / ${line.open} (${line.percent}%)` };
      }),
    footer: `A school has taken part when someone from it attended both workshops.${uptake.registerImported ? ` Register imported ${uptake.registerImported.toISOString().slice(0, 10)}.` : ''}`,
  });
  const messages: OutgoingMessage[] = [{ card }];
  if (figures.notYet.length > 0) {
    messages.push(
      await deliverFile(
        input.caller,
        {
          fileName: `schools-not-yet-taken-part-${uptake.areaId}-${input.now.toISOString().slice(0, 10)}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: notYetCsv(uptake),
          title: `Schools not yet taken part: ${uptake.areaId}`,
          description: `${figures.notYet.length} ${figures.notYet.length === 1 ? 'school' : 'schools'} as CSV (URN, name, phase, started or not yet, LA, postcode).`,
        },
        input.now,
        services,
      ),
    );
  }
  services.logger.info({ event: 'schools.uptake', area: uptake.areaId, open: figures.open, takenPart: figures.takenPart, by: input.caller.aadObjectId }, 'uptake shown');
  return reply.of(...messages);
}
