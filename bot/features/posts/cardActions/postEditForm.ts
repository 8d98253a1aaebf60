// `post.editForm`: the author gets the post's form, filled in, in place of the card (only for them to submit).
import { POST_VERBS } from '../cards/post';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { postForAction, requireAuthor, tagsOf } from '../flows';
import { editPostForm } from '../postForms';

export const VERB = POST_VERBS.editForm;

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(stored, input.caller, 'edit it');
  await rememberMembership();
  const tags = await tagsOf(network, services);
  return { card: editPostForm(network, stored, [...new Set([...tags, ...stored.post.tags])], services) };
}
