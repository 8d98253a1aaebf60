// Entry point: read configuration, start embedded Azurite when no storage is configured, start the server.
import type { AddressInfo } from 'node:net';
import type { Background } from './background';
import { loadDemoArea } from './features/demo';
import { onShutdown, startApp } from './startup';

/** Passed by `npm run dev` only (scripts/dev.ts): load the demo area into empty storage unless DEMO_DATA=false. */
export const DEMO_DATA_FLAG = '--demo-data';

async function main(): Promise<void> {
  const { config, logger, app, azurite, startBackground } = await startApp('bot');
  if (config.localMode) {
    logger.warn(
      { event: 'auth.local-mode' },
      'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Use only with the Agents Playground or the Emulator on this machine.',
    );
  }
  const { server } = app;
  if (process.argv.includes(DEMO_DATA_FLAG) && config.DEMO_DATA) {
    const demo = await loadDemoArea(app.services, app.services.clock.now());
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
    const { address, port } = server.address() as AddressInfo;
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
