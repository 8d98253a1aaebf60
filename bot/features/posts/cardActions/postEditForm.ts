// `post.editForm`: the author gets the post's form, filled in, in place of the card (only for them to submit).
import { POST_VERBS } from '../cards/post';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { postForAction, postRefSchema, requireAuthor, tagsOf } from '../flows';
import { editPostForm } from '../postForms';

export const VERB = POST_VERBS.editForm;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date. Nothing was changed.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(stored, input.caller, 'edit it');
  await rememberMembership();
  const tags = await tagsOf(network, services);
  return { card: editPostForm(network, stored, [...new Set([...tags, ...stored.post.tags])], services) };
}
