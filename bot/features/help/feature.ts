// Help: the `help` card (the commands this caller may use), what answers text that is no command, and the welcome card
// sent once to each conversation the app is added to.
import type { CommandRoute } from '../../routing/routeTable';
import { defineFeature } from '../../routing/feature';
import { helpCard } from './cards/help';
import { welcomeCard } from './cards/welcome';
import * as help from './commands/help';
import * as unknown from './commands/unknown';
import * as installed from './installed';
import { WELCOMES_TABLE, WelcomeRepository } from './welcomeRepository';

export interface HelpServices {
  /** Every registered command, of every feature, for the help card. */
  readonly commands: () => readonly CommandRoute[];
  /** Which conversations have had their welcome card. */
  readonly welcomes: WelcomeRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends HelpServices {}
}

export const helpFeature = defineFeature({
  name: 'help',
  cards: [helpCard, welcomeCard],
  tables: [WELCOMES_TABLE],
  services: ({ commands, platform }): HelpServices => ({ commands, welcomes: new WelcomeRepository(platform.storage) }),
  commands: [{ ...help.route, handle: help.handle }],
  unknownText: unknown.handle,
  emptyText: help.handle,
  installed: installed.handle,
});
