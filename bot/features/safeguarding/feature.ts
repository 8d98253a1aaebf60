// Safeguarding: the risk check every route puts what a person typed through first, the urgent-help lines it leads
// with (per area, else the national ones); `contacts urgent-help`, which sets an area's lines, is a contacts command.
import { defineFeature } from '../../routing/feature';
import { urgentHelpCard } from './cards/urgentHelp';
import * as tooLongText from './commands/tooLongText';
import { loadDefaultUrgentHelp, loadRiskDetector, URGENT_HELP_TABLE, UrgentHelpService } from './urgentHelpService';

export interface SafeguardingServices {
  /** Risk check and urgent-help lines (per area, defaulting to the national lines). */
  readonly urgentHelp: UrgentHelpService;
}

declare module '../../platform/services' {
  interface FeatureServices extends SafeguardingServices {}
}

export const safeguardingFeature = defineFeature({
  name: 'safeguarding',
  cards: [urgentHelpCard],
  tables: [URGENT_HELP_TABLE],
  services: ({ platform, root }): SafeguardingServices => ({
    urgentHelp: new UrgentHelpService(platform.storage, loadDefaultUrgentHelp(root), loadRiskDetector(root)),
  }),
  tooLongText: tooLongText.handle,
});
