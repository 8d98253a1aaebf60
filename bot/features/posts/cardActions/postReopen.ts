// `post.reopen`: after "Don't post", the share/ask form (or the edit form) again, filled in with the text as it was.
// Submitting it runs the risk check again, like any submit.
import { POST_VERBS, postFormCard } from '../cards/post';
import { MAX_LINK, MAX_TEXT, MAX_TITLE } from '../domain/posts';
import { forbidden, notFound } from '../../../errors';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { changedHeldCard, HELD_PRIVATELY, heldCardSchema, heldFields, readHeldDraft, requireOfferedTags } from '../heldDrafts';
import { networkMembership, postForAction, requireAuthor, tagsOf } from '../flows';

export const VERB = POST_VERBS.reopen;

export const action = defineCardAction({ verb: VERB, data: heldCardSchema, outOfDate: changedHeldCard('Nothing was posted.'), handle });

export async function handle(input: CardActionInputOf<typeof heldCardSchema>, services: Services): Promise<CardActionResult> {
  const held = readHeldDraft(input.data, 'Nothing was posted.');
  const fields = heldFields(input.data, 'Nothing was posted.');
  const limits = { maxTitle: MAX_TITLE, maxText: MAX_TEXT, maxLink: MAX_LINK };
  if (held.mode === 'edit') {
    const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
    requireAuthor(stored, input.caller, 'edit it');
    const tags = await tagsOf(network, services);
    requireOfferedTags(fields, [...tags, ...stored.post.tags], 'Nothing was changed.');
    await rememberMembership();
    return {
      card: services.cards.render(postFormCard, {
        heading: 'Edit your post',
        hint: 'Nothing has been changed yet. Save to update the post in the network. Never include anything that could identify a child.',
        network: network.name,
        verb: POST_VERBS.edit,
        kind: stored.post.kind,
        networkId: network.networkId,
        postId: stored.post.postId,
        ...fields,
        tagChoices: [...new Set([...tags, ...stored.post.tags])].map((t) => ({ title: t, value: t })),
        ...limits,
        submitTitle: 'Save',
      }),
      privately: HELD_PRIVATELY,
    };
  }
  const network = await services.networks.get(input.caller.tenantId, held.networkId);
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  // Read only: membership is remembered once something is posted.
  if (!(await networkMembership(network, input.caller, input.place, services, input.now)).member) throw forbidden(`Only members of ${network.name} can post there. Nothing was posted.`);
  const tags = await tagsOf(network, services);
  requireOfferedTags(fields, tags, 'Nothing was posted.');
  return {
    card: services.cards.render(postFormCard, {
      heading: held.kind === 'share' ? 'Share an idea or resource' : 'Ask the network',
      hint: 'Nothing has been posted yet: your text is as you left it. Never include anything that could identify a child.',
      network: network.name,
      verb: POST_VERBS.submit,
      kind: held.kind,
      networkId: network.networkId,
      postId: '',
      ...fields,
      tagChoices: tags.map((t) => ({ title: t, value: t })),
      ...limits,
      submitTitle: held.kind === 'share' ? 'Share' : 'Ask',
    }),
    privately: HELD_PRIVATELY,
  };
}
