// Proactive sends to a stored conversation. The edge implements it with the Bot Connector; handlers only see this.
import type { ConversationReference, OutgoingMessage } from '../../events';

export interface ConversationSender {
  /** Posts a new message; resolves with the id Teams gave it. */
  send(reference: ConversationReference, message: OutgoingMessage): Promise<{ readonly activityId?: string }>;
  /** Replaces a message the bot posted earlier, e.g. to refresh a card's counts. */
  update(reference: ConversationReference, activityId: string, message: OutgoingMessage): Promise<void>;
}
