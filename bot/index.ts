// Entry point: read configuration, start embedded Azurite when no storage is configured, start the server.
import { z } from 'zod';
import type { Background } from './background';
import { onShutdown, startApp } from './startup';

/**
 * Passed by `npm run dev` only (scripts/dev.ts), as `--demo-data=<the Playground's Bot Connector URL>`: load the demo
 * area into empty storage unless DEMO_DATA=false; the URL is where the demo network's prompts go.
 */
const DEMO_DATA_FLAG = '--demo-data=';
const playgroundConnectorSchema = z.url({ protocol: /^https?$/, error: `${DEMO_DATA_FLAG} needs the Agents Playground's connector URL, e.g. ${DEMO_DATA_FLAG}http://127.0.0.1:56150/_connector` });

async function main(): Promise<void> {
  const { config, logger, app, azurite, startBackground } = await startApp('bot');
  if (config.localMode) {
    logger.warn(
      { event: 'auth.local-mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Use only with the Agents Playground or the Emulator on this machine.',
    );
  }
  const { server } = app;
  const demoFlag = process.argv.find((arg) => arg.startsWith(DEMO_DATA_FLAG));
  if (demoFlag !== undefined && config.DEMO_DATA) {
    const playgroundConnector = playgroundConnectorSchema.safeParse(demoFlag.slice(DEMO_DATA_FLAG.length));
    // Loaded only here, so `npm start` never loads the demo's modules (startApp loads the app's while storage boots).
    const { loadDemoArea } = await import('./features/demo');
    const demo = playgroundConnector.success
      ? await loadDemoArea(app.services, app.services.clock.now(), playgroundConnector.data)
      : { loaded: false as const, reason: playgroundConnector.error.issues.map((issue) => issue.message).join('; ') };
    if (!demo.loaded) logger.info({ event: 'demo.skipped' }, `demo area not loaded: ${demo.reason} (DEMO_DATA=false turns this off)`);
  }
  // The scheduler timer and the send queue run here too unless separate workers (`npm run worker`) do it.
  const background: Background | undefined = config.BACKGROUND_IN_PROCESS ? startBackground(app) : undefined;

  onShutdown(logger, async () => {
    server.close();
    await background?.stop();
    await azurite?.stop();
  });

  server.listen(config.PORT, config.host, () => {
    const { address, port } = server.address();
    const everywhere = address === '0.0.0.0' || address === '::';
    // Reachable at the loopback address whatever was bound; bracket IPv6 in the URL.
    const shown = everywhere ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
    logger.info(
      { event: 'listening', address, port, url: `http://${shown}:${port}/api/messages` },
      everywhere ? `bot listening on every interface, port ${port}` : `bot listening on ${address} only, port ${port}`,
    );
  });
}

void main();
