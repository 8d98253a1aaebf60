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
import type { DownloadLinks } from './files/downloadLinks';
import type { SurveyDefinitions } from './surveys/definitions';
import type { SurveyTargets } from './surveys/targets';
import type { SurveyRunRepository } from './storage/surveyRunRepository';
import type { ResponseRepository } from './storage/responseRepository';

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
  /** Signed, expiring download links for exports; see files/deliver.ts. */
  readonly downloads: DownloadLinks;
  /** CASCADE and pulse survey definitions, loaded from bot/data/surveys. */
  readonly surveys: SurveyDefinitions;
  /** Who a survey is for: a cohort, or a team/chat where the bot is installed. */
  readonly surveyTargets: SurveyTargets;
  readonly surveyRuns: SurveyRunRepository;
  readonly responses: ResponseRepository;
  /** The registered commands, for help. */
  readonly commands: () => readonly CommandRoute[];
}
