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
  /** Milliseconds; 0 or absent for none. */
  timeout?: number;
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** A Bot Connector call that got no answer (refused, reset, timed out, name not resolved): worth trying again later. */
export class ConnectorNetworkError extends Error {
  /** Read by the sender's error classification: a failure of the network, not an answer from Teams. */
  readonly network = true;

  constructor(readonly code: string) {
    super(`The Bot Connector could not be reached (${code}).`);
    this.name = 'ConnectorNetworkError';
  }
}

/**
 * A call with no answer after this long is given up and retried by the caller. The fan-out starts a send at least 15 s
 * before its claim ends, so a call cut off here never overlaps another worker's retry of it.
 */
const DEFAULT_TIMEOUT_MS = 10_000;

type Agents = Record<'http:' | 'https:', http.Agent>;

/**
 * One Bot Connector call over node:http(s). Node's fetch costs several times more CPU per call (web streams, abort
 * signal plumbing), which at fan-out rates is a real share of the sender.
 */
function call(agents: Agents, request: RequestLike, body: string | undefined): Promise<{ status: number; headers: Record<string, string>; bodyAsText: string }> {
  return new Promise((resolve, reject) => {
    const failed = (error: unknown) => reject(new ConnectorNetworkError((error as { code?: string }).code ?? 'network'));
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(url, { method: request.method, headers: request.headers.toJson({ preserveCase: true }), agent: agents[url.protocol as keyof Agents], signal: request.abortSignal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: response.statusCode ?? 0, headers, bodyAsText: Buffer.concat(chunks).toString('utf8') });
      });
    });
    // A deadline for the whole call, answer included (a socket timeout would only catch silence).
    const deadline = setTimeout(
      () => outgoing.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      request.timeout && request.timeout > 0 ? request.timeout : DEFAULT_TIMEOUT_MS,
    );
    outgoing.on('close', () => clearTimeout(deadline));
    outgoing.on('error', failed);
    outgoing.end(body);
  });
}

/** Options for the adapter's connector clients: our client instead of the SDK's retrying pipeline. */
export function connectorClientOptions(): ConnectorClientOptions {
  // Keep-alive: a fan-out makes hundreds of calls a second to the same few hosts. An idle connection is closed after
  // a minute, before a load balancer drops it under a request.
  const agents: Agents = { 'http:': new http.Agent({ keepAlive: true, timeout: 60_000 }), 'https:': new https.Agent({ keepAlive: true, timeout: 60_000 }) };
  const httpClient = {
    async sendRequest(request: RequestLike) {
      const body = request.body === undefined || request.body === null ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const response = await call(agents, request, body);
      if (response.status >= 400) throw new ConnectorHttpError(response.status, parseRetryAfter(response.headers['retry-after'] ?? null));
      return { request, status: response.status, headers: { toJson: () => response.headers }, bodyAsText: response.bodyAsText };
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
