// Composition root: builds every service once and hands them to the routes, the edge and the server.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Server } from 'restify';
import type { Config } from './config';
import { Dispatcher } from './dispatch';
import { createEdge } from './edge';
import type { Logger } from './logger';
import { projectRoot } from './projectRoot';
import { buildRoutes } from './routes';
import { createServer } from './server';
import type { Services } from './services';
import { AccessControl } from './services/access';
import { CardRenderer } from './services/cards/render';
import { randomIds, systemClock, type Clock, type IdSource } from './services/clock';
import type { ConversationSender } from './services/messaging/sender';
import { createStorageAccount } from './services/storage/account';
import { INSTALLATIONS_TABLE, InstallationRepository } from './services/storage/installationRepository';
import { ROLES_TABLE, RoleRepository } from './services/storage/roleRepository';
import { DOWNLOADS_TABLE, DownloadLinks } from './services/files/downloadLinks';
import { SURVEY_RUNS_TABLE, SurveyRunRepository } from './services/storage/surveyRunRepository';
import { RESPONSES_TABLE, ResponseRepository } from './services/storage/responseRepository';
import { SurveyDefinitions } from './services/surveys/definitions';
import { InstallationSurveyTargets } from './services/surveys/targets';

export const TABLES = [INSTALLATIONS_TABLE, ROLES_TABLE, DOWNLOADS_TABLE, SURVEY_RUNS_TABLE, RESPONSES_TABLE] as const;
export const QUEUES: readonly string[] = [];

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly storageConnectionString: string;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Tests may replace proactive sending; production uses the Bot Connector through the edge. */
  readonly sender?: ConversationSender;
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
  const routes = buildRoutes();
  const edge = createEdge(config);
  const roles = new RoleRepository(storage);
  const ids = options.ids ?? randomIds;
  const clock = options.clock ?? systemClock;
  // Outside production one process serves its own links, so a per-process key is enough (config requires one in production).
  const signingKey = config.DOWNLOAD_SIGNING_KEY ?? randomBytes(32).toString('base64');
  const publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  const downloads = new DownloadLinks(storage, signingKey, publicBaseUrl, () => ids.newId(), config.DOWNLOAD_LINK_MINUTES);
  const installations = new InstallationRepository(storage);
  const services: Services = {
    config,
    logger,
    clock,
    ids,
    storage,
    cards: new CardRenderer(path.join(projectRoot(), 'adaptiveCards')),
    access: new AccessControl(roles, config.COORDINATOR_IDS),
    installations,
    roles,
    sender: options.sender ?? edge.sender,
    downloads,
    surveys: new SurveyDefinitions(path.join(projectRoot(), 'bot', 'data', 'surveys')),
    surveyTargets: new InstallationSurveyTargets(installations),
    surveyRuns: new SurveyRunRepository(storage),
    responses: new ResponseRepository(storage),
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
  });
  return { server, services, dispatcher };
}
