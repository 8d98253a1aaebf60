// `post.remove`: the author removes their post: the row and its Helpful marks go (so search and digests no longer see
// it) and the posted card is replaced by a short notice.
import { noticeCard } from '../../../platform/cards/notice';
import { POST_VERBS } from '../cards/post';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { postForAction, postRefSchema, refreshPostedCard, requireAuthor } from '../flows';

export const VERB = POST_VERBS.remove;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date. Nothing was removed.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was removed.');
  requireAuthor(stored, input.caller, 'remove it');
  await services.posts.remove(network.tenantId, network.networkId, stored.post.postId);
  await rememberMembership();
  const card = services.cards.render(noticeCard, { title: 'Post removed', message: 'Its author removed this post. It no longer appears in searches or digests.' });
  await refreshPostedCard(stored.reference, stored.post, card, services);
  services.logger.info({ event: 'posts.removed', networkId: network.networkId, postId: stored.post.postId }, 'post removed');
  return { card };
}
