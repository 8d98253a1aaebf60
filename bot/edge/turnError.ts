// The adapter's last resort: anything a turn threw is logged and answered through the one error table, so an invoke
// still gets its mapped status (botbuilder would answer 501) and a message gets the friendly error card.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { asAppError } from '../errors';
import type { PlatformServices } from '../platform/services';
import { toActivity } from './activities';
import { CARD_ACTION_INVOKE, QUERY_INVOKE } from './envelope';
import { errorReplyFor, logAppError, type ErrorChannel } from './errorResponder';

/** Which answer an invoke expects, by its name. */
function invokeChannelOf(name: string | undefined): Exclude<ErrorChannel, 'message'> {
  if (name === CARD_ACTION_INVOKE) return 'card-action';
  if (name === QUERY_INVOKE) return 'search';
  return 'other-invoke';
}

/** Installed as the adapter's onTurnError: anything a handler threw ends here. */
export function createTurnErrorHandler(services: PlatformServices) {
  return async (context: TurnContext, thrown: unknown): Promise<void> => {
    const error = asAppError(thrown);
    const { activity } = context;
    logAppError(services, error, activity.id, activity.type);
    try {
      if (activity.type === ActivityTypes.Message) {
        const { card } = errorReplyFor(error, 'message', { services, activityId: activity.id });
        await context.sendActivity(toActivity({ card }));
      } else if (activity.type === ActivityTypes.Invoke) {
        const { status, body } = errorReplyFor(error, invokeChannelOf(activity.name), { services, activityId: activity.id });
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
      }
    } catch (sendError) {
      services.logger.error({ event: 'turn.error.reply-failed', activityId: activity.id, name: (sendError as Error).name }, 'could not send the error answer');
    }
  };
}
