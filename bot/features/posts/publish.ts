// Putting a post in its network, and saving an author's edit: shared by the form's submit and by "Post anyway" /
// "Save anyway" on a draft held for urgent help. A post id is used once: storing is insert-if-not-exists, so the same
// draft sent twice (a double click) posts once.
import { noticeCard } from '../../platform/cards/notice';
import type { Post, PostDraft, StoredPost } from './domain/posts';
import { AppError, conflict, hasCode } from '../../errors';
import type { AdaptiveCard, ConversationReference } from '../../events';
import type { Services } from '../../platform/services';
import type { Network } from '../networks';
import { refreshAfterChange, renderPostCard, type Membership } from './flows';

export type PublishOutcome = 'posted' | 'already-posted' | 'being-posted';

/**
 * Stores the post as pending, posts its card to the network, then marks it posted; if the card cannot be posted the
 * stored row is removed, so nothing is half-written. A post with this id already stored (by the same author) is not
 * posted again: the answer says whether it is in the network already or still on its way.
 */
export async function publishPost(post: Post, network: Network, membership: Membership, services: Services, held: boolean): Promise<PublishOutcome> {
  try {
    await services.posts.createPending(post);
  } catch (error) {
    if (!hasCode(error, 'conflict')) throw error;
    const stored = await services.posts.get(post.tenantId, post.networkId, post.postId);
    // Another author's post under this id: only a forged card gets here.
    if (!stored || stored.post.authorId.toLowerCase() !== post.authorId.toLowerCase()) throw conflict('This card is out of date, so nothing was posted. Type "share" or "ask" again.');
    return stored.status === 'posted' ? 'already-posted' : 'being-posted';
  }
  const card = renderPostCard(post, network, services);
  let activityId: string | undefined;
  let reference: ConversationReference;
  try {
    if (network.channelId) {
      const posted = await services.sender.postToChannel(network.reference, network.channelId, { card });
      activityId = posted.activityId;
      reference = posted.thread;
    } else {
      activityId = (await services.sender.send(network.reference, { card })).activityId;
      reference = network.reference;
    }
  } catch (error) {
    await services.posts.remove(post.tenantId, post.networkId, post.postId);
    throw new AppError('internal', `I could not post to ${network.name} just now, so nothing was saved. Press the button again in a minute.`, { cause: error });
  }
  await services.posts.markPosted(post.tenantId, post.networkId, post.postId, activityId, reference);
  await membership.remember();
  services.logger.info({ event: 'posts.posted', networkId: network.networkId, postId: post.postId, kind: post.kind, tags: post.tags.length, link: post.link !== undefined, held }, 'post posted');
  return 'posted';
}

/** What the author sees once the post is in the network (or was already, or is on its way). */
export function publishedNotice(outcome: PublishOutcome, kind: Post['kind'], network: Network, services: Services): AdaptiveCard {
  if (outcome === 'being-posted') {
    return services.cards.render(noticeCard, { title: 'Posting now', message: `Your post is on its way to ${network.name}; it will appear there in a moment. There is no need to press again.`, style: 'good' });
  }
  return services.cards.render(noticeCard, {
    title: kind === 'ask' ? 'Your question is posted' : 'Posted to the network',
    message: `It is in ${network.name} for everyone to see; replies go in its thread. You can edit or remove it from the post.`,
    style: 'good',
  });
}

const sameContent = (post: Post, draft: PostDraft): boolean =>
  post.title === draft.title && post.text === draft.text && (post.link ?? '') === (draft.link ?? '') && post.tags.join(',') === draft.tags.join(',');

/**
 * Saves the author's changes only if nobody changed the post since it was read; the posted card refreshes in place.
 * Saving what is already stored writes nothing, so the same change sent twice (a double click) saves once.
 */
export async function saveEdit(network: Network, stored: StoredPost, draft: PostDraft, now: Date, services: Services, held: boolean): Promise<AdaptiveCard> {
  if (!sameContent(stored.post, draft)) {
    try {
      await services.posts.edit(stored, draft, now);
    } catch (error) {
      if (!hasCode(error, 'conflict')) throw error;
      const current = await services.posts.get(network.tenantId, network.networkId, stored.post.postId);
      // Their other click saved this very change a moment ago: done. Anything else is someone else's change.
      if (!current || !sameContent(current.post, draft)) throw conflict('Someone changed this post at the same moment (a Helpful mark, say). Press Save again.');
    }
    services.logger.info({ event: 'posts.edited', networkId: network.networkId, postId: stored.post.postId, held }, 'post edited');
  }
  // Only the author edits, so the card comes back as the author sees it.
  return refreshAfterChange(network, stored, services, stored.post.authorId);
}
