// `report evaluation <area|cohort>` (coordinators, facilitators): the evaluation report as a PDF and an Excel workbook,
// each behind a signed download link, in personal chat (a link is never posted where others can see it).
import { isAreaId } from '../../../domain/areas';
import { forbidden, notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import { downloadCard } from '../../../platform/files/cards/download';
import { describeLondonDateTime } from '../../../domain/londonTime';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { programmeView, type Scope } from '../programme';
import { publishReport, REPORT_FORMATS } from '../report';

export const route = {
  name: 'report evaluation',
  usage: 'report evaluation <area|cohort>',
  description: 'The evaluation report for an area or a cohort (cohorts, uptake, baseline vs follow-up, CASCADE) as PDF and Excel.',
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const roles = await services.access.require(input.caller, 'facilitator', 'make the evaluation report');
  if (input.place.scope !== 'personal') throw validationError('Ask for the evaluation report in your personal chat with the bot, so its download links stay yours.');
  const wanted = input.args.trim();
  if (wanted === '') throw validationError(`Say which area or cohort. Usage: ${route.usage}`);
  const scope = await scopeNamed(wanted, input.caller.tenantId, services);
  const viewer = { caller: input.caller, roles, local: false };
  // The figures are read once; both files are made from them.
  const outcome = await programmeView(viewer, scope, services);
  if (!outcome.ok) throw outcome.status === 403 ? forbidden(outcome.message) : notFound(outcome.message);
  const messages = [];
  for (const format of REPORT_FORMATS) {
    const link = await publishReport(viewer, outcome.view, format, services);
    messages.push({
      card: services.cards.render(downloadCard, {
        title: `Evaluation report (${format === 'pdf' ? 'PDF' : 'Excel'}): ${wanted}`,
        description: format === 'pdf' ? 'One page per section, charts with their tables. Figures from fewer than 3 people are suppressed.' : 'One sheet per section, the same figures as the PDF.',
        fileName: link.fileName,
        expires: describeLondonDateTime(new Date(link.expiresAt)),
        url: link.url,
      }),
    });
  }
  return reply.of(...messages);
}

async function scopeNamed(wanted: string, tenantId: string, services: Services): Promise<Scope> {
  const cohorts = await services.cohorts.list(tenantId);
  const area = wanted.toLowerCase();
  if (isAreaId(area) && (cohorts.some((cohort) => cohort.areaId === area) || (await services.schools.repository.areas(tenantId)).includes(area))) return { kind: 'area', areaId: area };
  const cohort = cohorts.find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase());
  if (cohort) return { kind: 'cohort', cohortId: cohort.id };
  throw notFound(`There is no area or cohort called "${wanted.slice(0, 60)}". "cohort list" shows the cohorts and their areas.`);
}
