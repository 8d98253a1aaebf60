// Worker entry point (`npm run worker`): the scheduler and the fan-out queue consumer without the HTTP server, for scale-out.
import { createApp } from './app';
import { startBackground } from './background';
import { onShutdown, prepare } from './startup';

async function main(): Promise<void> {
  const { config, logger, connectionString, azurite } = await prepare();
  let app;
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
