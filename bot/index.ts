// Entry point: read configuration, start embedded Azurite when no storage is configured, start the server.
import path from 'node:path';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { projectRoot } from './projectRoot';
import { startAzurite, type EmbeddedAzurite } from './services/storage/embeddedAzurite';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const root = projectRoot();

  let azurite: EmbeddedAzurite | undefined;
  let connectionString = config.AZURE_STORAGE_CONNECTION_STRING;
  if (!connectionString) {
    const location = path.resolve(root, config.AZURITE_LOCATION);
    azurite = await startAzurite({ projectRoot: root, location });
    connectionString = azurite.connectionString;
    logger.info({ event: 'storage.embedded', location, pid: azurite.pid }, 'AZURE_STORAGE_CONNECTION_STRING is not set: started embedded Azurite');
  }
  if (config.localMode) {
    logger.warn(
      { event: 'auth.local-mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Use only with the Agents Playground or the Emulator on this machine.',
    );
  }

  let app;
  try {
    app = await createApp({ config, logger, storageConnectionString: connectionString });
  } catch (error) {
    logger.fatal({ event: 'startup.failed', name: (error as Error).name, message: (error as Error).message }, 'the bot could not start');
    await azurite?.stop();
    process.exit(1);
  }
  const { server } = app;

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'stopping');
    server.close();
    await azurite?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  server.listen(config.PORT, () => {
    logger.info({ event: 'listening', port: config.PORT, url: `http://127.0.0.1:${config.PORT}/api/messages` }, 'bot listening');
  });
}

void main();
