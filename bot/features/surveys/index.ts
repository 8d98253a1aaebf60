// Surveys' public module: a survey run's card, for the networks' after-meeting pulse.
export { pageView } from './cards/surveyViews';
export { baseConversationId, type SurveyRun } from './domain/runs';
