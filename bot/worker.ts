// Worker entry point (`npm run worker`): the scheduler and the fan-out queue consumer without the HTTP server, for scale-out.
import type { App } from './app';
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
  let app: App;
  try {
    app = await createApp({ config, logger, storageConnectionString: connectionString });
  } catch (error) {
    logger.fatal({ event: 'startup.failed', name: (error as Error).name, message: (error as Error).message }, 'the worker could not start');
    await azurite?.stop();
    process.exit(1);
  }
  const background = startBackground(app);
  onShutdown(logger, async () => {
    await background.stop();
    await azurite?.stop();
  });
}

void main();
