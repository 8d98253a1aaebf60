// The HTTP client the Bot Connector calls go through: a failed call becomes a typed ConnectorHttpError at once.
// botbuilder's own pipeline would otherwise retry 429/5xx itself (sleeping on Retry-After inside the SDK), hiding
// throttling from our sender, which records a shared "throttled until" time and re-queues instead.
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

/** Options for the adapter's connector clients: our fetch-based client instead of the SDK's retrying pipeline. */
export function connectorClientOptions(): ConnectorClientOptions {
  const httpClient = {
    async sendRequest(request: RequestLike) {
      const body = request.body === undefined || request.body === null ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        body,
        signal: request.abortSignal,
      });
      const bodyAsText = await response.text();
      if (response.status >= 400) throw new ConnectorHttpError(response.status, parseRetryAfter(response.headers.get('retry-after')));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return {
        request,
        status: response.status,
        headers: { toJson: () => headers },
        bodyAsText,
      };
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
