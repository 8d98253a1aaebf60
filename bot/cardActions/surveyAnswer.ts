// `survey.answer`: one page of a survey card was submitted. Validates, saves (replacing any earlier answer) and shows what is next.
import { pageView, savedView } from '../cards/surveyViews';
import { describeLondonDateTime } from '../domain/londonTime';
import { parsePageAnswers } from '../domain/surveys/answers';
import { pageOf } from '../domain/surveys/definition';
import { closingTime, isOpen, type SurveyRun } from '../domain/surveys/runs';
import { validationError, type AppError } from '../errors';
import type { CardActionInput, CardActionResult } from '../events';
import type { Services } from '../services';
import { parseRunReference, runForCaller, userIdsOf } from '../services/surveys/runAccess';

export const VERB = 'survey.answer';

function closedError(run: SurveyRun): AppError {
  const closes = closingTime(run);
  return validationError(`This survey closed${closes ? ` on ${describeLondonDateTime(closes)}` : ''}, so your answers were not saved.`);
}

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  const reference = parseRunReference(input.data);
  const { run, survey } = await runForCaller(reference, input, services);
  const page = reference.page ? pageOf(survey, reference.page) : undefined;
  if (!page) throw validationError('This survey card asks for a page the survey does not have, so nothing was saved. Open the latest survey card and try again.');
  // The run's closing instant is fixed at least a minute ahead (see SurveyRunRepository.close), so this check is exact.
  if (!isOpen(run, input.now)) throw closedError(run);
  const parsed = parsePageAnswers(page, reference);
  if (!parsed.ok) throw validationError('Some answers need attention, so nothing was saved:', parsed.problems);

  // Earlier pages are only needed to show a multi-card survey's next page and summary; read them beside the save.
  const [, previous] = await Promise.all([
    services.responses.savePage(run.runId, input.caller.aadObjectId, page.id, parsed.answers, input.now),
    survey.pages.length > 1 ? services.responses.get(run.runId, input.caller.aadObjectId) : undefined,
  ]);
  services.logger.info({ event: 'survey.answer.saved', run: run.runId, page: page.id, answered: Object.keys(parsed.answers).length, activityId: input.activityId }, 'survey page saved');

  const pages = { ...(previous?.pages ?? {}), [page.id]: parsed.answers };
  const response = { respondent: input.caller.aadObjectId, pages, updated: input.now };
  const context = { survey, run, userIds: userIdsOf(input), now: input.now };
  const index = survey.pages.findIndex((p) => p.id === page.id);
  const following = survey.pages[index + 1] ?? survey.pages.find((p) => !pages[p.id]);
  if (following) return { card: pageView(services, context, following, pages[following.id], `Saved page ${index + 1} of ${survey.pages.length}.`) };
  return { card: savedView(services, context, response, 'Thank you: your answers are saved. You can edit them until the survey closes.') };
}
