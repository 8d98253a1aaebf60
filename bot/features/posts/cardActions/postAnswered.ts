// `post.answered`: the person who asked marks their question answered; it leaves "find unanswered" and the digest's list.
import { POST_VERBS } from '../cards/post';
import { reworded, validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { postForAction, postRefSchema, refreshAfterChange, requireAuthor } from '../flows';

export const VERB = POST_VERBS.answered;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date. Nothing was changed.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  if (stored.post.kind !== 'ask') throw validationError('Only questions can be marked answered. Nothing was changed.');
  requireAuthor(stored, input.caller, 'mark it answered');
  await reworded(services.posts.setAnswered(stored, input.now), { conflict: 'Someone changed this post at the same moment. Press "Mark answered" again.' });
  await rememberMembership();
  const card = await refreshAfterChange(network, stored, services, input.caller.aadObjectId);
  services.logger.info({ event: 'posts.answered', networkId: network.networkId, postId: stored.post.postId }, 'question answered');
  return { card };
}
