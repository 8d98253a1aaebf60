// The one place an error becomes what a person sees: a friendly card for messages, an error response for invokes, and
// one mapping from an AppError's code to the HTTP status an invoke answers with.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { noticeCard } from '../platform/cards/notice';
import { asAppError, type AppError, type ErrorCode } from '../errors';
import type { PlatformServices } from '../platform/services';
import { toActivity } from './activities';
import { CARD_ACTION_INVOKE, QUERY_INVOKE } from './envelope';

/**
 * 4xx for what the person can fix or wait out (and Teams may retry), 5xx only when the fault is ours: a missing Graph
 * permission is the deployment's, storage down is ours and temporary.
 */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  throttled: 429,
  internal: 500,
  'graph-permission': 500,
  'storage-unavailable': 503,
};

/** The `code` of an `application/vnd.microsoft.error` invoke answer, by status. */
const INVOKE_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

export interface ErrorAnswer {
  readonly status: number;
  /** What the person is told: our message and its details, never an unknown error's own text. */
  readonly message: string;
}

/** The one mapping from an error to its status and message; card actions, searches and the turn error handler use it. */
export function errorAnswerFor(error: AppError): ErrorAnswer {
  return { status: STATUS_BY_CODE[error.code], message: [error.userMessage, ...error.details].join(' ') };
}

/** What an `adaptiveCard/action` answers for an error: Teams shows the message on the card. */
export function cardActionErrorResponse(status: number, message: string) {
  return { statusCode: status, type: 'application/vnd.microsoft.error', value: { code: INVOKE_ERROR_CODES[status] ?? 'BadRequest', message } };
}

/** What a message-extension query answers for an error: Teams shows a `message` response only with HTTP 200. */
export function queryErrorResponse(message: string) {
  return { composeExtension: { type: 'message', text: message } };
}

export function logAppError(services: PlatformServices, error: AppError, activityId: string | undefined, where: string): void {
  const fields = { event: 'turn.error', code: error.code, status: STATUS_BY_CODE[error.code], activityId, where };
  if (error.code === 'internal' || error.code === 'storage-unavailable') {
    // The cause is ours or the SDK's, never the user's words: keep its stack for diagnosis.
    const cause = error.cause instanceof Error ? { name: error.cause.name, stack: error.cause.stack } : undefined;
    services.logger.error({ ...fields, cause }, 'turn failed');
  } else {
    services.logger.warn(fields, 'turn refused');
  }
}

export function errorCardFor(services: PlatformServices, error: AppError, activityId: string | undefined) {
  return services.cards.render(noticeCard, {
    title: error.code === 'validation' ? 'That did not work' : 'Sorry',
    message: error.userMessage,
    details: [...error.details],
    style: 'attention',
    reference: error.code === 'internal' || error.code === 'storage-unavailable' ? activityId : undefined,
  });
}

/** Installed as the adapter's onTurnError: anything a handler threw ends here. */
export function createTurnErrorHandler(services: PlatformServices) {
  return async (context: TurnContext, thrown: unknown): Promise<void> => {
    const error = asAppError(thrown);
    const { activity } = context;
    logAppError(services, error, activity.id, activity.type);
    try {
      if (activity.type === ActivityTypes.Message) {
        await context.sendActivity(toActivity({ card: errorCardFor(services, error, activity.id) }));
      } else if (activity.type === ActivityTypes.Invoke) {
        // Without an invoke answer botbuilder would answer 501; say what happened instead.
        const { status, message } = errorAnswerFor(error);
        const body = activity.name === QUERY_INVOKE ? queryErrorResponse(message) : activity.name === CARD_ACTION_INVOKE ? cardActionErrorResponse(status, message) : undefined;
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: activity.name === QUERY_INVOKE ? 200 : status, body } });
      }
    } catch (sendError) {
      services.logger.error({ event: 'turn.error.reply-failed', activityId: activity.id, name: (sendError as Error).name }, 'could not send the error answer');
    }
  };
}
