// Starts the real app (restify server, edge, Azurite storage) on a free port for end-to-end tests.
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import type { Clock } from '../../bot/platform/clock';
import { captureLogs, type CapturedLogs } from './logs';
import { testConnectionString, uniquePrefix } from './storage';

export interface RunningApp {
  readonly url: string;
  readonly app: App;
  readonly logs: CapturedLogs;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  postRaw(path: string, body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  get(path: string): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

/** `port`: listen there instead of a free port chosen by the system (for a PUBLIC_BASE_URL a browser must reach). */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: Clock; port?: number } = {}): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STORAGE_PREFIX: uniquePrefix(), ...env });
  const logs = captureLogs();
  const app = await createApp({ config, logger: logs.logger, storageConnectionString: testConnectionString(), clock: options.clock });
  await new Promise<void>((resolve) => {
    app.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = app.server.address();
  const url = `http://127.0.0.1:${port}`;
  const postRaw = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, text: await response.text() };
  };
  return {
    url,
    app,
    logs,
    postRaw,
    async post(path, body, headers) {
      const { status, text } = await postRaw(path, JSON.stringify(body), headers);
      return { status, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async get(path) {
      const response = await fetch(`${url}${path}`);
      return { status: response.status, json: (await response.json()) };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        app.server.close(() => resolve());
      }),
  };
}
