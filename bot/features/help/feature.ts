// Help: the `help` card (the commands this caller may use), and what answers text that is no command.
import type { CommandRoute } from '../../routing/routeTable';
import { defineFeature } from '../../routing/feature';
import { helpCard } from './cards/help';
import * as help from './commands/help';
import * as unknown from './commands/unknown';

export interface HelpServices {
  /** Every registered command, of every feature, for the help card. */
  readonly commands: () => readonly CommandRoute[];
}

declare module '../../platform/services' {
  interface FeatureServices extends HelpServices {}
}

export const helpFeature = defineFeature({
  name: 'help',
  cards: [helpCard],
  services: ({ commands }): HelpServices => ({ commands }),
  commands: [{ ...help.route, handle: help.handle }],
  unknownText: unknown.handle,
  emptyText: help.handle,
});
