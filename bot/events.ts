// Plain events: what the edge hands to handlers instead of a TurnContext, and what handlers hand back.
import { z } from 'zod';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** Who acted. `aadObjectId` is the Entra ID object id; Teams always sends it for people in a tenant. */
export interface Caller {
  readonly aadObjectId: string;
  readonly name: string;
  readonly tenantId: string;
  /** Teams user id (29:...), e.g. for an Adaptive Card's `refresh.userIds`; absent when the client does not send it. */
  readonly teamsUserId?: string;
}

/** Where it happened. */
export interface Place {
  readonly conversationId: string;
  readonly scope: ConversationScope;
  readonly tenantId: string;
  readonly serviceUrl: string;
  readonly teamId?: string;
  /** The team's Microsoft 365 group id (`channelData.team.aadGroupId`): what Microsoft Graph calls the team id. */
  readonly teamAadGroupId?: string;
  readonly channelId?: string;
}

export interface Mention {
  readonly name: string;
  /** Teams user id (29:...). */
  readonly userId: string;
  readonly aadObjectId?: string;
}

/** A JSON object ready to send as an Adaptive Card. */
export type AdaptiveCard = Record<string, unknown>;

/** One message a handler wants sent back to the conversation it was asked in. */
export interface OutgoingMessage {
  readonly text?: string;
  readonly card?: AdaptiveCard;
}

export interface Reply {
  readonly messages: readonly OutgoingMessage[];
}

export const reply = {
  text: (text: string): Reply => ({ messages: [{ text }] }),
  card: (card: AdaptiveCard, text?: string): Reply => ({ messages: [{ card, text }] }),
  of: (...messages: OutgoingMessage[]): Reply => ({ messages }),
};

/** A file sent with the message (Teams personal chat): fetch it from `downloadUrl`, which expires after a few minutes. */
export interface SentFile {
  readonly name: string;
  readonly downloadUrl: string;
  /** The extension Teams reports, e.g. `csv`, `json`, `xlsx`. */
  readonly fileType: string;
}

export interface CommandInput {
  /** The registered command name that matched, e.g. `roles grant`. */
  readonly command: string;
  /** The text after the command name, trimmed. */
  readonly args: string;
  readonly mentions: readonly Mention[];
  readonly caller: Caller;
  readonly place: Place;
  readonly now: Date;
  /** The activity id, for logs and correlation; never the text. */
  readonly activityId: string;
  /** Files attached to the message; absent or empty when there are none. */
  readonly files?: readonly SentFile[];
}

export interface CardActionInput {
  readonly verb: string;
  /** Untrusted: each card action parses it with its own zod schema. */
  readonly data: unknown;
  readonly caller: Caller;
  readonly place: Place;
  readonly now: Date;
  readonly activityId: string;
}

/** What an `Action.Execute` handler answers: the card that replaces the one clicked, plus any messages to post. */
export interface CardActionResult {
  readonly card: AdaptiveCard;
  readonly messages?: readonly OutgoingMessage[];
  /**
   * Set when the card is for the person who clicked alone (it leads with urgent help, or carries their unposted draft).
   * An Action.Execute reply shows it to them only; the Action.Submit fallback would post it for everyone to see, so in
   * a shared conversation it posts `sharedText` instead.
   */
  readonly privately?: { readonly sharedText: string };
}

export interface QueryInput {
  readonly commandId: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly skip: number;
  readonly count: number;
  readonly caller: Caller;
  readonly place: Place;
  readonly now: Date;
  readonly activityId: string;
}

export interface QueryResultItem {
  readonly preview: { readonly title: string; readonly text?: string };
  readonly card: AdaptiveCard;
}

export interface QueryResult {
  readonly items: readonly QueryResultItem[];
  /** Shown instead of results when there is nothing to list, e.g. "Type at least two letters". */
  readonly message?: string;
}

/** An Adaptive Card's type-ahead search (`Input.ChoiceSet` with `choices.data` of type `Data.Query`): what was typed. */
export interface DataQueryInput {
  /** The card's `Data.Query.dataset`, e.g. `schools`. */
  readonly dataset: string;
  readonly queryText: string;
  readonly skip: number;
  /** How many choices the client shows (Teams asks for 15). */
  readonly top: number;
  readonly caller: Caller;
  readonly place: Place;
  readonly now: Date;
  readonly activityId: string;
}

/** The choices to show: `title` is displayed, `value` is what the input submits. */
export interface DataQueryResult {
  readonly results: readonly { readonly title: string; readonly value: string }[];
}

/** A stored pointer to a conversation that proactive sends use. Shape follows Bot Framework's ConversationReference. */
export const conversationReferenceSchema = z.object({
  activityId: z.string().optional(),
  user: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).loose().optional(),
  bot: z.object({ id: z.string(), name: z.string().optional() }).loose(),
  conversation: z
    .object({
      id: z.string(),
      conversationType: z.string().optional(),
      tenantId: z.string().optional(),
      isGroup: z.boolean().optional(),
      name: z.string().optional(),
    })
    .loose(),
  channelId: z.string(),
  serviceUrl: z.string(),
  locale: z.string().optional(),
});
export type ConversationReference = z.infer<typeof conversationReferenceSchema>;

export interface InstallationEvent {
  readonly action: 'added' | 'removed';
  readonly place: Place;
  readonly reference: ConversationReference;
  readonly now: Date;
  readonly activityId: string;
  /** The team's or chat's display name when Teams sends it. */
  readonly name?: string;
}
