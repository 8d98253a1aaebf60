// What the sender does after a Bot Connector failure, from the status Teams returns.
import { ConnectorHttpError, parseRetryAfter } from '../../../../bot/edge/connectorHttp';
import { backoffMs, classifySendError } from '../../../../bot/platform/messaging/classify';
import { asStorageError } from '../../../../bot/platform/storage/storageErrors';

describe('classifySendError', () => {
  it('retries 429 with its Retry-After and treats it as throttling', () => {
    expect(classifySendError(new ConnectorHttpError(429, 3))).toEqual({ kind: 'throttled', code: '429', retryAfterMs: 3000 });
    expect(classifySendError(new ConnectorHttpError(429, undefined))).toEqual({ kind: 'throttled', code: '429', retryAfterMs: undefined });
  });

  it('retries 412, 502, 503 and 504 with backoff', () => {
    for (const status of [412, 502, 503, 504]) expect(classifySendError(new ConnectorHttpError(status, undefined)).kind).toBe('transient');
  });

  it('marks 403 and 404 as gone (installation stale, no retry)', () => {
    expect(classifySendError(new ConnectorHttpError(403, undefined))).toEqual({ kind: 'gone', code: '403' });
    expect(classifySendError(new ConnectorHttpError(404, undefined))).toEqual({ kind: 'gone', code: '404' });
  });

  it('gives up on other statuses and on errors of our own, and retries a dropped connection', () => {
    expect(classifySendError(new ConnectorHttpError(400, undefined))).toEqual({ kind: 'failed', code: '400' });
    expect(classifySendError(new Error('boom'))).toEqual({ kind: 'failed', code: 'error' });
    expect(classifySendError(Object.assign(new Error('socket'), { code: 'ECONNRESET' })).kind).toBe('transient');
    // A RestError-like error from another client: status and Retry-After header.
    const restLike = { statusCode: 429, response: { headers: { get: (name: string) => (name === 'retry-after' ? '2' : undefined) } } };
    expect(classifySendError(restLike)).toEqual({ kind: 'throttled', code: '429', retryAfterMs: 2000 });
  });

  it('retries a job whose storage was out of reach, as it did before storage failures became AppErrors', () => {
    const refused = asStorageError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), { name: 'RestError', code: 'ECONNREFUSED' }));
    expect(refused.code).toBe('storage-unavailable');
    expect(classifySendError(refused)).toEqual({ kind: 'transient', code: 'econnrefused', retryAfterMs: undefined });
    expect(classifySendError(asStorageError(Object.assign(new Error('busy'), { name: 'RestError', statusCode: 503 }))).kind).toBe('transient');
  });
});

describe('backoff and Retry-After', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    expect(backoffMs(0, () => 0)).toBe(125);
    expect(backoffMs(0, () => 1)).toBe(250);
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:10 GMT', Date.parse('Mon, 23 Nov 2026 10:00:00 GMT'))).toBe(10);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
