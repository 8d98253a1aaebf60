// Converting between Bot Framework activities and our plain events.
import { CardFactory, TurnContext, type Activity, type ConversationReference as BfConversationReference } from 'botbuilder';
import { z } from 'zod';
import { conversationReferenceSchema, type Caller, type ConversationReference, type ConversationScope, type Mention, type OutgoingMessage, type Place, type SentFile } from '../events';

// The envelope check (envelope.ts) has typed every field read here; null is allowed where absent is, and read as absent.
interface TeamsChannelData {
  tenant?: { id?: string | null } | null;
  team?: { id?: string | null; name?: string | null; aadGroupId?: string | null } | null;
  channel?: { id?: string | null; name?: string | null } | null;
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data = activity.channelData as unknown;
  return typeof data === 'object' && data !== null ? data : {};
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

/** Every tenant id the activity names (Teams puts the same one in both places); empty when it names none. */
export function tenantsNamedBy(activity: Partial<Activity>): string[] {
  const named = [activity.conversation?.tenantId, channelDataOf(activity).tenant?.id];
  return [...new Set(named.filter((id): id is string => typeof id === 'string' && id.length > 0).map((id) => id.toLowerCase()))];
}

export function placeOf(activity: Partial<Activity>): Place {
  const data = channelDataOf(activity);
  return {
    conversationId: activity.conversation?.id ?? '',
    scope: scopeOf(activity),
    tenantId: tenantOf(activity),
    serviceUrl: activity.serviceUrl ?? '',
    teamId: data.team?.id ?? undefined,
    teamAadGroupId: data.team?.aadGroupId ?? undefined,
    channelId: data.channel?.id ?? undefined,
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

interface MentionEntity {
  readonly text?: string | null;
  readonly mentioned: { readonly id: string; readonly name?: string | null; readonly aadObjectId?: string | null };
}

function mentionEntitiesOf(activity: Partial<Activity>): MentionEntity[] {
  return (activity.entities ?? []).flatMap((entity) => {
    const { type, mentioned, text } = entity as { type?: unknown; mentioned?: MentionEntity['mentioned'] | null; text?: string | null };
    return typeof type === 'string' && type.toLowerCase() === 'mention' && typeof mentioned?.id === 'string' ? [{ mentioned, text }] : [];
  });
}

/** People @mentioned in the message, not counting the bot itself. */
export function mentionsOf(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  return mentionEntitiesOf(activity)
    .map((entity) => entity.mentioned)
    .filter((m) => m.id !== botId)
    .map((m) => ({ userId: m.id, name: m.name ?? '', aadObjectId: m.aadObjectId ?? undefined }));
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const fileAttachmentSchema = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().default(''),
  content: z.object({ downloadUrl: z.string().min(1), fileType: z.string().default('') }).loose(),
});

/** Files sent in personal chat arrive as `file.download.info` attachments carrying a pre-authorised download URL. */
export function filesOf(activity: Partial<Activity>): SentFile[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    const parsed = fileAttachmentSchema.safeParse(attachment);
    return parsed.success ? [{ name: parsed.data.name, downloadUrl: parsed.data.content.downloadUrl, fileType: parsed.data.content.fileType }] : [];
  });
}

/**
 * The message text with the bot's own @mention removed, so "@Link Bot help" reads as "help". Done here rather than
 * with TurnContext.removeRecipientMention, which changes the activity and assumes every entity has a type and text.
 */
export function commandTextOf(activity: Activity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  const own = mentionEntitiesOf(activity).find((entity) => entity.mentioned.id === botId && typeof entity.text === 'string' && entity.text.length > 0);
  if (own?.text) text = text.replace(own.text, ' ');
  return text.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

export function referenceOf(activity: Partial<Activity>): ConversationReference {
  // A null the envelope allowed (a chat without a name, say) is stored as absent.
  const plain = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity), (_key, value: unknown) => (value === null ? undefined : value))) as unknown;
  return conversationReferenceSchema.parse(plain);
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
