// The services every handler receives: created once in app.ts, passed in, never imported as singletons. The platform's
// own are typed here; each feature adds its fields to FeatureServices from its feature.ts, so a new feature never
// edits this file.
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AuditLog } from './audit/auditLog';
import type { CardRenderer } from './cards/render';
import type { Clock, IdSource } from './clock';
import type { InstallationRepository } from './conversations/installationRepository';
import type { AttachmentDownloads } from './files/attachmentDownloads';
import type { DownloadLinks } from './files/downloadLinks';
import type { GraphGateway } from './graph';
import type { ProactiveSends } from './messaging/proactiveSends';
import type { ConversationSender } from './messaging/sender';
import type { PersonalDataSource } from './privacy/personalData';
import type { RetentionTarget } from './privacy/retention';
import type { StorageAccount } from './storage/account';

/** What every feature stands on. Platform code reads only these fields, never a feature's. */
export interface PlatformServices {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly storage: StorageAccount;
  readonly cards: CardRenderer;
  /** Where the bot is installed: the conversation references proactive sends need. */
  readonly installations: InstallationRepository;
  /** Proactive messages to stored conversations (Bot Connector). */
  readonly sender: ConversationSender;
  /** Signed, expiring download links for exports; see files/deliver.ts. */
  readonly downloads: DownloadLinks;
  /** Files people attach in Teams (contacts and term-date imports): SharePoint/OneDrive hosts only, public addresses only. */
  readonly attachments: AttachmentDownloads;
  /** Microsoft Graph: channels, members, calendar events. */
  readonly graph: GraphGateway;
  /** Coordinator actions: who, what, when, target id; never free text. */
  readonly audit: AuditLog;
  /** Scheduled fan-out: runs, the send ledger, the shared throttle and the queue producer. */
  readonly sends: ProactiveSends;
  /** Every store of personal data, for `privacy export` and `privacy delete`: each feature's manifest gives its own. */
  readonly personalData: readonly PersonalDataSource[];
  /** Every kind of record that expires, for the `retention-purge` job: each feature's manifest gives its own. */
  readonly retention: readonly RetentionTarget[];
}

/**
 * What the features build, one group of fields per feature, each declared in that feature's feature.ts with
 * `declare module '../../platform/services' { interface FeatureServices extends PanelServices {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging, feature by feature
export interface FeatureServices {}

export type Services = PlatformServices & FeatureServices;
