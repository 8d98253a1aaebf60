// `post.discard`: "Don't post" (or "Don't save") on a draft held for urgent help. Nothing is stored or posted; the
// author is told so and can open the form again with their text kept.
import { POST_VERBS } from '../cards/post';
import { notFound } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { changedHeldCard, discardedCard, HELD_PRIVATELY, heldCardSchema, heldFields, readHeldDraft, requireOfferedTags } from '../heldDrafts';
import { postForAction, requireAuthor, tagsOf } from '../flows';

export const VERB = POST_VERBS.discard;

export const action = defineCardAction({ verb: VERB, data: heldCardSchema, outOfDate: changedHeldCard('Nothing was posted.'), handle });

export async function handle(input: CardActionInputOf<typeof heldCardSchema>, services: Services): Promise<CardActionResult> {
  const held = readHeldDraft(input.data, 'Nothing was posted.');
  const fields = heldFields(input.data, 'Nothing was posted.');
  const edited = held.mode === 'edit' ? await editedPost(input, services) : undefined;
  const network = edited?.network ?? (await services.networks.get(input.caller.tenantId, held.networkId));
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  requireOfferedTags(fields, [...(await tagsOf(network, services)), ...(edited?.stored.post.tags ?? [])], 'Nothing was posted.');
  services.logger.info({ event: 'posts.held-discarded', networkId: network.networkId, mode: held.mode }, 'held post not posted');
  return { card: discardedCard(held, fields, network, services), privately: HELD_PRIVATELY };
}

/** For an edit: the post must still be there and be the caller's. */
async function editedPost(input: CardActionInput, services: Services) {
  const found = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(found.stored, input.caller, 'edit it');
  return found;
}
