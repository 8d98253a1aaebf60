// The survey cards' verbs, in one module that the views (which put them on cards) and the card actions (which answer
// them) both import, so neither imports the other.
export const SURVEY_ANSWER_VERB = 'survey.answer';
export const SURVEY_SHOW_VERB = 'survey.show';
