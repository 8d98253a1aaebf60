// Proactive sends to a stored conversation. The edge implements it with the Bot Connector; handlers only see this.
import type { ConversationReference, OutgoingMessage } from '../../events';

export interface PersonalConversationRequest {
  readonly tenantId: string;
  readonly serviceUrl: string;
  /** The person's Entra ID object id or Teams (29:) id. The app must be installed for them. */
  readonly userId: string;
  /** The bot's Teams id (28:...), from any stored reference's `bot.id`. */
  readonly botId: string;
}

export interface ConversationMember {
  /** Teams user id (29:...). */
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name?: string;
}

export interface ConversationSender {
  /** Posts a message into the conversation (in a channel thread's reference: a reply in that thread). */
  send(reference: ConversationReference, message: OutgoingMessage): Promise<{ readonly activityId?: string }>;
  /** Replaces a message the bot posted earlier, e.g. to refresh a card's counts. */
  update(reference: ConversationReference, activityId: string, message: OutgoingMessage): Promise<void>;
  /** Starts a new thread in a channel of a team where the bot is installed; `thread` is the reference for replies. */
  postToChannel(
    teamReference: ConversationReference,
    channelId: string,
    message: OutgoingMessage,
  ): Promise<{ readonly activityId?: string; readonly thread: ConversationReference }>;
  /** Opens (or reopens) the bot's 1:1 chat with a person and returns its reference, for proactive personal messages. */
  createPersonalConversation(request: PersonalConversationRequest): Promise<ConversationReference>;
  /** Everyone in the conversation (for a team: the team's members), read page by page from the Bot Connector. */
  listMembers(reference: ConversationReference): Promise<readonly ConversationMember[]>;
}

/** Where a proactive message goes: a conversation, or a new thread in `channelId` of the team in `reference`. */
export interface SendTarget {
  readonly reference: ConversationReference;
  readonly channelId?: string;
}

/** Posts to a target: a new channel thread when it names a channel, otherwise into the conversation. */
export async function postToTarget(sender: ConversationSender, target: SendTarget, message: OutgoingMessage): Promise<void> {
  if (target.channelId) await sender.postToChannel(target.reference, target.channelId, message);
  else await sender.send(target.reference, message);
}
