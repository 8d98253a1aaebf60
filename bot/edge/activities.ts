// Converting between Bot Framework activities and our plain events.
import { CardFactory, TurnContext, type Activity, type ConversationReference as BfConversationReference } from 'botbuilder';
import { z } from 'zod';
import { conversationReferenceSchema, type Caller, type ConversationReference, type ConversationScope, type Mention, type OutgoingMessage, type Place, type SentFile } from '../events';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data = activity.channelData as unknown;
  return typeof data === 'object' && data !== null ? (data as TeamsChannelData) : {};
}

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

export function tenantOf(activity: Partial<Activity>): string {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id ?? 'local';
}

export function placeOf(activity: Partial<Activity>): Place {
  const data = channelDataOf(activity);
  return {
    conversationId: activity.conversation?.id ?? '',
    scope: scopeOf(activity),
    tenantId: tenantOf(activity),
    serviceUrl: activity.serviceUrl ?? '',
    teamId: data.team?.id,
    teamAadGroupId: data.team?.aadGroupId,
    channelId: data.channel?.id,
  };
}

export function callerOf(activity: Partial<Activity>): Caller {
  const from = activity.from;
  return {
    // Teams always sends aadObjectId for people; local clients may not, so fall back to the channel id.
    aadObjectId: from?.aadObjectId ?? from?.id ?? 'unknown',
    name: from?.name ?? '',
    tenantId: tenantOf(activity),
    teamsUserId: from?.id,
  };
}

/** People @mentioned in the message, not counting the bot itself. */
export function mentionsOf(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .map((entity) => (entity as { mentioned?: { id?: string; name?: string; aadObjectId?: string } }).mentioned)
    .filter((m): m is { id: string; name?: string; aadObjectId?: string } => typeof m?.id === 'string' && m.id !== botId)
    .map((m) => ({ userId: m.id, name: m.name ?? '', aadObjectId: m.aadObjectId }));
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const fileAttachmentSchema = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().default(''),
  content: z.object({ downloadUrl: z.string().min(1), fileType: z.string().default('') }).passthrough(),
});

/** Files sent in personal chat arrive as `file.download.info` attachments carrying a pre-authorised download URL. */
export function filesOf(activity: Partial<Activity>): SentFile[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    const parsed = fileAttachmentSchema.safeParse(attachment);
    return parsed.success ? [{ name: parsed.data.name, downloadUrl: parsed.data.content.downloadUrl, fileType: parsed.data.content.fileType }] : [];
  });
}

/** The message text with the bot's own @mention removed, so "@Link Bot help" reads as "help". */
export function commandTextOf(activity: Activity): string {
  const withoutBot = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return withoutBot.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

export function referenceOf(activity: Partial<Activity>): ConversationReference {
  return conversationReferenceSchema.parse(JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))));
}

export function toBotFrameworkReference(reference: ConversationReference): Partial<BfConversationReference> {
  return reference as unknown as Partial<BfConversationReference>;
}

export function toActivity(message: OutgoingMessage): Partial<Activity> {
  return {
    type: 'message',
    text: message.text,
    attachments: message.card ? [CardFactory.adaptiveCard(message.card)] : undefined,
  };
}
