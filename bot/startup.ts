// Start-up steps the bot and the worker share: configuration, logger, and storage (embedded Azurite when none is set).
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { readLocalConfigs, withLocalConfigs, type LocalConfigs } from './localConfigs';
import { createLogger, type Logger } from './logger';
import { projectRoot } from './projectRoot';
import type { App } from './app';
import type { Background } from './background';
import { launchAzurite, type EmbeddedAzurite } from './platform/storage/embeddedAzurite';

export interface Prepared {
  readonly config: Config;
  readonly logger: Logger;
  readonly connectionString: string;
  readonly azurite?: EmbeddedAzurite;
}

/**
 * The environment over `.localConfigs` (what the Teams Toolkit's local debug writes; the environment wins), or exits
 * with the configuration problems when either is not valid.
 */
export function configOrExit(): { config: Config; localConfigs?: LocalConfigs } {
  try {
    const localConfigs = readLocalConfigs(projectRoot(), process.env, process.argv);
    const { env, origins } = withLocalConfigs(process.env, localConfigs);
    return { config: loadConfig(env, origins), localConfigs };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Configuration, logger, and storage on its way: resolves once embedded Azurite (when needed) has been spawned,
 * with `ready` for when storage accepts connections, so callers can load the app's modules while it boots.
 */
export async function prepare(): Promise<{ config: Config; logger: Logger; ready: Promise<Prepared> }> {
  const { config, localConfigs } = configOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  if (localConfigs !== undefined) {
    // Names only: the file holds the bot's password.
    const names = Object.keys(localConfigs.values);
    logger.info({ event: 'config.local-configs', file: localConfigs.file, names }, `read ${names.length} settings from ${localConfigs.file} (the environment wins over it)`);
  }
  const connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
  if (connectionString) return { config, logger, ready: Promise.resolve({ config, logger, connectionString }) };
  const root = projectRoot();
  const location = path.resolve(root, config.AZURITE_LOCATION);
  const launched = await launchAzurite({ projectRoot: root, location });
  const ready = launched.ready.then((azurite) => {
    logger.info({ event: 'storage.embedded', location, pids: azurite.pids }, 'AZURE_STORAGE_CONNECTION_STRING is not set: started embedded Azurite');
    return { config, logger, connectionString: azurite.connectionString, azurite };
  });
  return { config, logger, ready };
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'stopping');
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

export interface Started {
  readonly config: Config;
  readonly logger: Logger;
  readonly app: App;
  readonly azurite?: EmbeddedAzurite;
  readonly startBackground: (app: App) => Background;
}

/**
 * What the bot and the worker both do first: configuration, storage, and the app built over it. The app's modules
 * are loaded (about a second) while embedded Azurite boots in its own process. Exits with a logged reason on failure.
 */
export async function startApp(what: 'bot' | 'worker'): Promise<Started> {
  const { config, logger, ready } = await prepare();
  const { checkShippedCards, createApp } = await import('./app');
  const { startBackground } = await import('./background');
  // The card templates are checked while embedded Azurite boots; a broken card stops start-up below, Azurite stopped.
  let brokenCards: Error | undefined;
  try {
    checkShippedCards();
  } catch (error) {
    brokenCards = error instanceof Error ? error : new Error(String(error));
  }
  const { connectionString, azurite } = await ready.catch((error: unknown) => {
    logger.fatal({ event: 'storage.failed', message: error instanceof Error ? error.message : String(error) }, 'embedded storage could not start');
    process.exit(1);
  });
  try {
    if (brokenCards !== undefined) throw brokenCards;
    const app = await createApp({ config, logger, storageConnectionString: connectionString });
    return { config, logger, app, azurite, startBackground };
  } catch (error) {
    logger.fatal({ event: 'startup.failed', name: (error as Error).name, message: (error as Error).message }, `the ${what} could not start`);
    // A broken card lists one problem a line (file, binding, fix): readable as it is, not folded into a log line. By
    // name, so this file does not load the template checker before embedded Azurite is on its way.
    if ((error as Error).name === 'CardTemplateError') process.stderr.write(`${(error as Error).message}\n`);
    await azurite?.stop();
    process.exit(1);
  }
}
