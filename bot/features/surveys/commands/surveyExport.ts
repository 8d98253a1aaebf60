// `cascade export` / `pulse export`: a CSV of a run's pseudonymous rows, delivered in the caller's personal chat.
import { londonDate } from '../../../domain/londonTime';
import type { SurveyKind } from '../domain/definition';
import { runToCsv } from '../domain/export';
import { MIN_RESPONDENTS } from '../domain/results';
import { latestRun, parseSurveyArgs } from '../domain/runs';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type OutgoingMessage, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { deliverFile } from '../../../platform/files/deliver';
import { allAnswers } from '../domain/answers';
import { requireResultsAccess } from '../resultsAccess';
import type { SurveyTarget } from '../targets';

export const cascadeExportRoute = {
  name: 'cascade export',
  usage: 'cascade export <cohort> [baseline|follow-up]',
  description: 'Download the latest CASCADE run as CSV (pseudonymous rows), sent to you in personal chat.',
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const pulseExportRoute = {
  name: 'pulse export',
  usage: 'pulse export <cohort> [baseline|follow-up]',
  description: 'Download the latest pulse run as CSV (pseudonymous rows), sent to you in personal chat.',
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const exportCascade = (input: CommandInput, services: Services): Promise<Reply> => exportRun('cascade', input, services);
export const exportPulse = (input: CommandInput, services: Services): Promise<Reply> => exportRun('pulse', input, services);

async function exportRun(kind: SurveyKind, input: CommandInput, services: Services): Promise<Reply> {
  const { options, phaseGiven } = parseSurveyArgs(input.args);
  const target = await services.surveyTargets.resolve(input.caller, options.name, input.place);
  await requireResultsAccess(input.caller, target, services);
  const run = latestRun(await services.surveyRuns.listForTarget(input.caller.tenantId, target.targetId), kind, phaseGiven ? options.phase : undefined);
  if (!run) throw notFound(`No ${kind === 'cascade' ? 'CASCADE' : 'pulse'} survey${phaseGiven ? ` (${options.phase})` : ''} has run for ${target.label} yet.`);
  const responses = await services.responses.listRun(run.runId);
  if (responses.length < MIN_RESPONDENTS) {
    throw validationError(`Only ${responses.length} ${responses.length === 1 ? 'person has' : 'people have'} answered so far. An export needs at least ${MIN_RESPONDENTS}, so that no one's answers can be read off.`);
  }
  const csv = runToCsv(services.surveys.get(kind), run, responses.map((r) => ({ respondent: r.respondent, updated: r.updated, answers: allAnswers(r) })));
  const message = await deliverFile(
    input.caller,
    {
      fileName: `${kind}-${run.phase}-${londonDate(run.openedAt)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: csv,
      title: `${kind === 'cascade' ? 'CASCADE' : 'Pulse'} ${run.phase} export: ${target.label}`,
      description: `${responses.length} pseudonymous rows, one per respondent. Respondent codes are stable within this run only.`,
    },
    input.now,
    services,
  );
  services.logger.info({ event: 'survey.exported', run: run.runId, rows: responses.length }, 'survey exported');
  if (input.place.scope === 'personal') return reply.of(message);
  // Never post a download link in a shared conversation: send it to the caller's personal chat.
  const delivered = await sendPersonally(input, target, message, services);
  return reply.text(
    delivered
      ? 'I have sent the CSV export to you in our personal chat.'
      : `I could not open a personal chat with you. Open a chat with me and run "${kind} export ${target.label}" there.`,
  );
}

async function sendPersonally(input: CommandInput, target: SurveyTarget, message: OutgoingMessage, services: Services): Promise<boolean> {
  const mine = (await services.installations.listActive(input.caller.tenantId, 'personal')).find(
    (i) => (i.reference.user?.aadObjectId ?? '').toLowerCase() === input.caller.aadObjectId.toLowerCase(),
  );
  try {
    const reference =
      mine?.reference ??
      (await services.sender.createPersonalConversation({
        tenantId: input.caller.tenantId,
        serviceUrl: target.reference.serviceUrl,
        userId: input.caller.aadObjectId,
        botId: target.reference.bot.id,
      }));
    await services.sender.send(reference, message);
    return true;
  } catch (error) {
    services.logger.warn({ event: 'survey.export.personal-failed', status: (error as { statusCode?: number }).statusCode }, 'could not reach the caller 1:1');
    return false;
  }
}
