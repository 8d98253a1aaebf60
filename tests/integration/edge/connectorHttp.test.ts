// The Bot Connector HTTP client: a call that gets no answer fails as a network error the sender retries later.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorNetworkError, connectorClientOptions } from '../../../bot/edge/connectorHttp';
import { classifySendError } from '../../../bot/platform/messaging/classify';
import { freePort } from '../../../bot/platform/net';

type Client = { sendRequest(request: unknown): Promise<{ status: number; bodyAsText: string }> };
const client = () => (connectorClientOptions() as unknown as { httpClient: Client }).httpClient;
const request = (url: string, timeout?: number) => ({ url, method: 'POST', body: { type: 'message', text: 'Hello' }, headers: { toJson: () => ({ 'content-type': 'application/json' }) }, timeout });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => { throw new Error('expected the call to fail'); },
    (error: unknown) => error,
  );
}

describe('Bot Connector HTTP client', () => {
  let silent: Server;
  let silentUrl = '';
  beforeAll(async () => {
    // Accepts the request and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v3/conversations/c/activities`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('reports a refused connection as a network failure the sender retries, not a lost send', async () => {
    const error = await failureOf(client().sendRequest(request(`http://127.0.0.1:${await freePort()}/v3/conversations/c/activities`)));
    expect(error).toBeInstanceOf(ConnectorNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(classifySendError(error)).toEqual({ kind: 'transient', code: 'econnrefused' });
  });

  it('reports a host name that does not resolve the same way (a DNS blip must not drop prompts)', async () => {
    const error = await failureOf(client().sendRequest(request('http://smba.invalid/v3/conversations/c/activities')));
    expect(error).toBeInstanceOf(ConnectorNetworkError);
    expect(classifySendError(error).kind).toBe('transient');
  });

  it('gives up on a call that gets no answer within its timeout, as a network failure', async () => {
    const error = await failureOf(client().sendRequest(request(silentUrl, 200)));
    expect(error).toMatchObject({ code: 'ETIMEDOUT', network: true });
    expect(classifySendError(error).kind).toBe('transient');
  });
});
