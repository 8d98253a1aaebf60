// `post.sendAnyway`: "Post anyway" (or "Save anyway") on a draft held for urgent help. The draft comes back in the
// button's data, untrusted: it is read again with the post form's rules and membership is checked again. A new post
// uses the draft's id, stored insert-if-not-exists, so a double click posts once; an edit saves once.
import { POST_VERBS } from '../cards/post';
import { newPost, readPostForm } from '../domain/posts';
import { forbidden, notFound, validationError } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { changedHeldCard, heldCardSchema, readHeldDraft } from '../heldDrafts';
import { networkMembership, postForAction, requireAuthor, tagsOf } from '../flows';
import { publishedNotice, publishPost, saveEdit } from '../publish';
import { readEdit } from './postEdit';

export const VERB = POST_VERBS.sendAnyway;

export const action = defineCardAction({ verb: VERB, data: heldCardSchema, outOfDate: changedHeldCard('Nothing was posted.'), handle });

export async function handle(input: CardActionInputOf<typeof heldCardSchema>, services: Services): Promise<CardActionResult> {
  const held = readHeldDraft(input.data, 'Nothing was posted.');
  if (held.mode === 'edit') {
    const found = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
    requireAuthor(found.stored, input.caller, 'edit it');
    const draft = await readEdit(input.data, found, services, 'Nothing was changed: press "Don\'t save", then open the edit form again to fix this.');
    const card = await saveEdit(found.network, found.stored, draft, input.now, services, true);
    await found.rememberMembership();
    return { card };
  }
  const network = await services.networks.get(input.caller.tenantId, held.networkId);
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  const { draft, problems } = readPostForm(input.data, await tagsOf(network, services));
  if (!draft) throw validationError('Nothing was posted: press "Don\'t post", then open the form again to fix this.', problems);
  const membership = await networkMembership(network, input.caller, input.place, services, input.now);
  if (!membership.member) throw forbidden(`Only members of ${network.name} can post there. Nothing was posted.`);
  const post = newPost(network, input.caller, held.postId, held.kind, draft, input.now);
  const outcome = await publishPost(post, network, membership, services, true);
  return { card: publishedNotice(outcome, post.kind, network, services) };
}
