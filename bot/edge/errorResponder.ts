// The one place an error becomes what Teams gets: one table, by code, for the card a message reply carries, the status
// and body an invoke answers with, what a search shows, and how the error is logged. The bot's card-action and search
// catches, the adapter's turn error handler and the tenant refusal all answer through `errorReplyFor`.
import { noticeCard } from '../platform/cards/notice';
import type { AppError, ErrorCode } from '../errors';
import type { AdaptiveCard } from '../events';
import type { PlatformServices } from '../platform/services';

export interface ErrorTreatment {
  /** The title of the notice card a message reply carries (the message under it is the error's own). */
  readonly title: string;
  readonly style: 'attention' | 'warning';
  /** Whether that card shows the activity id: only when the fault is ours, so the person can quote it and we find the log line. */
  readonly showReference: boolean;
  /** What an invoke answers: 4xx for what the person can fix or wait out (Teams may retry), 5xx only when the fault is ours. */
  readonly status: number;
  /** The `code` of the `application/vnd.microsoft.error` body a card action is answered with. */
  readonly invokeCode: string;
  /** `error` keeps the cause's name and stack for diagnosis (ours to fix); `warn` is a refusal, logged by its code alone. */
  readonly log: 'error' | 'warn';
}

/**
 * THE table. A missing Graph permission is the deployment's fault, so 500; storage down is ours and temporary, so 503.
 * A search always answers HTTP 200 with a `message` (Teams shows nothing else), worded by the error.
 */
export const ERROR_TABLE: Readonly<Record<ErrorCode, ErrorTreatment>> = {
  validation: { title: 'That did not work', style: 'attention', showReference: false, status: 400, invokeCode: 'BadRequest', log: 'warn' },
  forbidden: { title: 'Sorry', style: 'attention', showReference: false, status: 403, invokeCode: 'Forbidden', log: 'warn' },
  'not-found': { title: 'Sorry', style: 'attention', showReference: false, status: 404, invokeCode: 'NotFound', log: 'warn' },
  conflict: { title: 'Sorry', style: 'attention', showReference: false, status: 409, invokeCode: 'Conflict', log: 'warn' },
  throttled: { title: 'Sorry', style: 'attention', showReference: false, status: 429, invokeCode: 'TooManyRequests', log: 'warn' },
  'graph-permission': { title: 'Sorry', style: 'attention', showReference: false, status: 500, invokeCode: 'InternalServerError', log: 'warn' },
  'storage-unavailable': { title: 'Sorry', style: 'attention', showReference: true, status: 503, invokeCode: 'ServiceUnavailable', log: 'error' },
  internal: { title: 'Sorry', style: 'attention', showReference: true, status: 500, invokeCode: 'InternalServerError', log: 'error' },
};

/** Where the error is answered: a message (a card is posted), a card action's invoke, a search's invoke, any other invoke. */
export type ErrorChannel = 'message' | 'card-action' | 'search' | 'other-invoke';
export const ERROR_CHANNELS: readonly ErrorChannel[] = ['message', 'card-action', 'search', 'other-invoke'];

/** An `adaptiveCard/action` error answer: Teams shows `value.message` on the card; botbuilder sends `statusCode` as the HTTP status. */
export interface CardActionErrorBody {
  readonly statusCode: number;
  readonly type: 'application/vnd.microsoft.error';
  readonly value: { readonly code: string; readonly message: string };
}

/** A `composeExtension/query` error answer: a message in place of results. */
export interface SearchErrorBody {
  readonly composeExtension: { readonly type: 'message'; readonly text: string };
}

export interface ErrorReplies {
  readonly message: { readonly card: AdaptiveCard };
  readonly 'card-action': { readonly status: number; readonly body: CardActionErrorBody };
  readonly search: { readonly status: 200; readonly body: SearchErrorBody };
  /** An invoke the bot has no body for (botbuilder would otherwise answer 501): the status alone. */
  readonly 'other-invoke': { readonly status: number; readonly body?: undefined };
}

export interface ErrorAnswer {
  readonly status: number;
  /** What the person is told in one line: our message and its details, never an unknown error's own text. */
  readonly message: string;
}

/** The status and one-line message for an error; what invokes answer with. */
export function errorAnswerFor(error: AppError): ErrorAnswer {
  return { status: ERROR_TABLE[error.code].status, message: [error.userMessage, ...shownDetails(error.details)].join(' ') };
}

/** Room for detail lines in an answer, in bytes of their JSON: well inside a Teams message (26,000 bytes a card). */
export const DETAILS_BUDGET_BYTES = 12_000;
/** The longest one detail line is shown; a line is usually one field's problem, and may quote what was typed. */
const MAX_DETAIL_CHARS = 300;

/**
 * The detail lines an answer shows: each cut to a readable length, as many as fit the budget, then how many more
 * there were. A detail can quote what was typed (a pasted member list), so without a bound the answer itself could be
 * too large to send, and the person would be told nothing.
 */
export function shownDetails(details: readonly string[]): string[] {
  const shown: string[] = [];
  let bytes = 0;
  for (const detail of details) {
    const line = detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS - 1)}…` : detail;
    bytes += Buffer.byteLength(JSON.stringify(line), 'utf8');
    if (bytes > DETAILS_BUDGET_BYTES) break;
    shown.push(line);
  }
  const more = details.length - shown.length;
  return more > 0 ? [...shown, `…and ${more} more.`] : shown;
}

/** What Teams gets for `error` on `channel`, all from the one table. `activityId` is the reference an `internal` card shows. */
export function errorReplyFor<Channel extends ErrorChannel>(
  error: AppError,
  channel: Channel,
  context: { readonly services: Pick<PlatformServices, 'cards'>; readonly activityId?: string },
): ErrorReplies[Channel] {
  const treatment = ERROR_TABLE[error.code];
  const { status, message } = errorAnswerFor(error);
  const replies: { readonly [C in ErrorChannel]: () => ErrorReplies[C] } = {
    message: () => ({
      card: context.services.cards.render(noticeCard, {
        title: treatment.title,
        message: error.userMessage,
        details: shownDetails(error.details),
        style: treatment.style,
        reference: treatment.showReference ? context.activityId : undefined,
      }),
    }),
    'card-action': () => ({ status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code: treatment.invokeCode, message } } }),
    search: () => ({ status: 200, body: { composeExtension: { type: 'message', text: message } } }),
    'other-invoke': () => ({ status }),
  };
  return replies[channel]();
}

/** One log line per refused or failed turn: the code, its status, the activity id and where; never what was typed. */
export function logAppError(services: Pick<PlatformServices, 'logger'>, error: AppError, activityId: string | undefined, where: string): void {
  const treatment = ERROR_TABLE[error.code];
  const fields = { event: 'turn.error', code: error.code, status: treatment.status, activityId, where };
  if (treatment.log === 'error') {
    // The cause is ours or the SDK's, never the user's words: keep its stack for diagnosis.
    const cause = error.cause instanceof Error ? { name: error.cause.name, stack: error.cause.stack } : undefined;
    services.logger.error({ ...fields, cause }, 'turn failed');
  } else {
    services.logger.warn(fields, 'turn refused');
  }
}
