// What to do after a send failed, from the Bot Connector's status: retry later, mark the conversation stale, or give up.

export type SendOutcome =
  | { readonly kind: 'throttled'; readonly code: string; readonly retryAfterMs?: number }
  | { readonly kind: 'transient'; readonly code: string; readonly retryAfterMs?: number }
  | { readonly kind: 'gone'; readonly code: string }
  | { readonly kind: 'failed'; readonly code: string };

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Reads `statusCode` and `retryAfterSeconds` (the edge's ConnectorHttpError) or a RestError-like `response.headers`. */
export function classifySendError(error: unknown): SendOutcome {
  const status = numberField(error, 'statusCode');
  const retryAfterMs = retryAfterOf(error);
  if (status === 429) return { kind: 'throttled', code: '429', retryAfterMs };
  if (status === 412 || status === 502 || status === 503 || status === 504) return { kind: 'transient', code: String(status), retryAfterMs };
  if (status === 403 || status === 404) return { kind: 'gone', code: String(status) };
  if (status !== undefined) return { kind: 'failed', code: String(status) };
  // No answer at all (the edge's ConnectorNetworkError): the send may succeed later.
  if (typeof error === 'object' && error !== null && (error as { network?: unknown }).network === true) {
    return { kind: 'transient', code: (stringField(error, 'code') ?? 'network').toLowerCase() };
  }
  // A storage call that got no answer is an AppError (`storage-unavailable`) whose cause carries the network code.
  const code = [stringField(error, 'code'), stringField(causeOf(error), 'code')].find((candidate) => candidate !== undefined && NETWORK_CODES.has(candidate));
  if (code) return { kind: 'transient', code: code.toLowerCase() };
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return { kind: 'transient', code: 'network' };
  const appCode = error instanceof Error && error.name === 'AppError' ? stringField(error, 'code') : undefined;
  if (appCode === 'storage-unavailable') return { kind: 'transient', code: 'storage' };
  return { kind: 'failed', code: appCode ? `app-${appCode}` : 'error' };
}

export { backoffMs } from '../backoff';

function retryAfterOf(error: unknown): number | undefined {
  const seconds = numberField(error, 'retryAfterSeconds');
  if (seconds !== undefined) return seconds * 1000;
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } } | undefined)?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const parsed = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(parsed) ? parsed * 1000 : undefined;
}

function numberField(value: unknown, name: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'number' ? field : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' ? field : undefined;
}

function causeOf(value: unknown): unknown {
  return value instanceof Error ? value.cause : undefined;
}
