// `survey.show`: the card's refresh, and its "Edit" buttons. Shows this person their own view of a run; writes nothing.
import { currentView, pageView } from '../cards/surveyViews';
import { SURVEY_SHOW_VERB } from '../cards/verbs';
import { pageOf } from '../domain/definition';
import { isOpen } from '../domain/runs';
import { validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { INCOMPLETE_CARD, runForCaller, runReferenceSchema, userIdsOf } from '../runAccess';

export const VERB = SURVEY_SHOW_VERB;

export const action = defineCardAction({ verb: VERB, data: runReferenceSchema, outOfDate: INCOMPLETE_CARD, handle });

export async function handle(input: CardActionInputOf<typeof runReferenceSchema>, services: Services): Promise<CardActionResult> {
  const reference = input.data;
  const [{ run, survey }, response] = await Promise.all([
    runForCaller(reference, input, services, 'fresh'),
    services.responses.get(reference.run, input.caller.aadObjectId),
  ]);
  const context = { survey, run, userIds: userIdsOf(input), now: input.now };
  if (reference.page !== undefined && isOpen(run, input.now)) {
    const page = pageOf(survey, reference.page);
    if (!page) throw validationError('This survey card asks for a page the survey does not have. Open the latest survey card and try again.');
    return { card: pageView(services, context, page, response?.pages[page.id]) };
  }
  return { card: currentView(services, context, response) };
}
