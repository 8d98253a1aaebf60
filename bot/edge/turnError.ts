// The one place an error becomes what a person sees: a friendly card for messages, an error response for invokes.
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards/message';
import { asAppError, type AppError } from '../errors';
import type { Services } from '../services';
import { toActivity } from './activities';

export function logAppError(services: Services, error: AppError, activityId: string | undefined, where: string): void {
  const fields = { event: 'turn.error', code: error.code, activityId, where };
  if (error.code === 'internal' || error.code === 'storage-unavailable') {
    // The cause is ours or the SDK's, never the user's words: keep its stack for diagnosis.
    const cause = error.cause instanceof Error ? { name: error.cause.name, stack: error.cause.stack } : undefined;
    services.logger.error({ ...fields, cause }, 'turn failed');
  } else {
    services.logger.warn(fields, 'turn refused');
  }
}

export function errorCardFor(services: Services, error: AppError, activityId: string | undefined) {
  return services.cards.render(noticeCard, {
    title: error.code === 'validation' ? 'That did not work' : 'Sorry',
    message: error.userMessage,
    details: [...error.details],
    style: 'attention',
    reference: error.code === 'internal' || error.code === 'storage-unavailable' ? activityId : undefined,
  });
}

/** Installed as the adapter's onTurnError: anything a handler threw ends here. */
export function createTurnErrorHandler(services: Services) {
  return async (context: TurnContext, thrown: unknown): Promise<void> => {
    const error = asAppError(thrown);
    const activityId = context.activity.id;
    logAppError(services, error, activityId, context.activity.type);
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(toActivity({ card: errorCardFor(services, error, activityId) }));
    } catch (sendError) {
      services.logger.error({ event: 'turn.error.reply-failed', activityId, name: (sendError as Error).name }, 'could not send the error card');
    }
  };
}
