// `post.view`: the post card's refresh (Teams sends it for the author): the post as this person sees it; writes nothing.
import { POST_VERBS } from '../cards/post';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { postForAction, postRefSchema, renderPostCard } from '../flows';

export const VERB = POST_VERBS.view;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  return { card: renderPostCard(stored.post, network, services, input.caller.aadObjectId) };
}
