// `post.helpful`: one "Helpful" per person per post (one mark row each), toggled; the count is the marks, and the card
// refreshes in place (the invoke answer for the clicker, an update of the posted message for everyone else).
import { POST_VERBS } from '../cards/post';
import type { CardActionResult } from '../../../events';
import { notFound, reworded, validationError } from '../../../errors';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { isAuthorOf, postForAction, postRefSchema, refreshPostedCard, renderPostCard } from '../flows';

export const VERB = POST_VERBS.helpful;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date. Your mark was not counted.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Your mark was not counted.');
  // Helpful is others saying a post helped them; the author's card has no button, but an old card or another client may.
  if (isAuthorOf(stored.post, input.caller.aadObjectId)) {
    throw validationError('This is your own post, so there is nothing to mark: Helpful is for others to say it helped them. Nothing was counted.');
  }
  const result = await reworded(services.posts.toggleHelpful(network.tenantId, network.networkId, stored.post.postId, input.caller.aadObjectId, input.now, stored), {
    conflict: 'Your clicks on Helpful crossed each other, so nothing changed. Press it once more.',
  });
  if (!result) throw notFound('This post has been removed by its author. Your mark was not counted.');
  await rememberMembership();
  const card = renderPostCard(result.post.post, network, services, input.caller.aadObjectId);
  await refreshPostedCard(result.post.reference, result.post.post, renderPostCard(result.post.post, network, services), services);
  services.logger.info({ event: 'posts.helpful', networkId: network.networkId, postId: stored.post.postId, marked: result.marked, count: result.post.post.helpfulCount }, 'helpful toggled');
  return { card };
}
