// 5 Steps: each school's action plan under the Anna Freud Centre's 5 Steps to Mental Health and Wellbeing framework
// (the steps and actions are data, bot/data/five-steps.json, checked at start-up), kept in Table Storage per area.
import { defineFeature } from '../../routing/feature';
import * as planReview from './cardActions/planReview';
import * as planSave from './cardActions/planSave';
import * as planSettings from './cardActions/planSettings';
import * as planShow from './cardActions/planShow';
import { planHeaderCard, planOverviewCard, planProgressCard, planStepCard } from './cards/plan';
import * as plan from './commands/plan';
import * as planLead from './commands/planLead';
import * as planOverview from './commands/planOverview';
import * as planPrint from './commands/planPrint';
import * as planProgress from './commands/planProgress';
import type { Framework } from './domain/framework';
import { loadFramework } from './frameworkFile';
import * as reviewReminder from './jobs/reviewReminder';
import { planEditsSource } from './personalData';
import { reviewReminderSource } from './reviewReminderSource';
import { PLANS_TABLE, PlanRepository } from './planRepository';
import { retentionCutoff } from '../../domain/retention';

export interface FiveStepsServices {
  /** The current 5 Steps framework: its steps, actions and version. */
  readonly fiveStepsFramework: Framework;
  /** Every school's plan, its summary for the area's overview, and its reviews. */
  readonly fiveStepsPlans: PlanRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends FiveStepsServices {}
}

export const fiveStepsFeature = defineFeature({
  name: 'fiveSteps',
  tables: [PLANS_TABLE],
  services: ({ root, platform }): FiveStepsServices => ({ fiveStepsFramework: loadFramework(root), fiveStepsPlans: new PlanRepository(platform.storage) }),
  cards: [planHeaderCard, planStepCard, planOverviewCard, planProgressCard],
  commands: [
    { ...plan.route, handle: plan.handle },
    { ...planLead.route, handle: planLead.handle },
    { ...planOverview.route, handle: planOverview.handle },
    { ...planPrint.route, handle: planPrint.handle },
    { ...planProgress.route, handle: planProgress.handle },
  ],
  cardActions: [planShow.action, planSave.action, planSettings.action, planReview.action],
  fanoutJobs: [{ kind: reviewReminder.REVIEW_REMINDER_JOB, handle: reviewReminder.handle }],
  dueSources: [reviewReminderSource],
  personalData: (services) => [planEditsSource(services.fiveStepsPlans)],
  // A plan nobody has changed for RETENTION_PLANS_MONTHS goes, with its reviews (a school that left the programme).
  retention: ({ fiveStepsPlans, config }) => [{ kind: 'fiveStepsPlans', purgeExpired: (now) => fiveStepsPlans.purgeUnchangedSince(retentionCutoff(now, config.RETENTION_PLANS_MONTHS)) }],
});
