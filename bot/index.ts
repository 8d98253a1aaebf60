// Entry point: read configuration, start embedded Azurite when no storage is configured, start the server.
import type { App } from './app';
import type { Background } from './background';
import { onShutdown, prepare } from './startup';

async function main(): Promise<void> {
  const { config, logger, ready } = await prepare();
  // Load the app's modules (about a second) while embedded Azurite boots in its own process.
  const { createApp } = await import('./app');
  const { startBackground } = await import('./background');
  const { connectionString, azurite } = await ready.catch((error: Error) => {
    logger.fatal({ event: 'storage.failed', message: error.message }, 'embedded storage could not start');
    process.exit(1);
  });
  if (config.localMode) {
    logger.warn(
      { event: 'auth.local-mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Use only with the Agents Playground or the Emulator on this machine.',
    );
  }

  let app: App;
  try {
    app = await createApp({ config, logger, storageConnectionString: connectionString });
  } catch (error) {
    logger.fatal({ event: 'startup.failed', name: (error as Error).name, message: (error as Error).message }, 'the bot could not start');
    await azurite?.stop();
    process.exit(1);
  }
  const { server } = app;
  // The scheduler timer and the send queue run here too unless separate workers (`npm run worker`) do it.
  const background: Background | undefined = config.BACKGROUND_IN_PROCESS ? startBackground(app) : undefined;

  onShutdown(logger, async () => {
    server.close();
    await background?.stop();
    await azurite?.stop();
  });

  server.listen(config.PORT, () => {
    logger.info({ event: 'listening', port: config.PORT, url: `http://127.0.0.1:${config.PORT}/api/messages` }, 'bot listening');
  });
}

void main();
