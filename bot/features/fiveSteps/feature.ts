// 5 Steps: each school's action plan under the Anna Freud Centre's 5 Steps to Mental Health and Wellbeing framework
// (the steps and actions are data, bot/data/five-steps.json, checked at start-up).
import { defineFeature } from '../../routing/feature';
import type { Framework } from './domain/framework';
import { loadFramework } from './frameworkFile';

export interface FiveStepsServices {
  /** The current 5 Steps framework: its steps, actions and version. */
  readonly fiveStepsFramework: Framework;
}

declare module '../../platform/services' {
  interface FeatureServices extends FiveStepsServices {}
}

export const fiveStepsFeature = defineFeature({
  name: 'fiveSteps',
  services: ({ root }): FiveStepsServices => ({ fiveStepsFramework: loadFramework(root) }),
});
