// The wellbeing panel: anonymous cases put to an area's panel (`panel create|submit|who|advise|cases`, the case form),
// checked for identifiers and for risk, advised by the panel, and kept for a set time after advice.
import { panelCaseExpired } from '../../domain/retention';
import { defineFeature } from '../../routing/feature';
import { panelAdviceCard, panelCaseCard, panelCaseFormCard } from './cards/panel';
import * as panelSubmit from './cardActions/panelSubmit';
import * as panel from './commands/panel';
import { PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE, PANELS_TABLE, PanelRepository } from './panelRepository';
import { panelCasesSource } from './personalData';

export interface PanelServices {
  /** The anonymous case panel: panels, cases, case reference counters. */
  readonly panels: PanelRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends PanelServices {}
}

export const panelFeature = defineFeature({
  name: 'panel',
  cards: [panelAdviceCard, panelCaseCard, panelCaseFormCard],
  tables: [PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE],
  services: ({ platform }): PanelServices => ({ panels: new PanelRepository(platform.storage) }),
  commands: [
    { ...panel.createRoute, handle: panel.create },
    { ...panel.submitRoute, handle: panel.submit },
    { ...panel.whoRoute, handle: panel.who },
    { ...panel.adviseRoute, handle: panel.advise },
    { ...panel.casesRoute, handle: panel.cases },
  ],
  cardActions: [panelSubmit.action],
  personalData: (services) => [panelCasesSource(services.panels)],
  retention: ({ panels, config }) => [
    {
      kind: 'panelCases',
      purgeExpired: (now) => panels.purgeExpired((submittedAt, advisedAt) => panelCaseExpired(submittedAt, advisedAt, now, config.RETENTION_PANEL_CASES_MONTHS)),
    },
  ],
});
