// `survey.answer`: one page of a survey card was submitted. The risk check runs first, on the free-text answers as
// typed; then the page is validated (answers to change: the page again, as typed, each problem by its question), saved
// (replacing any earlier answer) and what is next is shown. When an answer
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
import { formWithProblems } from '../../../platform/cards/formProblems';
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

/** What the Action.Submit fallback posts in a shared conversation instead of someone's own survey card. */
const ANSWERS_PRIVATELY = 'This version of Teams cannot show you your survey card privately here: update Teams, then open the survey card again.';

export async function handle(input: SurveyAnswerInput, services: Services): Promise<CardActionResult> {
  const risk = assessTexts(typedTexts(input.data), services);
  if (!risk.risk) {
    const { card, unsaved } = await answer(input, services);
    // The page again holds their answers, which nobody else may see: a shared conversation is told what to fix instead.
    return unsaved ? { card, privately: { sharedText: `Your answers were not saved: ${unsaved.join(' ')} Change them on the survey card and press its button again.` } } : { card };
  }
  let card: AdaptiveCard;
  try {
    card = (await answer(input, services)).card;
  } catch (thrown) {
    // Not saved (closed, not theirs, out of date): urgent help still comes first, then why.
    const error = asAppError(thrown);
    card = services.cards.render(noticeCard, { title: 'Your answers were not saved', message: error.userMessage, details: [...error.details], style: 'attention' });
  }
  return { card: await urgentHelpFirstOn(card, risk, input, services), privately: { sharedText: ANSWERS_PRIVATELY } };
}

/** Validates, saves and returns the card showing what is next. Answers that need changing come back as the page again
 * (as typed, each problem by its question) rather than as an error, with `unsaved` saying what to fix. */
async function answer(input: SurveyAnswerInput, services: Services): Promise<{ card: AdaptiveCard; unsaved?: readonly string[] }> {
  const reference = parseRunReference(input.data);
  const { run, survey } = await runForCaller(reference, input, services);
  const page = reference.page ? pageOf(survey, reference.page) : undefined;
  if (!page) throw validationError('This survey card asks for a page the survey does not have, so nothing was saved. Open the latest survey card and try again.');
  // The run's closing instant is fixed at least a minute ahead (see SurveyRunRepository.close), so this check is exact.
  if (!isOpen(run, input.now)) throw closedError(run);
  const context = { survey, run, userIds: userIdsOf(input), now: input.now };
  const parsed = parsePageAnswers(page, reference);
  if (!parsed.ok) {
    // An answer of a kind no card sends is not the person's to fix: the card is out of date (or not ours).
    if (parsed.unreadable) throw validationError('Some answers need attention, so nothing was saved:', parsed.problems);
    const again = pageView(services, context, page, typedAnswers(page, reference));
    const summary = 'Nothing was saved yet: fix the answers marked below and press the button again.';
    return { card: formWithProblems(again, input.data, { summary, fields: parsed.fields }), unsaved: parsed.problems };
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
  if (following) return { card: pageView(services, context, following, pages[following.id], `Saved page ${index + 1} of ${survey.pages.length}.`) };
  return { card: savedView(services, context, response, 'Thank you: your answers are saved. You can edit them until the survey closes.') };
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
