// What one person sees of a survey run: the next page to answer (pre-filled when editing), or their saved answers.
import { SURVEY_ANSWER_VERB as ANSWER_VERB, SURVEY_SHOW_VERB as SHOW_VERB } from './verbs';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { allAnswers, type Answers, type StoredResponse } from '../domain/answers';
import { questionsOf, type Survey, type SurveyPage } from '../domain/definition';
import { closingTime, isOpen, type SurveyRun } from '../domain/runs';
import type { AdaptiveCard } from '../../../events';
import type { Services } from '../../../platform/services';
import { surveyPageCard, surveySavedCard } from './survey';

export interface ViewContext {
  readonly survey: Survey;
  readonly run: SurveyRun;
  /** Whose view this is (Teams user ids), so Teams refreshes the card for them alone. */
  readonly userIds: readonly string[];
  readonly now: Date;
}

const phaseName = { baseline: 'baseline', 'follow-up': 'follow-up' } as const;

export function runTitle(survey: Survey, run: SurveyRun): string {
  return `${survey.title} (${run.label}, ${phaseName[run.phase]})`;
}

function statusOf(run: SurveyRun): string {
  const closes = closingTime(run);
  return closes ? `Open until ${describeLondonDateTime(closes)}. You can edit your answers until then.` : 'You can edit your answers until a coordinator closes the survey.';
}

/** A page of questions; `saved` pre-fills it when the person is editing. */
export function pageView(services: Services, context: ViewContext, page: SurveyPage, saved: Answers | undefined, note = ''): AdaptiveCard {
  const { survey, run } = context;
  const index = survey.pages.findIndex((p) => p.id === page.id);
  const last = index === survey.pages.length - 1;
  return services.cards.render(surveyPageCard, {
    run: run.runId,
    target: run.targetId,
    showVerb: SHOW_VERB,
    answerVerb: ANSWER_VERB,
    userIds: [...context.userIds].slice(0, 60),
    title: runTitle(survey, run),
    note,
    intro: index === 0 ? survey.intro : '',
    status: statusOf(run),
    page: page.id,
    pageNumber: index + 1,
    pageCount: survey.pages.length,
    pageTitle: page.title,
    submitTitle: last ? 'Save my answers' : 'Save and continue',
    questions: page.questions.map((q, i) => {
      const previous = page.questions[i - 1];
      const startsDimension = q.type === 'rating' && q.dimension && !(previous?.type === 'rating' && previous.dimension?.id === q.dimension.id);
      return {
        id: q.id,
        kind: q.type,
        heading: startsDimension ? `${q.dimension.letter}: ${q.dimension.name}` : '',
        text: q.text,
        required: q.required,
        value: saved?.[q.id] === undefined ? '' : String(saved[q.id]),
        maxLength: q.type === 'text' ? q.maxLength : 0,
        choices: q.type === 'rating' ? q.choices.map((c) => ({ title: c.label, value: String(c.value) })) : [],
      };
    }),
  });
}

/** The person's saved answers, with an "Edit" button per page while the run is open. */
export function savedView(services: Services, context: ViewContext, response: StoredResponse | undefined, message: string): AdaptiveCard {
  const { survey, run, now } = context;
  const open = isOpen(run, now);
  const answers = response ? allAnswers(response) : {};
  return services.cards.render(surveySavedCard, {
    run: run.runId,
    target: run.targetId,
    showVerb: SHOW_VERB,
    userIds: [...context.userIds].slice(0, 60),
    title: runTitle(survey, run),
    message,
    closed: !open,
    facts: questionsOf(survey)
      .filter((q) => answers[q.id] !== undefined)
      .map((q) => {
        const value = answers[q.id];
        const title = q.type === 'rating' && q.dimension ? `${q.dimension.letter} (${q.dimension.id}) ${q.measure === 'now' ? 'now' : 'in a year'}` : q.label;
        const shown = q.type === 'rating' ? (q.choices.find((c) => c.value === value)?.label ?? String(value)) : String(value);
        return { title, value: shown };
      }),
    pages: open ? survey.pages.map((p) => ({ id: p.id, title: p.title })) : [],
  });
}

/** Where the person is: closed notice, the first page they have not answered, or their saved answers. */
export function currentView(services: Services, context: ViewContext, response: StoredResponse | undefined, note = ''): AdaptiveCard {
  const { run, survey, now } = context;
  if (!isOpen(run, now)) {
    const closes = closingTime(run);
    const when = closes ? ` on ${describeLondonDateTime(closes)}` : '';
    return savedView(services, context, response, `This survey closed${when}, so answers can no longer be changed.`);
  }
  const next = survey.pages.find((p) => !response?.pages[p.id]);
  if (next) return pageView(services, context, next, undefined, note);
  return savedView(services, context, response, note || 'Thank you: your answers are saved. You can edit them until the survey closes.');
}
