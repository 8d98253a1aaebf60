// Storage failures still tell a person "the bot cannot reach its storage" now that only storage's own errors do: the
// real Table Storage and queue clients against a local stand-in answering like a struggling storage account, and against
// nothing at all. (The Bot Connector failing with the same statuses is tests/e2e/connectorFailure.test.ts.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { asAppError } from '../../bot/errors';
import { testConnectionString } from '../support/storage';

describe('asAppError: storage failures', () => {
  let server: Server;
  let status = 503;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { lang: 'en-US', value: 'The server is busy.' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The test account's connection string, with both services moved to the stand-in (or to a port nobody listens on). */
  function storageAt(origin: string): string {
    return testConnectionString()
      .replace(/TableEndpoint=[^;]+/, `TableEndpoint=${origin}/devstoreaccount1`)
      .replace(/QueueEndpoint=[^;]+/, `QueueEndpoint=${origin}/devstoreaccount1`);
  }

  async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
    try {
      await call();
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  }

  const tableRead = (origin: string) => () =>
    TableClient.fromConnectionString(storageAt(origin), 'cohorts', { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } }).getEntity('tenant', 'cohort');
  const queueSend = (origin: string) => () =>
    new QueueClient(storageAt(origin), 'fanout', { retryOptions: { maxTries: 1 } }).sendMessage('{}');

  it.each([500, 503])('a %i from Table Storage or its queue says the bot cannot reach its storage', async (answer) => {
    status = answer;
    for (const call of [tableRead(base), queueSend(base)]) {
      const error = asAppError(await thrownBy(call));
      expect(error.code).toBe('storage-unavailable');
      expect(error.userMessage).toContain('cannot reach its storage');
    }
  });

  it('storage not answering at all says the same', async () => {
    const nobody = 'http://127.0.0.1:1';
    for (const call of [tableRead(nobody), queueSend(nobody)]) expect(asAppError(await thrownBy(call)).code).toBe('storage-unavailable');
  });
});
