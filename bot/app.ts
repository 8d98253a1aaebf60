// Composition root: builds the platform's services once, folds the features' manifests (features/index.ts) into the
// tables, the services, the route table, the scheduled work, the personal-data sources and the retention rules, and
// hands the result to the edge, the server and the background work.
import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import type { Config } from './config';
import { createEdge } from './edge';
import { FEATURES } from './features';
import type { Logger } from './logger';
import { MIGRATIONS_TABLE, migrateToTenantKeys, onlyReachableTenant } from './migrations/tenantScopingMigration';
import { AUDIT_TABLE, AuditLog } from './platform/audit/auditLog';
import { noticeCard } from './platform/cards/notice';
import { CardRenderer } from './platform/cards/render';
import { assertCardTemplates, templateFilesUnder } from './platform/cards/templateCheck';
import { randomIds, systemClock, type Clock, type IdSource } from './platform/clock';
import { INSTALLATIONS_TABLE, InstallationRepository } from './platform/conversations/installationRepository';
import { AttachmentDownloads, type DownloadNetwork } from './platform/files/attachmentDownloads';
import { downloadCard } from './platform/files/cards/download';
import { DOWNLOADS_TABLE, DownloadLinks } from './platform/files/downloadLinks';
import { createGraphGateway, type GraphOptions } from './platform/graph';
import { createProactiveSends, SEND_QUEUES, SEND_TABLES } from './platform/messaging/proactiveSends';
import type { ConversationSender } from './platform/messaging/sender';
import type { PersonalDataSource } from './platform/privacy/personalData';
import type { RetentionTarget } from './platform/privacy/retention';
import { DAILY_RUNS_TABLE } from './platform/scheduler/dailyJobs';
import type { DailyJob } from './platform/scheduler/dailySchedule';
import type { DueSource } from './platform/scheduler/scheduler';
import type { FeatureServices, PlatformServices, Services } from './platform/services';
import { createStorageAccount } from './platform/storage/account';
import { projectRoot } from './projectRoot';
import { Dispatcher } from './routing/dispatch';
import type { FeatureContext, FeatureManifest } from './routing/feature';
import { routeTableFor } from './routing/registerFeatures';
import type { RouteTable } from './routing/routeTable';
import { createServer } from './server';

/** The platform's own tables: installations, download links, the audit log, the send queue's, daily runs, migrations. */
const PLATFORM_TABLES: readonly string[] = [INSTALLATIONS_TABLE, DOWNLOADS_TABLE, AUDIT_TABLE, ...SEND_TABLES, DAILY_RUNS_TABLE, MIGRATIONS_TABLE];

/** The platform's own cards: the notice every feature answers with, and the file-download card. */
const PLATFORM_CARDS = [noticeCard, downloadCard];

export const TABLES: readonly string[] = tablesOf(FEATURES);

export const QUEUES: readonly string[] = [...SEND_QUEUES, ...FEATURES.flatMap((feature) => feature.queues ?? [])];

/** What the scheduler asks on every tick. */
export const DUE_SOURCES: readonly DueSource[] = FEATURES.flatMap((feature) => feature.dueSources ?? []);

/** The jobs run once a day. */
export const DAILY_JOBS: readonly DailyJob[] = FEATURES.flatMap((feature) => feature.dailyJobs ?? []);

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
  /** Tests may replace a service a feature builds, e.g. `{ schoolHolidays }` for fixed term dates. */
  readonly replace?: Partial<FeatureServices>;
  /** Tests may pass a resolver stand-in and their own listener for attached-file downloads; production uses DNS. */
  readonly downloadNetwork?: DownloadNetwork;
}

export interface App {
  readonly server: Server;
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  /** What the scheduler asks on every tick, from every feature's manifest. */
  readonly dueSources: readonly DueSource[];
  /** The once-a-day jobs, from every feature's manifest. */
  readonly dailyJobs: readonly DailyJob[];
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const routes = routeTableFor(FEATURES);
  // Before storage is touched: a broken card stops start-up with nothing written.
  checkShippedCards(routes);
  const storage = createStorageAccount(options.storageConnectionString, config.STORAGE_PREFIX);
  await storage.ensure(TABLES, QUEUES);
  const ids = options.ids ?? randomIds;
  const clock = options.clock ?? systemClock;
  // Rows stored before records were kept per tenant move to their tenant's keys before this instance serves anyone
  // (once across instances; see the file for who owns them). It never throws: a failure is retried at the next start.
  await migrateToTenantKeys({ storage, logger, clock, appTenantId: onlyReachableTenant(config) });
  const edge = createEdge(config);
  // Outside production one process serves its own links, so a per-process key is enough (config requires one in production).
  const signingKey = config.DOWNLOAD_SIGNING_KEY ?? randomBytes(32).toString('base64');
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  const downloads = new DownloadLinks(storage, signingKey, publicBaseUrl, () => ids.newId(), config.DOWNLOAD_LINK_MINUTES);
  // Filled from the manifests once every feature's services exist (a source reads the services it covers).
  const personalData: PersonalDataSource[] = [];
  const retention: RetentionTarget[] = [];
  const platform: PlatformServices = {
    config,
    logger,
    clock,
    ids,
    storage,
    cards: new CardRenderer(),
    installations: new InstallationRepository(storage),
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
    audit: new AuditLog(storage, () => ids.newId()),
    sends: createProactiveSends(storage),
    personalData,
    retention,
  };
  const services = buildServices(FEATURES, { platform, root: projectRoot(), commands: () => routes.allCommands() }, options.replace ?? {});
  for (const feature of FEATURES) {
    personalData.push(...(feature.personalData?.(services) ?? []));
    retention.push(...(feature.retention?.(services) ?? []));
  }
  const dispatcher = new Dispatcher(routes, services);
  const server = createServer({
    messages: edge.attach(dispatcher),
    storage,
    logger,
    mode: config.localMode ? 'local' : 'authenticated',
    downloads,
    clock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    routes: FEATURES.flatMap((feature) => feature.httpRoutes?.(services) ?? []),
  });
  return {
    server,
    services,
    dispatcher,
    dueSources: DUE_SOURCES,
    dailyJobs: DAILY_JOBS,
  };
}

/**
 * Every card template, the platform's and each feature's, checked against its card's schema and the registered verbs,
 * and every template file under bot/ matched to a card: a broken card stops start-up, naming the file, binding and fix.
 */
export function checkCards(features: readonly FeatureManifest[], routes: RouteTable, root: string): void {
  const cards = [...PLATFORM_CARDS, ...features.flatMap((feature) => feature.cards ?? [])];
  assertCardTemplates(cards, templateFilesUnder(root), new Set(routes.allCardVerbs()));
}

let shippedCardsChecked = false;

/**
 * checkCards over the shipped features, once per process (the templates and manifests do not change while it runs,
 * and the first check parses every expression, a few hundred milliseconds): startApp runs it while embedded Azurite
 * boots, so createApp then has nothing left to do.
 */
export function checkShippedCards(routes: RouteTable = routeTableFor(FEATURES)): void {
  if (shippedCardsChecked) return;
  checkCards(FEATURES, routes, projectRoot());
  shippedCardsChecked = true;
}

/** Every table, each claimed once: a table two manifests (or a manifest and the platform) claim stops start-up. */
export function tablesOf(features: readonly FeatureManifest[]): string[] {
  const claimedBy = new Map<string, string>(PLATFORM_TABLES.map((table) => [table, 'the platform']));
  for (const feature of features) {
    for (const table of feature.tables ?? []) {
      const earlier = claimedBy.get(table);
      if (earlier) throw new Error(`The table "${table}" is claimed by ${earlier} and by the feature "${feature.name}"; each table belongs to one manifest.`);
      claimedBy.set(table, `the feature "${feature.name}"`);
    }
  }
  return [...claimedBy.keys()];
}

/**
 * Builds each feature's services in list order, on top of the platform's. A feature may `need` what one before it
 * built; a service built twice, or needed before it exists, stops start-up with the features to fix.
 */
export function buildServices(features: readonly FeatureManifest[], base: Omit<FeatureContext, 'need'>, replace: Partial<FeatureServices>): Services {
  const built = new Map<string, unknown>();
  const builtBy = new Map<string, string>(Object.keys(base.platform).map((name) => [name, 'the platform']));
  for (const feature of features) {
    const context: FeatureContext = {
      ...base,
      need: <K extends keyof FeatureServices>(name: K): FeatureServices[K] => {
        if (!built.has(name)) {
          throw new Error(
            `The feature "${feature.name}" needs the service "${name}", which no feature before it in bot/features/index.ts builds; list the feature that builds it first.`,
          );
        }
        return built.get(name) as FeatureServices[K];
      },
    };
    for (const [name, service] of Object.entries(feature.services?.(context) ?? {})) {
      const earlier = builtBy.get(name);
      if (earlier) throw new Error(`The service "${name}" is built by ${earlier} and by the feature "${feature.name}"; each service belongs to one feature.`);
      built.set(name, replace[name as keyof FeatureServices] ?? service);
      builtBy.set(name, `the feature "${feature.name}"`);
    }
  }
  const assembled: PlatformServices & Partial<FeatureServices> = { ...base.platform, ...(Object.fromEntries(built) as Partial<FeatureServices>) };
  // Complete: each FeatureServices field is declared in the feature.ts whose `services` returns it, typed there.
  return assembled as Services;
}
