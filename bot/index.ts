// Entry point: read configuration, start embedded Azurite when no storage is configured, start the server.
import type { Background } from './background';
import { onShutdown, startApp } from './startup';

async function main(): Promise<void> {
  const { config, logger, app, azurite, startBackground } = await startApp('bot');
  if (config.localMode) {
    logger.warn(
      { event: 'auth.local-mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Use only with the Agents Playground or the Emulator on this machine.',
    );
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
