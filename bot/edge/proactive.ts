// Proactive sends through the Bot Connector, using stored conversation references.
import { TeamsInfo, TurnContext, type Activity, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { ConversationMember, ConversationSender } from '../platform/messaging/sender';
import type { LinkCloudAdapter } from './adapter';
import { referenceOf, toActivity, toBotFrameworkReference } from './activities';

/** The audience of Bot Connector tokens for the public cloud. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * continueConversationAsync hands a failure inside the callback to the adapter's onTurnError, which swallows it;
 * a proactive caller (the fan-out sender) must see the 429/403/404 to retry or mark the installation stale.
 */
async function continueAndRethrow(
  adapter: CloudAdapter,
  appId: string | undefined,
  reference: Parameters<typeof toBotFrameworkReference>[0],
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await adapter.continueConversationAsync(appId ?? '', toBotFrameworkReference(reference), async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

/** The message as sent into the conversation: from the bot, to the conversation of the stored reference. */
function outgoing(reference: Parameters<typeof toBotFrameworkReference>[0], message: Parameters<typeof toActivity>[0]): Activity {
  // Without the stored activity id: a proactive message starts a new message in the conversation, it is not a reply.
  const { activityId: _replyTo, ...target } = toBotFrameworkReference(reference);
  return TurnContext.applyConversationReference(toActivity(message), target) as Activity;
}

export function createConversationSender(adapter: LinkCloudAdapter): ConversationSender {
  const { appId } = adapter;
  return {
    // Sends and updates call the Bot Connector directly with a client kept per service URL (see LinkCloudAdapter):
    // the documented "send to conversation" and "update activity" operations, without a turn around them.
    async send(reference, message) {
      const activity = outgoing(reference, message);
      const response = await (await adapter.connectorFor(reference.serviceUrl)).conversations.sendToConversation(activity.conversation.id, activity);
      return { activityId: response.id };
    },
    async update(reference, activityId, message) {
      const activity = { ...outgoing(reference, message), id: activityId };
      await (await adapter.connectorFor(reference.serviceUrl)).conversations.updateActivity(activity.conversation.id, activityId, activity);
    },
    async postToChannel(teamReference, channelId, message) {
      const tenantId = teamReference.conversation.tenantId ?? '';
      const parameters = {
        isGroup: true,
        bot: teamReference.bot,
        channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
        tenantId,
        activity: toActivity(message),
      } as unknown as ConversationParameters;
      let thread: ReturnType<typeof referenceOf> | undefined;
      let activityId: string | undefined;
      await adapter.createConversationAsync(appId ?? '', 'msteams', teamReference.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, (context) => {
        thread = referenceOf(context.activity);
        // botbuilder gives the new conversation's id here, not the message's; Teams puts the message id in the thread id
        // (`19:...@thread.tacv2;messageid=<id>`), and updating the post needs that one.
        const conversationId = thread.conversation.id;
        activityId = /;messageid=([^;]+)$/.exec(conversationId)?.[1] ?? (context.activity as { id?: string }).id;
        return Promise.resolve();
      });
      if (!thread) throw new Error('The Bot Connector did not return the new channel post.');
      return { activityId, thread };
    },
    async createPersonalConversation({ tenantId, serviceUrl, userId, botId }) {
      const parameters = {
        isGroup: false,
        bot: { id: botId, name: '' },
        // Teams accepts the person's Entra ID object id or their 29: id here.
        members: [{ id: userId, name: '' }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as ConversationParameters;
      let created: ReturnType<typeof referenceOf> | undefined;
      await adapter.createConversationAsync(appId ?? '', 'msteams', serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, (context) => {
        created = referenceOf(context.activity);
        return Promise.resolve();
      });
      if (!created) throw new Error('The Bot Connector did not return a conversation.');
      return created;
    },
    async listMembers(reference) {
      const members: ConversationMember[] = [];
      await continueAndRethrow(adapter, appId, reference, async (context) => {
        let continuationToken: string | undefined;
        do {
          const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
          for (const m of page.members ?? []) members.push({ id: m.id, aadObjectId: m.aadObjectId, name: m.name });
          continuationToken = page.continuationToken || undefined;
        } while (continuationToken);
      });
      return members;
    },
  };
}
