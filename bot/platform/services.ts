// The services every handler receives: created once in app.ts, passed in, never imported as singletons.
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { CommandRoute } from '../routing/routeTable';
import type { AccessControl } from '../features/roles/access';
import type { CardRenderer } from './cards/render';
import type { Clock, IdSource } from './clock';
import type { StorageAccount } from './storage/account';
import type { InstallationRepository } from './conversations/installationRepository';
import type { RoleRepository } from '../features/roles/roleRepository';
import type { ConversationSender } from './messaging/sender';
import type { DownloadLinks } from './files/downloadLinks';
import type { AttachmentDownloads } from './files/attachmentDownloads';
import type { GraphGateway } from './graph';
import type { SchoolHolidays } from '../features/networks/schoolHolidays';
import type { BankHolidayRepository } from '../features/networks/bankHolidayRepository';
import type { CohortRepository } from '../features/cohorts/cohortRepository';
import type { ContactDirectory } from '../features/contacts/directory';
import type { PreferenceRepository } from '../features/contacts/preferenceRepository';
import type { UrgentHelpService } from '../features/safeguarding/urgentHelpService';
import type { AuditLog } from './audit/auditLog';
import type { PanelRepository } from '../features/panel/panelRepository';
import type { PersonalDataSource } from './privacy/personalData';
import type { RetentionTarget } from './privacy/retention';
import type { ProactiveSends } from './messaging/proactiveSends';
import type { NetworkRepository } from '../features/networks/networkRepository';
import type { TermCalendarRepository } from '../features/networks/termCalendarRepository';
import type { SurveyDefinitions } from '../features/surveys/definitions';
import type { SurveyTargets } from '../features/surveys/targets';
import type { SurveyRunRepository } from '../features/surveys/surveyRunRepository';
import type { ResponseRepository } from '../features/surveys/responseRepository';
import type { PostRepository } from '../features/posts/postRepository';

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
  /** Files people attach in Teams (contacts and term-date imports): SharePoint/OneDrive hosts only, public addresses only. */
  readonly attachments: AttachmentDownloads;
  /** Microsoft Graph: channels, members, calendar events. */
  readonly graph: GraphGateway;
  readonly cohorts: CohortRepository;
  /** England-and-Wales bank holidays: the refreshed GOV.UK feed, else the shipped snapshot. */
  readonly bankHolidays: BankHolidayRepository;
  /** The area's school holidays where term dates are configured. */
  readonly schoolHolidays: SchoolHolidays;
  /** Areas' referral directories (storage + cached search indexes). */
  readonly contacts: ContactDirectory;
  /** Per-person choices, e.g. the area their contacts questions search. */
  readonly preferences: PreferenceRepository;
  /** Risk check and urgent-help lines (per area, defaulting to the national lines). */
  readonly urgentHelp: UrgentHelpService;
  /** Coordinator actions: who, what, when, target id; never free text. */
  readonly audit: AuditLog;
  /** The anonymous case panel: panels, cases, case reference counters. */
  readonly panels: PanelRepository;
  /** Every store of personal data, for `privacy export` and `privacy delete`; assembled in app.ts. */
  readonly personalData: readonly PersonalDataSource[];
  /** Every kind of record that expires, for the `retention-purge` job; assembled in app.ts. */
  readonly retention: readonly RetentionTarget[];
  /** Scheduled fan-out: runs, the send ledger, the shared throttle and the queue producer. */
  readonly sends: ProactiveSends;
  readonly networks: NetworkRepository;
  readonly termCalendars: TermCalendarRepository;
  /** CASCADE and pulse survey definitions, loaded from bot/data/surveys. */
  readonly surveys: SurveyDefinitions;
  /** Who a survey is for: a cohort, or a team/chat where the bot is installed. */
  readonly surveyTargets: SurveyTargets;
  readonly surveyRuns: SurveyRunRepository;
  readonly responses: ResponseRepository;
  /** Network posts (share/ask), their Helpful marks, each network's tag list and members seen acting. */
  readonly posts: PostRepository;
  /** The registered commands, for help. */
  readonly commands: () => readonly CommandRoute[];
}
