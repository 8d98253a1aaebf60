// Storage failures spoken as AppError codes: every table client hands out translates what Azure Storage throws, so no
// repository (and no handler above it) ever sees a RestError or has to read a status code.
import { AppError, type ErrorCode } from '../../errors';

/**
 * A row a handler has just read and then finds gone when it writes was removed in between (the generic not-found
 * message asks to check a name, which a card click never typed).
 */
const GONE_MEANWHILE = 'What this was about has just been removed, so it did not go through. Ask for it again to see what is there now.';

/**
 * An AppError that Azure Storage caused. `statusCode` is what storage answered (undefined when it did not answer): the
 * repositories' own checks (an insert that met an existing row, a row already gone) and the logs read it, and code that
 * classifies failures by status (the fan-out worker's retry decision) keeps working on it as it did on the RestError.
 */
export class StorageError extends AppError {
  readonly statusCode: number | undefined;

  constructor(code: ErrorCode, statusCode: number | undefined, cause: unknown) {
    super(code, code === 'not-found' ? GONE_MEANWHILE : undefined, { cause });
    this.statusCode = statusCode;
  }
}

/** No answer at all: the host refused, is unknown, reset the connection, or did not answer in time. */
const NO_ANSWER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** What a failed entity group transaction names when one of its rows met a conflict (the SDK puts it in `code`). */
const TRANSACTION_CONFLICT = /UpdateConditionNotSatisfied|EntityAlreadyExists|ConditionNotMet/i;

/**
 * The code for what storage threw: 409 (the row exists) and 412 (its ETag moved on) are someone else's change, so
 * `conflict`; 404 is a row or table that is not there, so `not-found`; no answer or a 5xx is `storage-unavailable`,
 * which tells the person to try again later; anything else (a 400 for a row too large, a 403 for a wrong key) is ours,
 * so `internal`. An AppError passes through unchanged.
 */
export function asStorageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { statusCode, code, message } = fieldsOf(error);
  if (statusCode === 409 || statusCode === 412 || TRANSACTION_CONFLICT.test(`${code ?? ''} ${message ?? ''}`)) {
    return new StorageError('conflict', statusCode, error);
  }
  if (statusCode === 404) return new StorageError('not-found', statusCode, error);
  if ((statusCode !== undefined && statusCode >= 500) || (statusCode === undefined && code !== undefined && NO_ANSWER_CODES.has(code))) {
    return new StorageError('storage-unavailable', statusCode, error);
  }
  return new StorageError('internal', statusCode, error);
}

/**
 * The same client, with every failure of its methods translated by `asStorageError`: promises (`getEntity`,
 * `createEntity`, `submitTransaction`, ...) and the paged iterators of `listEntities` (iterated directly or by page).
 * Methods run on the real client, so the SDK's own retries and internals are untouched.
 */
export function translatingStorageErrors<Client extends object>(client: Client): Client {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        try {
          return translatedResult((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (error) {
          throw asStorageError(error);
        }
      };
    },
  });
}

type AsyncIteratorLike = AsyncIterator<unknown> & { byPage?: (...args: unknown[]) => AsyncIterator<unknown> };

function translatedResult(result: unknown): unknown {
  if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(asStorageError(error)));
  if (isAsyncIterator(result)) return translatedIterator(result);
  return result;
}

/** An iterator whose `next()` (and whose pages' `next()`) fail with translated errors. */
function translatedIterator(iterator: AsyncIteratorLike): AsyncIterableIterator<unknown> & { byPage?: (...args: unknown[]) => AsyncIterableIterator<unknown> } {
  const { byPage } = iterator;
  return {
    next: (...args: [] | [unknown]) => iterator.next(...args).catch((error: unknown) => Promise.reject(asStorageError(error))),
    [Symbol.asyncIterator]() {
      return this;
    },
    ...(typeof byPage === 'function' ? { byPage: (...args: unknown[]) => translatedIterator(byPage.apply(iterator, args)) } : {}),
  };
}

function isAsyncIterator(value: unknown): value is AsyncIteratorLike {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && typeof (value as { next?: unknown }).next === 'function';
}

function fieldsOf(error: unknown): { statusCode?: number; code?: string; message?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, code, message } = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  return {
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}
