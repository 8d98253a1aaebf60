// Cohorts: a cohort's channel and members in Microsoft Graph (`cohort create|add|list|show`, the create form).
import { defineFeature } from '../../routing/feature';
import { cohortFormCard, cohortResultCard, cohortWelcomeCard } from './cards/cohort';
import * as cohortCreateAction from './cardActions/cohortCreate';
import { COHORTS_TABLE, CohortRepository } from './cohortRepository';
import * as cohortAdd from './commands/cohortAdd';
import * as cohortCreate from './commands/cohortCreate';
import * as cohortList from './commands/cohortList';
import * as cohortShow from './commands/cohortShow';

export interface CohortsServices {
  readonly cohorts: CohortRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends CohortsServices {}
}

export const cohortsFeature = defineFeature({
  name: 'cohorts',
  cards: [cohortFormCard, cohortResultCard, cohortWelcomeCard],
  tables: [COHORTS_TABLE],
  services: ({ platform }): CohortsServices => ({ cohorts: new CohortRepository(platform.storage) }),
  commands: [
    { ...cohortCreate.route, handle: cohortCreate.handle },
    { ...cohortList.route, handle: cohortList.handle },
    { ...cohortShow.route, handle: cohortShow.handle },
    { ...cohortAdd.route, handle: cohortAdd.handle },
  ],
  cardActions: [cohortCreateAction.action],
});
