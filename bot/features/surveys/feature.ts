// CASCADE and pulse surveys: start a run for a cohort or a conversation, answer it page by page on a card, see the
// results (suppressed under 3) and export them.
import path from 'node:path';
import { retentionCutoff } from '../../domain/retention';
import { defineFeature } from '../../routing/feature';
import { surveyPageCard, surveySavedCard } from './cards/survey';
import { surveyResultsCard } from './cards/surveyResults';
import * as surveyAnswer from './cardActions/surveyAnswer';
import * as surveyShow from './cardActions/surveyShow';
import * as surveyClose from './commands/surveyClose';
import * as surveyExport from './commands/surveyExport';
import * as surveyResults from './commands/surveyResults';
import * as surveyStart from './commands/surveyStart';
import { SurveyDefinitions } from './definitions';
import { surveyResponsesSource } from './personalData';
import { RESPONSES_TABLE, ResponseRepository } from './responseRepository';
import { SURVEY_RUNS_TABLE, SurveyRunRepository } from './surveyRunRepository';
import { CohortSurveyTargets, InstallationSurveyTargets, type SurveyTargets } from './targets';
import type { FeatureServices } from '../../platform/services';
import type { InstallationRepository } from '../../platform/conversations/installationRepository';

export interface SurveysServices {
  /** CASCADE and pulse survey definitions, loaded from bot/features/surveys/data. */
  readonly surveys: SurveyDefinitions;
  /** Who a survey is for: a cohort, or a team/chat where the bot is installed. */
  readonly surveyTargets: SurveyTargets;
  readonly surveyRuns: SurveyRunRepository;
  readonly responses: ResponseRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends SurveysServices {}
}

/** Cohorts first; else the team or chat the command ran in, named for the network living there if there is one. */
function surveyTargetsOver(
  cohorts: FeatureServices['cohorts'],
  networks: FeatureServices['networks'],
  installations: InstallationRepository,
): SurveyTargets {
  const networkName = async (tenantId: string, conversationId: string) => (await networks.findByConversation(tenantId, conversationId))?.name;
  return new CohortSurveyTargets(cohorts, installations, new InstallationSurveyTargets(installations, networkName));
}

export const surveysFeature = defineFeature({
  name: 'surveys',
  cards: [surveyPageCard, surveySavedCard, surveyResultsCard],
  tables: [SURVEY_RUNS_TABLE, RESPONSES_TABLE],
  services: ({ platform, need, root }): SurveysServices => ({
    surveys: new SurveyDefinitions(path.join(root, 'bot', 'features', 'surveys', 'data')),
    surveyTargets: surveyTargetsOver(need('cohorts'), need('networks'), platform.installations),
    surveyRuns: new SurveyRunRepository(platform.storage),
    responses: new ResponseRepository(platform.storage),
  }),
  commands: [
    { ...surveyStart.cascadeStartRoute, handle: surveyStart.startCascade },
    { ...surveyStart.pulseStartRoute, handle: surveyStart.startPulse },
    { ...surveyResults.cascadeResultsRoute, handle: surveyResults.cascadeResults },
    { ...surveyResults.pulseResultsRoute, handle: surveyResults.pulseResults },
    { ...surveyExport.cascadeExportRoute, handle: surveyExport.exportCascade },
    { ...surveyExport.pulseExportRoute, handle: surveyExport.exportPulse },
    { ...surveyClose.cascadeCloseRoute, handle: surveyClose.closeCascade },
    { ...surveyClose.pulseCloseRoute, handle: surveyClose.closePulse },
  ],
  cardActions: [surveyAnswer.action, surveyShow.action],
  personalData: (services) => [surveyResponsesSource(services.responses)],
  retention: ({ responses, config }) => [
    { kind: 'surveyResponses', purgeExpired: (now) => responses.purgeUpdatedBefore(retentionCutoff(now, config.RETENTION_RESPONSES_MONTHS)) },
  ],
});
