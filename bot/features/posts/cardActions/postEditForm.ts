// `post.editForm`: the author gets the post's form, filled in, in place of the card (only for them to submit).
import { POST_VERBS, postFormCard } from '../cards/post';
import { MAX_LINK, MAX_TEXT, MAX_TITLE } from '../domain/posts';
import type { CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { postForAction, postRefSchema, requireAuthor, tagsOf } from '../flows';

export const VERB = POST_VERBS.editForm;

export const action = defineCardAction({ verb: VERB, data: postRefSchema, outOfDate: 'This card is out of date. Nothing was changed.', handle });

export async function handle(input: CardActionInputOf<typeof postRefSchema>, services: Services): Promise<CardActionResult> {
  const { network, stored, rememberMembership } = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(stored, input.caller, 'edit it');
  await rememberMembership();
  const { post } = stored;
  const tags = await tagsOf(network, services);
  return {
    card: services.cards.render(postFormCard, {
      heading: 'Edit your post',
      hint: 'Save to update the post in the network. Never include anything that could identify a child.',
      network: network.name,
      verb: POST_VERBS.edit,
      kind: post.kind,
      networkId: network.networkId,
      postId: post.postId,
      title: post.title,
      text: post.text,
      link: post.link ?? '',
      tags: post.tags.join(','),
      tagChoices: [...new Set([...tags, ...post.tags])].map((t) => ({ title: t, value: t })),
      maxTitle: MAX_TITLE,
      maxText: MAX_TEXT,
      maxLink: MAX_LINK,
      submitTitle: 'Save',
    }),
  };
}
