// `cascade close` / `pulse close` (coordinators): stop a run taking answers now; what was saved stays.
import { noticeCard } from '../../../platform/cards/notice';
import { londonTime } from '../../../domain/londonTime';
import type { SurveyKind } from '../domain/definition';
import { isOpen, parseSurveyArgs } from '../domain/runs';
import { notFound } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const cascadeCloseRoute = {
  name: 'cascade close',
  usage: 'cascade close <cohort> [baseline|follow-up]',
  description: 'Close an open CASCADE survey (in one minute); answers saved so far are kept.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const pulseCloseRoute = {
  name: 'pulse close',
  usage: 'pulse close <cohort> [baseline|follow-up]',
  description: 'Close an open pulse survey (in one minute); answers saved so far are kept.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const closeCascade = (input: CommandInput, services: Services): Promise<Reply> => close('cascade', input, services);
export const closePulse = (input: CommandInput, services: Services): Promise<Reply> => close('pulse', input, services);

async function close(kind: SurveyKind, input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'close surveys');
  const { options, phaseGiven } = parseSurveyArgs(input.args);
  const target = await services.surveyTargets.resolve(input.caller, options.name, input.place);
  const open = (await services.surveyRuns.listForTarget(input.caller.tenantId, target.targetId)).filter(
    (r) => r.kind === kind && (!phaseGiven || r.phase === options.phase) && isOpen(r, input.now),
  );
  if (open.length === 0) throw notFound(`No ${kind === 'cascade' ? 'CASCADE' : 'pulse'} survey is open for ${target.label}.`);
  let closesAt = input.now;
  for (const run of open) closesAt = await services.surveyRuns.close(run, input.now);
  services.logger.info({ event: 'survey.closed', runs: open.map((r) => r.runId) }, 'survey closed');
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Survey closed',
      message: `The ${open.map((r) => r.phase).join(' and ')} ${kind === 'cascade' ? 'CASCADE' : 'pulse'} survey for ${target.label} stops taking answers at ${londonTime(closesAt)} (in a minute, so answers being sent now still count). Answers saved so far are kept.`,
      details: [`See results: ${kind} results${options.name ? ` ${options.name}` : ''}`],
      style: 'good',
    }),
  );
}
