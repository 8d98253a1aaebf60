// Surveys' public module: a survey run's card, for the networks' after-meeting pulse.
export { pageView } from './cards/surveyViews';
export { baseConversationId, type SurveyRun } from './domain/runs';
// For the programme dashboard and its evaluation report: pooling a survey's answers across an area's cohorts, with the
// same suppression as the results cards.
export { allAnswers, type Answers } from './domain/answers';
export { compareRuns, MIN_RESPONDENTS, summariseRun, type ChangeResult, type GapResult, type ItemResult, type RunResults } from './domain/results';
export { isOpen, latestRun } from './domain/runs';
export type { Survey, SurveyKind } from './domain/definition';
