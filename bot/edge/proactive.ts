// Proactive sends through the Bot Connector, using stored conversation references.
import type { CloudAdapter } from 'botbuilder';
import type { ConversationSender } from '../services/messaging/sender';
import { toActivity, toBotFrameworkReference } from './activities';

export function createConversationSender(adapter: CloudAdapter, appId: string | undefined): ConversationSender {
  return {
    async send(reference, message) {
      let activityId: string | undefined;
      await adapter.continueConversationAsync(appId ?? '', toBotFrameworkReference(reference), async (context) => {
        activityId = (await context.sendActivity(toActivity(message)))?.id;
      });
      return { activityId };
    },
    async update(reference, activityId, message) {
      await adapter.continueConversationAsync(appId ?? '', toBotFrameworkReference(reference), async (context) => {
        await context.updateActivity({ ...toActivity(message), id: activityId, conversation: context.activity.conversation });
      });
    },
  };
}
