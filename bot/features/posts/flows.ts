// What the post commands, card actions and the digest share: a network's tag list, who belongs to it, the post card
// and the link back to a posted message.
import { z } from 'zod';
import defaultTags from './data/post-tags.json';
import { POST_VERBS, postCard } from './cards/post';
import { describeLondonDateTime } from '../../domain/londonTime';
import { messageLink, type Post, type StoredPost } from './domain/posts';
import type { AdaptiveCard, Caller, ConversationReference, Place } from '../../events';
import { forbidden, notFound, validationError } from '../../errors';
import type { Services } from '../../platform/services';
import { networkHomeOf, type Network } from '../networks';

export const DEFAULT_TAGS: readonly string[] = defaultTags.tags;

export async function tagsOf(network: Network, services: Services): Promise<readonly string[]> {
  return (await services.posts.tags(network.tenantId, network.networkId)) ?? DEFAULT_TAGS;
}

export function linkTo(post: Post, network: Network): string | undefined {
  if (!post.activityId) return undefined;
  return messageLink({ tenantId: network.tenantId, conversationId: network.conversationId, isChannel: network.scope === 'channel' }, post.activityId);
}

export const KIND_LABELS = { share: 'Shared idea or resource', ask: 'Question' } as const;

/** Whether this person wrote the post (their own post gets no Helpful button, and their Helpful is refused). */
export const isAuthorOf = (post: Post, aadObjectId: string): boolean => post.authorId.toLowerCase() === aadObjectId.toLowerCase();

/**
 * The post's card: as posted for everyone (no `viewer`), or as `viewer` (an Entra object id) sees it. Everyone's card
 * refreshes for the author to the author's view, which has no Helpful button.
 */
export function renderPostCard(post: Post, network: Network, services: Services, viewer?: string): AdaptiveCard {
  const helpful = post.helpfulCount;
  const canMarkHelpful = viewer === undefined || !isAuthorOf(post, viewer);
  return services.cards.render(postCard, {
    kindLabel: KIND_LABELS[post.kind],
    network: network.name,
    title: post.title,
    text: post.text,
    link: post.link,
    tags: post.tags.length > 0 ? post.tags.join(', ') : undefined,
    byline: `${post.authorName || 'A network member'}, ${describeLondonDateTime(post.created)}${post.updated.getTime() !== post.created.getTime() ? ' (edited)' : ''}`,
    helpfulTitle: helpful === 0 ? 'Helpful' : `Helpful (${helpful})`,
    canMarkHelpful,
    helpfulNote: canMarkHelpful || helpful === 0 ? undefined : `Helpful (${helpful}): ${helpful === 1 ? 'one person' : `${helpful} people`} found your post helpful.`,
    refreshUserIds: post.authorUserId ? [post.authorUserId] : [],
    answered: post.kind === 'ask' && post.answered,
    canMarkAnswered: post.kind === 'ask' && !post.answered,
    networkId: network.networkId,
    postId: post.postId,
    verbs: { helpful: POST_VERBS.helpful, answered: POST_VERBS.answered, editForm: POST_VERBS.editForm, remove: POST_VERBS.remove, view: POST_VERBS.view },
  });
}

/** Where the network's members are listed: the channel for a channel network (its team's roster), else the chat. */
function membersReference(network: Network): ConversationReference {
  if (!network.channelId) return network.reference;
  return { ...network.reference, conversation: { ...network.reference.conversation, id: network.channelId } };
}

/** A remembered member is trusted this long before the Bot Connector is asked again (people leave networks). */
const MEMBER_SEEN_DAYS = 30;

/** Whether the caller belongs to a network, and how to remember what proved it. */
export interface Membership {
  readonly member: boolean;
  /**
   * Stores that the person was seen acting in the network (acting there proves it, as does the Bot Connector's member
   * list), so a later action from elsewhere needs no lookup. Call it only once the whole action has been accepted:
   * a refused payload writes nothing. Does nothing when nothing new was learnt.
   */
  readonly remember: () => Promise<void>;
}

const nothingToRemember = (): Promise<void> => Promise.resolve();

/**
 * Who belongs to a network, reading only. Acting inside the network's conversation proves it; elsewhere the remembered
 * membership is used, else the Bot Connector's member list of the conversation.
 */
export async function networkMembership(network: Network, caller: Caller, place: Place, services: Services, now: Date): Promise<Membership> {
  const remember = () => services.posts.rememberMember(network.tenantId, network.networkId, caller.aadObjectId, now);
  if (place.scope !== 'personal' && place.tenantId === network.tenantId && networkHomeOf(place) === network.conversationId) {
    return { member: true, remember };
  }
  if (caller.tenantId !== network.tenantId) return { member: false, remember: nothingToRemember };
  const seen = await services.posts.memberSeen(network.tenantId, network.networkId, caller.aadObjectId);
  if (seen && now.getTime() - seen.getTime() < MEMBER_SEEN_DAYS * 86_400_000) return { member: true, remember: nothingToRemember };
  try {
    const members = await services.sender.listMembers(membersReference(network));
    const found = members.some((m) => m.aadObjectId?.toLowerCase() === caller.aadObjectId.toLowerCase());
    return { member: found, remember: found ? remember : nothingToRemember };
  } catch (error) {
    services.logger.warn({ event: 'posts.members-unavailable', networkId: network.networkId, name: (error as Error).name, status: (error as { statusCode?: number }).statusCode }, 'could not list network members');
    return { member: false, remember: nothingToRemember };
  }
}

/** Whether the caller belongs to the network, remembered at once: for commands, whose whole input is already checked. */
export async function isNetworkMember(network: Network, caller: Caller, place: Place, services: Services, now: Date): Promise<boolean> {
  const membership = await networkMembership(network, caller, place, services, now);
  if (membership.member) await membership.remember();
  return membership.member;
}

/** Refreshes the posted card for everyone; the clicker already gets it from the invoke response, so a failure only logs. */
export async function refreshPostedCard(reference: ConversationReference | undefined, post: Post, card: AdaptiveCard, services: Services): Promise<void> {
  if (!reference || !post.activityId) return;
  try {
    await services.sender.update(reference, post.activityId, { card });
  } catch (error) {
    services.logger.warn({ event: 'posts.refresh-failed', networkId: post.networkId, postId: post.postId, name: (error as Error).name }, 'could not refresh the posted card');
  }
}

/**
 * After a change: the post as stored now, its card re-rendered and refreshed in the conversation; returns the card as
 * `viewer` (the person who made the change) sees it.
 */
export async function refreshAfterChange(network: Network, before: StoredPost, services: Services, viewer?: string): Promise<AdaptiveCard> {
  const after = (await services.posts.get(network.tenantId, network.networkId, before.post.postId)) ?? before;
  await refreshPostedCard(after.reference, after.post, renderPostCard(after.post, network, services), services);
  return renderPostCard(after.post, network, services, viewer);
}

/** What every post button sends: which network and which post. */
export const postRefSchema = z.object({ networkId: z.string().min(1).max(100), postId: z.string().min(1).max(100) });

export interface PostInNetwork {
  readonly network: Network;
  readonly stored: StoredPost;
  /** The membership to remember once the action is accepted (see Membership.remember). */
  readonly rememberMembership: () => Promise<void>;
}

/**
 * The post a button is about, after checking it still exists and that the person clicking belongs to its network.
 * Reads only. `nothingDone` ends each refusal, e.g. "Your mark was not counted."
 */
export async function postForAction(data: unknown, caller: Caller, place: Place, now: Date, services: Services, nothingDone: string): Promise<PostInNetwork> {
  const parsed = postRefSchema.safeParse(data);
  if (!parsed.success) throw validationError(`This card is out of date. ${nothingDone}`);
  const network = await services.networks.get(caller.tenantId, parsed.data.networkId);
  if (!network) throw notFound(`That network no longer exists. ${nothingDone}`);
  const membership = await networkMembership(network, caller, place, services, now);
  if (!membership.member) {
    throw forbidden(`Only members of ${network.name} can do that, and I could not confirm you are one. ${nothingDone}`);
  }
  const stored = await services.posts.get(network.tenantId, network.networkId, parsed.data.postId);
  if (!stored || stored.status !== 'posted') throw notFound(`This post has been removed by its author. ${nothingDone}`);
  return { network, stored, rememberMembership: membership.remember };
}

/** Only the author edits, removes or marks their question answered. */
export function requireAuthor(stored: StoredPost, caller: Caller, what: string): void {
  if (!isAuthorOf(stored.post, caller.aadObjectId)) {
    throw forbidden(`Only the person who posted this can ${what}. Nothing was changed.`);
  }
}
