// When storage goes away: /healthz says 503, a person gets a friendly card (no internals), the server stays up,
// and the log has the error code and activity id but not what the person typed.
import path from 'node:path';
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { startAzurite, type EmbeddedAzurite } from '../../bot/platform/storage/embeddedAzurite';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { captureLogs } from '../support/logs';
import { personalMessage } from '../support/teams';

describe('storage unreachable', () => {
  let azurite: EmbeddedAzurite;
  let app: App;
  let url: string;
  let connector: ConnectorStub;
  const logs = captureLogs();
  const coordinator = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };

  beforeAll(async () => {
    connector = await startConnectorStub();
    // Its own Azurite, so stopping it does not disturb other tests.
    azurite = await startAzurite({ projectRoot: path.join(__dirname, '..', '..') });
    const config = loadConfig({ NODE_ENV: 'test', COORDINATOR_IDS: coordinator.aadObjectId, BACKGROUND_IN_PROCESS: 'false' });
    app = await createApp({ config, logger: logs.logger, storageConnectionString: azurite.connectionString });
    await new Promise<void>((resolve) => {
      app.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = app.server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      app.server.close(() => resolve());
    });
    await azurite.stop();
    await connector.close();
  });

  it('reports healthy, then 503 once storage has gone, and tells people to try again later', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await azurite.stop();

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', storage: 'unreachable', mode: 'local' });

    const typed = 'roles grant 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b zanzibarquill';
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalMessage(connector.serviceUrl, coordinator, typed)),
    });
    expect(response.status).toBe(200);
    const [reply] = await connector.waitForActivities(1, 20_000);
    const card = JSON.stringify(reply);
    expect(card).toContain('cannot reach its storage');
    expect(card).not.toMatch(/ECONNREFUSED|stack|Error:/);

    const errorLine = logs.lines().find((line) => line.event === 'turn.error');
    expect(errorLine).toMatchObject({ code: 'storage-unavailable' });
    expect(errorLine?.activityId).toBeTruthy();
    expect(logs.raw()).not.toContain('zanzibarquill');
    // Still serving.
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
  });
});
