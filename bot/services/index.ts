// The services every handler receives: created once in app.ts, passed in, never imported as singletons.
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { CommandRoute } from '../routeTable';
import type { AccessControl } from './access';
import type { CardRenderer } from './cards/render';
import type { Clock, IdSource } from './clock';
import type { StorageAccount } from './storage/account';
import type { InstallationRepository } from './storage/installationRepository';
import type { RoleRepository } from './storage/roleRepository';
import type { ConversationSender } from './messaging/sender';
import type { ProactiveSends } from './messaging/proactiveSends';
import type { NetworkRepository } from './storage/networkRepository';
import type { TermCalendarRepository } from './storage/termCalendarRepository';

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly storage: StorageAccount;
  readonly cards: CardRenderer;
  readonly access: AccessControl;
  readonly installations: InstallationRepository;
  readonly roles: RoleRepository;
  /** Proactive messages to stored conversations (Bot Connector). */
  readonly sender: ConversationSender;
  /** Scheduled fan-out: runs, the send ledger, the shared throttle and the queue producer. */
  readonly sends: ProactiveSends;
  readonly networks: NetworkRepository;
  readonly termCalendars: TermCalendarRepository;
  /** The registered commands, for help. */
  readonly commands: () => readonly CommandRoute[];
}
