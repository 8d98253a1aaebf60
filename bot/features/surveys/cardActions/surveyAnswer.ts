// `survey.answer`: one page of a survey card was submitted. The risk check runs first, on the free-text answers as
// typed; then the page is validated, saved (replacing any earlier answer) and what is next is shown. When an answer
// suggests someone is at risk, the answer is saved as usual and the person's card leads with the urgent-help lines
// (the reply replaces the card for them alone: nothing goes to the channel about it).
import { noticeCard } from '../../../platform/cards/notice';
import { pageView, savedView } from '../cards/surveyViews';
import { SURVEY_ANSWER_VERB } from '../cards/verbs';
import { assessTexts, leadWithUrgentHelp, recordUrgentHelpShown, rememberedArea, urgentHelpMessage, type RiskAssessment } from '../../safeguarding';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { parsePageAnswers, typedAnswers, typedTexts } from '../domain/answers';
import { pageOf } from '../domain/definition';
import { closingTime, isOpen, type SurveyRun } from '../domain/runs';
import { asAppError, validationError, type AppError } from '../../../errors';
import type { AdaptiveCard, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { cardFields, defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { INCOMPLETE_CARD, parseRunReference, runForCaller, userIdsOf } from '../runAccess';

export const VERB = SURVEY_ANSWER_VERB;

/** The whole card as sent (the run reference and every answer): the risk check reads the answers before anything else. */
type SurveyAnswerInput = CardActionInputOf<typeof cardFields>;

export const action = defineCardAction({ verb: VERB, data: cardFields, outOfDate: INCOMPLETE_CARD, handle });

function closedError(run: SurveyRun): AppError {
  const closes = closingTime(run);
  return validationError(`This survey closed${closes ? ` on ${describeLondonDateTime(closes)}` : ''}, so your answers were not saved.`);
}

export async function handle(input: SurveyAnswerInput, services: Services): Promise<CardActionResult> {
  const risk = assessTexts(typedTexts(input.data), services);
  if (!risk.risk) return { card: await answer(input, services, false) };
  let card: AdaptiveCard;
  try {
    card = await answer(input, services, true);
  } catch (thrown) {
    // Not saved (closed, not theirs, out of date): urgent help still comes first, then why.
    const error = asAppError(thrown);
    card = services.cards.render(noticeCard, { title: 'Your answers were not saved', message: error.userMessage, details: [...error.details], style: 'attention' });
  }
  return { card: await urgentHelpFirstOn(card, risk, input, services), privately: { sharedText: 'This version of Teams cannot show you your survey card privately here: update Teams, then open the survey card again.' } };
}

/** Validates, saves and returns the card showing what is next. With `risk`, answers that need changing come back as
 * the page again (pre-filled, saying what to fix) rather than as an error, so the urgent-help lines can lead it. */
async function answer(input: SurveyAnswerInput, services: Services, risk: boolean): Promise<AdaptiveCard> {
  const reference = parseRunReference(input.data);
  const { run, survey } = await runForCaller(reference, input, services);
  const page = reference.page ? pageOf(survey, reference.page) : undefined;
  if (!page) throw validationError('This survey card asks for a page the survey does not have, so nothing was saved. Open the latest survey card and try again.');
  // The run's closing instant is fixed at least a minute ahead (see SurveyRunRepository.close), so this check is exact.
  if (!isOpen(run, input.now)) throw closedError(run);
  const context = { survey, run, userIds: userIdsOf(input), now: input.now };
  const parsed = parsePageAnswers(page, reference);
  if (!parsed.ok) {
    if (!risk) throw validationError('Some answers need attention, so nothing was saved:', parsed.problems);
    return pageView(services, context, page, typedAnswers(page, reference), `Nothing was saved yet: ${parsed.problems.join(' ')}`);
  }

  // Earlier pages are only needed to show a multi-card survey's next page and summary; read them beside the save.
  const [, previous] = await Promise.all([
    services.responses.savePage(run.runId, input.caller.aadObjectId, page.id, parsed.answers, input.now),
    survey.pages.length > 1 ? services.responses.get(run.runId, input.caller.aadObjectId) : undefined,
  ]);
  services.logger.info({ event: 'survey.answer.saved', run: run.runId, page: page.id, answered: Object.keys(parsed.answers).length, activityId: input.activityId }, 'survey page saved');

  const pages = { ...(previous?.pages ?? {}), [page.id]: parsed.answers };
  const response = { respondent: input.caller.aadObjectId, pages, updated: input.now };
  const index = survey.pages.findIndex((p) => p.id === page.id);
  const following = survey.pages[index + 1] ?? survey.pages.find((p) => !pages[p.id]);
  if (following) return pageView(services, context, following, pages[following.id], `Saved page ${index + 1} of ${survey.pages.length}.`);
  return savedView(services, context, response, 'Thank you: your answers are saved. You can edit them until the survey closes.');
}

/** The person's card with the urgent-help lines first (their remembered area's, else the national ones), recorded as shown. */
async function urgentHelpFirstOn(card: AdaptiveCard, risk: RiskAssessment, input: SurveyAnswerInput, services: Services): Promise<AdaptiveCard> {
  const areaId = await rememberedArea(input.caller, services);
  const [urgent] = await Promise.all([
    urgentHelpMessage(input.caller.tenantId, areaId, services),
    recordUrgentHelpShown(risk, { route: 'survey-answer', caller: input.caller, areaId, now: input.now }, services),
  ]);
  return leadWithUrgentHelp(urgent, card);
}
