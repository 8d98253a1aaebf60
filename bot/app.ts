// Composition root: builds every service once and hands them to the routes, the edge and the server.
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
import { createProactiveSends, SEND_QUEUES, SEND_TABLES } from './services/messaging/proactiveSends';
import { NETWORKS_TABLE, NetworkRepository } from './services/storage/networkRepository';
import { TERM_CALENDARS_TABLE, TermCalendarRepository } from './services/storage/termCalendarRepository';
import { createStorageAccount } from './services/storage/account';
import { INSTALLATIONS_TABLE, InstallationRepository } from './services/storage/installationRepository';
import { ROLES_TABLE, RoleRepository } from './services/storage/roleRepository';

export const TABLES = [INSTALLATIONS_TABLE, ROLES_TABLE, ...SEND_TABLES, NETWORKS_TABLE, TERM_CALENDARS_TABLE] as const;
export const QUEUES: readonly string[] = [...SEND_QUEUES];

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
  const services: Services = {
    config,
    logger,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    storage,
    cards: new CardRenderer(path.join(projectRoot(), 'adaptiveCards')),
    access: new AccessControl(roles, config.COORDINATOR_IDS),
    installations: new InstallationRepository(storage),
    roles,
    sender: options.sender ?? edge.sender,
    sends: createProactiveSends(storage),
    networks: new NetworkRepository(storage),
    termCalendars: new TermCalendarRepository(storage),
    commands: () => routes.allCommands(),
  };
  const dispatcher = new Dispatcher(routes, services);
  const server = createServer({
    messages: edge.attach(dispatcher),
    storage,
    logger,
    mode: config.localMode ? 'local' : 'authenticated',
  });
  return { server, services, dispatcher };
}
