// Sends Graph requests through @microsoft/microsoft-graph-client: retries 429/503/504 (Retry-After, jittered backoff, capped),
// JSON $batch in chunks of 20 with each sub-response retried on its own, and 403 turned into a `graph-permission` error.
import type { TokenCredential } from '@azure/identity';
import { Client, HTTPMessageHandler, ResponseType } from '@microsoft/microsoft-graph-client';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { backoffMs } from '../backoff';

export type GraphMethod = 'GET' | 'POST' | 'PATCH';

export interface GraphCall {
  readonly method: GraphMethod;
  /** Path below the version, with any query, e.g. `/teams/{id}/channels`. */
  readonly url: string;
  readonly body?: unknown;
  /** The application permission this call needs, named in the error when Graph answers 403. */
  readonly permission: string;
}

export interface GraphAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryPolicy {
  /** Retries after the first attempt, for 429/503/504 and network failures. */
  readonly maxRetries: number;
  /** Longest single wait, in milliseconds, whatever Retry-After asks for. */
  readonly maxDelayMs: number;
  readonly baseDelayMs: number;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const BATCH_LIMIT = 20;
const RETRYABLE = new Set([429, 503, 504]);

export interface TransportOptions {
  readonly baseUrl: string;
  readonly credential: TokenCredential;
  /** e.g. `https://graph.microsoft.com/.default`. */
  readonly scope: string;
  readonly retry: RetryPolicy;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly logger: Logger;
}

export class GraphTransport {
  private readonly client: Client;
  private readonly baseUrl: string;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // No built-in RetryHandler: retries are ours, so they honour our cap and our (injectable) sleep. No
    // AuthenticationHandler either: `once` signs each request with the one token it fetched.
    this.client = Client.initWithMiddleware({
      middleware: new HTTPMessageHandler(),
      baseUrl: `${this.baseUrl}/`,
      defaultVersion: 'v1.0',
    });
  }

  /** `https://graph.microsoft.com/v1.0/users('id')`-style binding URL for member payloads, in this cloud. */
  userBinding(userId: string): string {
    return `${this.baseUrl}/v1.0/users('${userId}')`;
  }

  async pause(ms: number): Promise<void> {
    await this.options.sleep(ms);
  }

  /** One request, retried while Graph says "busy". Any other status comes back to the caller, except 401/403. */
  async send(call: GraphCall): Promise<GraphAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      let answer: GraphAnswer;
      try {
        answer = await this.once(call);
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (attempt >= this.options.retry.maxRetries) throw graphUnavailable(error);
        await this.wait(undefined, attempt, 'network');
        continue;
      }
      if (RETRYABLE.has(answer.status) && attempt < this.options.retry.maxRetries) {
        await this.wait(answer.headers['retry-after'], attempt, String(answer.status));
        continue;
      }
      return checked(answer, call);
    }
  }

  /** Independent calls in `$batch` requests of at most 20; answers come back in the calls' order. */
  async batch(calls: readonly GraphCall[]): Promise<GraphAnswer[]> {
    const answers: GraphAnswer[] = new Array<GraphAnswer>(calls.length);
    for (let start = 0; start < calls.length; start += BATCH_LIMIT) {
      const indexes = calls.slice(start, start + BATCH_LIMIT).map((_, offset) => start + offset);
      await this.batchChunk(calls, indexes, answers);
    }
    return answers;
  }

  private async batchChunk(calls: readonly GraphCall[], indexes: readonly number[], answers: GraphAnswer[]): Promise<void> {
    let pending = [...indexes];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (pending.length === 1) {
        // A lone request needs no envelope.
        const index = pending[0] as number;
        answers[index] = await this.send(calls[index] as GraphCall);
        return;
      }
      const outer = await this.send({
        method: 'POST',
        url: '/$batch',
        permission: 'the permissions of each request in the batch',
        body: {
          requests: pending.map((index) => {
            const call = calls[index] as GraphCall;
            return {
              id: String(index),
              method: call.method,
              url: call.url,
              ...(call.body === undefined ? {} : { body: call.body, headers: { 'Content-Type': 'application/json' } }),
            };
          }),
        },
      });
      if (outer.status !== 200) throw unexpected(outer, '$batch');
      const responses = parseBatch(outer.body);
      const throttled: { index: number; retryAfter?: string }[] = [];
      for (const index of pending) {
        const sub = responses.get(String(index));
        if (!sub) throw unexpected(outer, '$batch (a response was missing)');
        if (RETRYABLE.has(sub.status) && attempt < this.options.retry.maxRetries) {
          throttled.push({ index, retryAfter: sub.headers['retry-after'] });
          continue;
        }
        answers[index] = checked(sub, calls[index] as GraphCall);
      }
      if (throttled.length === 0) return;
      // Each throttled sub-request waits at least its own Retry-After: wait for the longest, then resend only those.
      const waits = throttled.map((t) => this.delayFor(t.retryAfter, attempt));
      await this.sleepLogged(Math.max(...waits), attempt, 'batch-429', throttled.length);
      pending = throttled.map((t) => t.index);
    }
  }

  /** A token for the configured cloud; @azure/identity caches it until it nears expiry. */
  private async accessToken(): Promise<string> {
    let token: { token: string } | null;
    try {
      token = await this.options.credential.getToken(this.options.scope);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'graph-permission',
        'The bot could not sign in to Microsoft Graph. Check GRAPH_CREDENTIAL, GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the secret or certificate, then try again.',
        { cause: error },
      );
    }
    if (!token) throw new AppError('graph-permission', 'The bot could not sign in to Microsoft Graph: no token was issued. Check the GRAPH_* settings.');
    return token.token;
  }

  private async once(call: GraphCall): Promise<GraphAnswer> {
    // Sign in first, outside the client, so a credential problem keeps its clear message instead of becoming a GraphError.
    const token = await this.accessToken();
    const request = this.client.api(call.url).header('Authorization', `Bearer ${token}`).responseType(ResponseType.RAW);
    let response: Response;
    if (call.method === 'GET') response = (await request.get()) as Response;
    else if (call.method === 'PATCH') response = (await request.patch(call.body)) as Response;
    else response = (await request.post(call.body ?? {})) as Response;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const text = await response.text();
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: response.status, body, headers };
  }

  private delayFor(retryAfter: string | undefined, attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxDelayMs);
    // Jitter on an exponential step, so many instances do not retry in step.
    return backoffMs(attempt, this.options.random, baseDelayMs, maxDelayMs);
  }

  private async wait(retryAfter: string | undefined, attempt: number, reason: string): Promise<void> {
    await this.sleepLogged(this.delayFor(retryAfter, attempt), attempt, reason, 1);
  }

  private async sleepLogged(ms: number, attempt: number, reason: string, count: number): Promise<void> {
    this.options.logger.warn({ event: 'graph.retry', reason, attempt: attempt + 1, delayMs: ms, count }, 'graph busy, retrying');
    await this.options.sleep(ms);
  }
}

function checked(answer: GraphAnswer, call: GraphCall): GraphAnswer {
  if (answer.status === 403) throw permissionError(call);
  if (answer.status === 401) {
    throw new AppError('graph-permission', 'Microsoft Graph did not accept the bot\'s sign-in. Check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the secret or certificate (it may have expired), then try again.');
  }
  if (RETRYABLE.has(answer.status)) {
    throw new AppError('throttled', 'Microsoft Graph is busy and kept asking the bot to wait. Nothing was lost: run the same command again in a few minutes and it will continue where it stopped.');
  }
  return answer;
}

export function permissionError(call: Pick<GraphCall, 'permission'>): AppError {
  return new AppError(
    'graph-permission',
    `The bot is missing the Microsoft Graph application permission ${call.permission}. Ask your Microsoft 365 administrator to grant it (with admin consent) to the bot's app registration, then run the command again.`,
  );
}

function graphUnavailable(cause: unknown): AppError {
  return new AppError(
    'throttled',
    'Microsoft Graph did not answer. Nothing was lost: run the same command again in a few minutes and it will continue where it stopped.',
    { cause },
  );
}

export function unexpected(answer: GraphAnswer, what: string): AppError {
  const code = errorCodeOf(answer.body);
  return new AppError('internal', undefined, { cause: new Error(`Graph ${what} answered ${answer.status}${code ? ` (${code})` : ''}`) });
}

/** The `error.code` of a Graph error body, e.g. `NameAlreadyExists`; never shown to users. */
export function errorCodeOf(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

export function errorMessageOf(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : '';
}

function parseBatch(body: unknown): Map<string, GraphAnswer> {
  const found = new Map<string, GraphAnswer>();
  const responses = (body as { responses?: unknown } | undefined)?.responses;
  if (!Array.isArray(responses)) return found;
  for (const item of responses as unknown[]) {
    const r = item as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof r.id !== 'string' || typeof r.status !== 'number') continue;
    const headers: Record<string, string> = {};
    if (typeof r.headers === 'object' && r.headers !== null) {
      for (const [key, value] of Object.entries(r.headers as Record<string, unknown>)) headers[key.toLowerCase()] = String(value);
    }
    found.set(r.id, { status: r.status, body: r.body, headers });
  }
  return found;
}
