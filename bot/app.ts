// Composition root: builds every service once and hands them to the routes, the edge and the server.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Server } from 'restify';
import type { Config } from './config';
import { Dispatcher } from './routing/dispatch';
import { createEdge } from './edge';
import type { Logger } from './logger';
import { projectRoot } from './projectRoot';
import { buildRoutes } from './routes';
import { createServer } from './server';
import type { Services } from './platform/services';
import { AccessControl } from './features/roles/access';
import { CardRenderer } from './platform/cards/render';
import { randomIds, systemClock, type Clock, type IdSource } from './platform/clock';
import type { ConversationSender } from './platform/messaging/sender';
import { createProactiveSends, SEND_QUEUES, SEND_TABLES } from './platform/messaging/proactiveSends';
import { DAILY_RUNS_TABLE } from './platform/scheduler/dailyJobs';
import { NETWORKS_TABLE, NetworkRepository } from './features/networks/networkRepository';
import { TERM_CALENDARS_TABLE, TermCalendarRepository } from './features/networks/termCalendarRepository';
import { createStorageAccount } from './platform/storage/account';
import { INSTALLATIONS_TABLE, InstallationRepository } from './platform/conversations/installationRepository';
import { ROLES_TABLE, RoleRepository } from './features/roles/roleRepository';
import { DOWNLOADS_TABLE, DownloadLinks } from './platform/files/downloadLinks';
import { AttachmentDownloads, type DownloadNetwork } from './platform/files/attachmentDownloads';
import { createGraphGateway, type GraphOptions } from './platform/graph';
import { termCalendarSchoolHolidays, type SchoolHolidays } from './features/networks/schoolHolidays';
import { BANK_HOLIDAYS_TABLE, BankHolidayRepository } from './features/networks/bankHolidayRepository';
import { COHORTS_TABLE, CohortRepository } from './features/cohorts/cohortRepository';
import { ContactDirectory } from './features/contacts/directory';
import { CONTACTS_TABLE, ContactRepository } from './features/contacts/contactRepository';
import { PREFERENCES_TABLE, PreferenceRepository } from './features/contacts/preferenceRepository';
import { loadDefaultUrgentHelp, loadRiskDetector, URGENT_HELP_TABLE, UrgentHelpService } from './features/safeguarding/urgentHelpService';
import { AUDIT_TABLE, AuditLog } from './platform/audit/auditLog';
import { PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE, PanelRepository } from './features/panel/panelRepository';
import type { PersonalDataSource } from './platform/privacy/personalData';
import { auditSource, downloadsSource, panelCasesSource, personalChatsSource, postsSource, rolesSource, surveyResponsesSource } from './features/privacy/personalDataSources';
import type { RetentionTarget } from './platform/privacy/retention';
import { panelCaseExpired, retentionCutoff } from './features/privacy/domain/retention';
import { SURVEY_RUNS_TABLE, SurveyRunRepository } from './features/surveys/surveyRunRepository';
import { RESPONSES_TABLE, ResponseRepository } from './features/surveys/responseRepository';
import { SurveyDefinitions } from './features/surveys/definitions';
import { CohortSurveyTargets } from './features/surveys/targets';
import { POSTS_TABLE, PostRepository } from './features/posts/postRepository';
import { MIGRATIONS_TABLE, migrateToTenantKeys, onlyReachableTenant } from './migrations/tenantScopingMigration';

// One entry per line, so features merge without touching each other's lines.
export const TABLES: readonly string[] = [
  INSTALLATIONS_TABLE,
  ROLES_TABLE,
  DOWNLOADS_TABLE,
  COHORTS_TABLE,
  BANK_HOLIDAYS_TABLE,
  CONTACTS_TABLE,
  PREFERENCES_TABLE,
  URGENT_HELP_TABLE,
  AUDIT_TABLE,
  PANELS_TABLE,
  PANEL_CASES_TABLE,
  PANEL_COUNTERS_TABLE,
  ...SEND_TABLES,
  NETWORKS_TABLE,
  TERM_CALENDARS_TABLE,
  DAILY_RUNS_TABLE,
  SURVEY_RUNS_TABLE,
  RESPONSES_TABLE,
  POSTS_TABLE,
  MIGRATIONS_TABLE,
];

export const QUEUES: readonly string[] = [...SEND_QUEUES];

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly storageConnectionString: string;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Tests may replace proactive sending; production uses the Bot Connector through the edge. */
  readonly sender?: ConversationSender;
  /** Tests may pass a fixed-token credential and a fake sleep; production builds the credential from config. */
  readonly graph?: GraphOptions;
  /** Term dates per area, when configured; none by default. */
  readonly schoolHolidays?: SchoolHolidays;
  /** Tests may pass a resolver stand-in and their own listener for attached-file downloads; production uses DNS. */
  readonly downloadNetwork?: DownloadNetwork;
}

export interface App {
  readonly server: Server;
  readonly services: Services;
  readonly dispatcher: Dispatcher;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const storage = createStorageAccount(options.storageConnectionString, config.STORAGE_PREFIX);
  await storage.ensure(TABLES, QUEUES);
  const ids = options.ids ?? randomIds;
  const clock = options.clock ?? systemClock;
  // Rows stored before records were kept per tenant move to their tenant's keys before this instance serves anyone
  // (once across instances; see the file for who owns them). It never throws: a failure is retried at the next start.
  await migrateToTenantKeys({ storage, logger, clock, appTenantId: onlyReachableTenant(config) });
  const routes = buildRoutes();
  const edge = createEdge(config);
  const roles = new RoleRepository(storage);
  // Outside production one process serves its own links, so a per-process key is enough (config requires one in production).
  const signingKey = config.DOWNLOAD_SIGNING_KEY ?? randomBytes(32).toString('base64');
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  const downloads = new DownloadLinks(storage, signingKey, publicBaseUrl, () => ids.newId(), config.DOWNLOAD_LINK_MINUTES);
  const installations = new InstallationRepository(storage);
  const responses = new ResponseRepository(storage);
  const audit = new AuditLog(storage, () => ids.newId());
  const panels = new PanelRepository(storage);
  const posts = new PostRepository(storage);
  // Add a source here for every feature that stores personal data.
  const personalData: PersonalDataSource[] = [
    rolesSource(roles),
    personalChatsSource(installations),
    panelCasesSource(panels),
    downloadsSource(downloads),
    auditSource(audit),
    surveyResponsesSource(responses),
    postsSource(posts),
  ];
  // Add a target here for every kind of record that expires.
  const retention: RetentionTarget[] = [
    { kind: 'surveyResponses', purgeExpired: (now) => responses.purgeUpdatedBefore(retentionCutoff(now, config.RETENTION_RESPONSES_MONTHS)) },
    { kind: 'panelCases', purgeExpired: (now) => panels.purgeExpired((submittedAt, advisedAt) => panelCaseExpired(submittedAt, advisedAt, now, config.RETENTION_PANEL_CASES_MONTHS)) },
    { kind: 'audit', purgeExpired: (now) => audit.purgeOlderThan(retentionCutoff(now, config.RETENTION_AUDIT_MONTHS)) },
    { kind: 'downloads', purgeExpired: (now) => downloads.purgeExpired(now) },
    { kind: 'posts', purgeExpired: (now) => posts.purgeOlderThan(retentionCutoff(now, config.RETENTION_POSTS_MONTHS)) },
  ];
  const cohorts = new CohortRepository(storage);
  const bankHolidays = new BankHolidayRepository(storage, logger);
  const termCalendars = new TermCalendarRepository(storage);
  const root = projectRoot();
  const services: Services = {
    config,
    logger,
    clock,
    ids,
    storage,
    cards: new CardRenderer(),
    access: new AccessControl(roles, config.COORDINATOR_IDS),
    installations,
    roles,
    sender: options.sender ?? edge.sender,
    downloads,
    attachments: new AttachmentDownloads(
      {
        allowedHosts: config.FILE_DOWNLOAD_HOSTS,
        localMode: config.localMode,
        maxBytes: config.CONTACTS_IMPORT_MAX_BYTES,
        timeoutMs: config.CONTACTS_IMPORT_TIMEOUT_MS,
      },
      logger,
      options.downloadNetwork,
    ),
    graph: createGraphGateway(config, logger, options.graph),
    cohorts,
    bankHolidays,
    schoolHolidays: options.schoolHolidays ?? termCalendarSchoolHolidays(termCalendars, bankHolidays),
    contacts: new ContactDirectory(new ContactRepository(storage, logger)),
    preferences: new PreferenceRepository(storage),
    urgentHelp: new UrgentHelpService(storage, loadDefaultUrgentHelp(root), loadRiskDetector(root)),
    audit,
    panels,
    personalData,
    retention,
    sends: createProactiveSends(storage),
    networks: new NetworkRepository(storage),
    termCalendars,
    surveys: new SurveyDefinitions(path.join(root, 'bot', 'features', 'surveys', 'data')),
    surveyTargets: new CohortSurveyTargets(cohorts, installations),
    surveyRuns: new SurveyRunRepository(storage),
    responses,
    posts,
    commands: () => routes.allCommands(),
  };
  const dispatcher = new Dispatcher(routes, services);
  const server = createServer({
    messages: edge.attach(dispatcher),
    storage,
    logger,
    mode: config.localMode ? 'local' : 'authenticated',
    downloads,
    clock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });
  return { server, services, dispatcher };
}
