// `post.edit`: the author's changes, checked like a new post, saved only if nobody changed the post meanwhile; the
// posted card refreshes in place.
import { POST_VERBS } from '../cards/post';
import { readPostForm } from '../domain/posts';
import { conflict, validationError } from '../errors';
import type { CardActionInput, CardActionResult } from '../events';
import type { Services } from '../services';
import { urgentHelpFirst } from '../conversations/urgentHelp';
import { isConflict } from '../services/storage/account';
import { postForAction, refreshAfterChange, requireAuthor, tagsOf } from '../services/posts/networkPosts';

export const VERB = POST_VERBS.edit;

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(stored, input.caller, 'edit it');
  // Tags already on the post stay allowed, even if a coordinator has since taken them off the network's list.
  const { draft, problems } = readPostForm(input.data, [...new Set([...(await tagsOf(network, services)), ...stored.post.tags])]);
  if (!draft) throw validationError('Nothing was changed yet: fix this and press Save again.', problems);
  const urgent = await urgentHelpFirst(`${draft.title}\n${draft.text}`, network.tenantId, network.area, services);
  try {
    await services.posts.edit(stored, draft, input.now);
  } catch (error) {
    if (isConflict(error)) throw conflict('Someone changed this post at the same moment (a Helpful mark, say). Press Save again.');
    throw error;
  }
  await rememberMembership();
  const card = await refreshAfterChange(network, stored, services);
  services.logger.info({ event: 'posts.edited', networkId: network.networkId, postId: stored.post.postId }, 'post edited');
  return { card, messages: urgent };
}
