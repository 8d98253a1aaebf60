// A local HTTP listener standing in for the Bot Connector: records what the bot sends, answers like the real service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type RunningApp } from './testApp';

export interface ReceivedCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

/**
 * Lets a test choose the answer for a call; return undefined for the default 200/201, or `'drop'` to close the
 * connection without answering (a reset, as when a load balancer drops it).
 */
export type ConnectorResponder = (call: ReceivedCall) => { status: number; headers?: Record<string, string>; body?: unknown } | 'drop' | undefined;

export interface ConnectorStub {
  readonly serviceUrl: string;
  readonly calls: ReceivedCall[];
  /** Typing indicators, kept apart from `calls`: Teams shows them while a long turn runs, at times tests cannot predict. */
  readonly typing: ReceivedCall[];
  /** Waits until at least `count` activities were posted, or fails after the timeout. */
  waitForActivities(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  activities(): Record<string, unknown>[];
  respondWith(responder: ConnectorResponder): void;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const calls: ReceivedCall[] = [];
  const typing: ReceivedCall[] = [];
  let responder: ConnectorResponder = () => undefined;
  let counter = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const call: ReceivedCall = { method: req.method ?? '', path: req.url ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: req.headers };
      if (call.body.type === 'typing') {
        typing.push(call);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      calls.push(call);
      const chosen = responder(call);
      if (chosen === 'drop') {
        req.socket.destroy();
        return;
      }
      if (chosen) {
        res.writeHead(chosen.status, { 'content-type': 'application/json', ...chosen.headers });
        res.end(JSON.stringify(chosen.body ?? {}));
        return;
      }
      counter += 1;
      // Shapes as the Bot Connector answers: ResourceResponse for sends, a conversation resource for creates.
      const body = req.url?.endsWith('/v3/conversations') ? { id: `created-${counter}`, activityId: `a-${counter}` } : { id: `activity-${counter}` };
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const activities = () => calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path)).map((c) => c.body);
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    typing,
    activities,
    respondWith(next) {
      responder = next;
    },
    async waitForActivities(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (activities().length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} activities from the bot, got ${activities().length}.`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return activities();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The usual set-up of a test file that talks to the bot and watches what it sends: a Bot Connector stand-in and the
 * real app, started before the file's tests and stopped after them. Read `app` and `connector` inside tests.
 */
export function appWithConnector(env: Record<string, string> = {}): { readonly app: RunningApp; readonly connector: ConnectorStub } {
  const running = {} as { app: RunningApp; connector: ConnectorStub };
  beforeAll(async () => {
    running.connector = await startConnectorStub();
    running.app = await startTestApp(env);
  });
  afterAll(async () => {
    await running.app.stop();
    await running.connector.close();
  });
  return running;
}
