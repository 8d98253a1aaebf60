// The HTTP client the Bot Connector calls go through: a failed call becomes a typed ConnectorHttpError at once.
// botbuilder's own pipeline would otherwise retry 429/5xx itself (sleeping on Retry-After inside the SDK), hiding
// throttling from our sender, which records a shared "throttled until" time and re-queues instead.
import http from 'node:http';
import https from 'node:https';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;

/** A non-2xx answer from the Bot Connector: the status and, on 429/503, the Retry-After it sent. */
export class ConnectorHttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** Seconds, from a Retry-After header (delta-seconds or an HTTP date); undefined when absent. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`The Bot Connector answered ${statusCode}.`);
    this.name = 'ConnectorHttpError';
  }
}

interface HeadersLike {
  toJson(options?: { preserveCase?: boolean }): Record<string, string>;
}

interface RequestLike {
  url: string;
  method: string;
  body?: unknown;
  headers: HeadersLike;
  abortSignal?: AbortSignal;
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** A keep-alive agent per protocol: a fan-out makes hundreds of calls a second to the same few hosts. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * One Bot Connector call over node:http(s). Node's fetch costs several times more CPU per call (web streams, abort
 * signal plumbing), which at fan-out rates is a real share of the sender.
 */
function call(request: RequestLike, body: string | undefined): Promise<{ status: number; headers: Record<string, string>; bodyAsText: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(url, { method: request.method, headers: request.headers.toJson({ preserveCase: true }), agent: agents[url.protocol as keyof typeof agents], signal: request.abortSignal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: response.statusCode ?? 0, headers, bodyAsText: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Options for the adapter's connector clients: our client instead of the SDK's retrying pipeline. */
export function connectorClientOptions(): ConnectorClientOptions {
  const httpClient = {
    async sendRequest(request: RequestLike) {
      const body = request.body === undefined || request.body === null ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const response = await call(request, body);
      if (response.status >= 400) throw new ConnectorHttpError(response.status, parseRetryAfter(response.headers['retry-after'] ?? null));
      return { request, status: response.status, headers: { toJson: () => response.headers }, bodyAsText: response.bodyAsText };
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
