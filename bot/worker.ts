// Worker entry point (`npm run worker`): the scheduler and the fan-out queue consumer without the HTTP server, for scale-out.
import { onShutdown, startApp } from './startup';

async function main(): Promise<void> {
  const { logger, app, azurite, startBackground } = await startApp('worker');
  const background = startBackground(app);
  onShutdown(logger, async () => {
    await background.stop();
    await azurite?.stop();
  });
}

void main();
