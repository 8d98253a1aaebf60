// THE list of features: adding one is a folder under bot/features/ with a feature.ts, and one line here. The order is
// the order their services are built in (a feature may use what one before it built, e.g. surveys uses cohorts).
import type { FeatureManifest } from '../routing/feature';
import { cohortsFeature } from './cohorts/feature';
import { contactsFeature } from './contacts/feature';
import { dashboardFeature } from './dashboard/feature';
import { demoFeature } from './demo/feature';
import { fiveStepsFeature } from './fiveSteps/feature';
import { helpFeature } from './help/feature';
import { networksFeature } from './networks/feature';
import { panelFeature } from './panel/feature';
import { postsFeature } from './posts/feature';
import { privacyFeature } from './privacy/feature';
import { rolesFeature } from './roles/feature';
import { safeguardingFeature } from './safeguarding/feature';
import { schoolsFeature } from './schools/feature';
import { surveysFeature } from './surveys/feature';
import { workshopsFeature } from './workshops/feature';

export const FEATURES: readonly FeatureManifest[] = [
  helpFeature,
  rolesFeature,
  safeguardingFeature,
  contactsFeature,
  schoolsFeature,
  cohortsFeature,
  workshopsFeature,
  networksFeature,
  postsFeature,
  surveysFeature,
  panelFeature,
  fiveStepsFeature,
  dashboardFeature,
  privacyFeature,
  demoFeature,
];
