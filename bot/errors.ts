// The one error family: handlers and repositories throw an AppError; edge/errorResponder.ts turns its code into what Teams gets.

/** Every code there is; the edge's one table (`bot/edge/errorResponder.ts`) says what Teams gets for each. */
export const ERROR_CODES = [
  'validation',
  'not-found',
  'forbidden',
  'graph-permission',
  'throttled',
  'conflict',
  'storage-unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a person is told for each code when the thrower gave no specific message. */
const defaultMessages: Record<ErrorCode, string> = {
  validation: 'Something in that request was not right. Check it and try again.',
  'not-found': 'I could not find that. Check the name and try again.',
  forbidden: 'You do not have permission to do that. Ask a coordinator if you need it.',
  'graph-permission':
    'The bot is missing a Microsoft Graph permission it needs. Ask your Teams administrator to grant it.',
  throttled: 'Microsoft services are busy right now. Please try again in a minute.',
  conflict: 'Someone else changed this at the same time. Please try again.',
  'storage-unavailable': 'The bot cannot reach its storage right now. Please try again in a few minutes.',
  internal: 'Something went wrong on our side. Please try again; if it keeps happening, tell your coordinator.',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the person who asked: written by us, never copied from a foreign error. */
  readonly userMessage: string;
  /** Extra lines shown under the message, e.g. the list of fields that were wrong. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, userMessage?: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(userMessage ?? defaultMessages[code], { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage ?? defaultMessages[code];
    this.details = options.details ?? [];
  }
}

export const validationError = (message: string, details?: readonly string[]): AppError =>
  new AppError('validation', message, { details });
export const notFound = (message: string): AppError => new AppError('not-found', message);
export const forbidden = (message: string): AppError => new AppError('forbidden', message);
export const conflict = (message?: string): AppError => new AppError('conflict', message);

/** True when `error` is an AppError with this code, e.g. a repository's `conflict`. */
export function hasCode(error: unknown, code: ErrorCode): error is AppError {
  return error instanceof AppError && error.code === code;
}

/**
 * Waits for `work`; when it fails with one of the codes in `wording`, fails with that wording instead (same code, the
 * original kept as the cause). How a handler says what clashed in its own words, where the default would be vague:
 * `await reworded(services.posts.setAnswered(stored, now), { conflict: 'Someone changed this post ... again.' })`.
 */
export async function reworded<T>(work: Promise<T>, wording: Partial<Readonly<Record<ErrorCode, string>>>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const message = error instanceof AppError ? wording[error.code] : undefined;
    if (message === undefined || !(error instanceof AppError)) throw error;
    throw new AppError(error.code, message, { details: error.details, cause: error });
  }
}

/** Anything thrown becomes an AppError; unknown errors become `internal` and keep the original as `cause`. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isStorageUnreachable(error)) return new AppError('storage-unavailable', undefined, { cause: error });
  return new AppError('internal', undefined, { cause: error });
}

/** No answer at all: the host refused, is unknown, or did not answer in time. */
const NO_ANSWER_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT']);

/**
 * Table calls already fail as AppErrors (see bot/platform/storage/storageErrors.ts); this catches the queue clients'
 * failures. Only the bot's own storage failing: no answer from Azure Storage (Azurite locally), or a 500/503 from it. Other
 * services fail with the same statuses and codes (the Bot Connector refusing a reply is a RestError too), and telling
 * the person "storage is down" then would send them the wrong way; those stay `internal`.
 */
function isStorageUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, statusCode, request } = error as { code?: unknown; statusCode?: unknown; request?: unknown };
  if (!isStorageRequest(request)) return false;
  return (typeof code === 'string' && NO_ANSWER_CODES.has(code)) || statusCode === 500 || statusCode === 503;
}

/**
 * The @azure/data-tables and @azure/storage-queue clients throw a RestError that carries the request it made; every
 * Azure Storage request names the storage service version in `x-ms-version`, which the Bot Connector's do not.
 */
function isStorageRequest(request: unknown): boolean {
  if (typeof request !== 'object' || request === null) return false;
  const headers = (request as { headers?: { get?: (name: string) => string | undefined } }).headers;
  return typeof headers?.get === 'function' && headers.get('x-ms-version') !== undefined;
}
