// Start-up steps the bot and the worker share: configuration, logger, and storage (embedded Azurite when none is set).
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { projectRoot } from './projectRoot';
import { startAzurite, type EmbeddedAzurite } from './services/storage/embeddedAzurite';

export interface Prepared {
  readonly config: Config;
  readonly logger: Logger;
  readonly connectionString: string;
  readonly azurite?: EmbeddedAzurite;
}

/** Exits with the configuration problems when the environment is not valid. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function prepare(): Promise<Prepared> {
  const config = configOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  let azurite: EmbeddedAzurite | undefined;
  let connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
  if (!connectionString) {
    const root = projectRoot();
    const location = path.resolve(root, config.AZURITE_LOCATION);
    azurite = await startAzurite({ projectRoot: root, location });
    connectionString = azurite.connectionString;
    logger.info({ event: 'storage.embedded', location, pid: azurite.pid }, 'AZURE_STORAGE_CONNECTION_STRING is not set: started embedded Azurite');
  }
  return { config, logger, connectionString, azurite };
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
