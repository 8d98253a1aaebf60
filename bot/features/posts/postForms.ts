// The share/ask form and the edit form, as first sent, and shown again with their problems when a submit needs fixing.
import { POST_VERBS, postFormCard } from './cards/post';
import { MAX_LINK, MAX_TEXT, MAX_TITLE, type PostFormProblem, type PostKind } from './domain/posts';
import type { AdaptiveCard, CardActionResult } from '../../events';
import { formWithProblems } from '../../platform/cards/formProblems';
import type { Services } from '../../platform/services';
import type { StoredPost } from './domain/posts';
import type { Network } from '../networks';

const LIMITS = { maxTitle: MAX_TITLE, maxText: MAX_TEXT, maxLink: MAX_LINK } as const;

/** The form `share` or `ask` opens in a network, its title filled in when one was typed after the command. */
export function newPostForm(kind: PostKind, network: Network, tags: readonly string[], services: Services, title = ''): AdaptiveCard {
  return services.cards.render(postFormCard, {
    heading: kind === 'share' ? 'Share an idea or resource' : 'Ask the network',
    hint:
      kind === 'share'
        ? 'Everyone in this network will see it here and can reply in the thread. Never include anything that could identify a child.'
        : 'Your question is posted here for the network to answer in the thread. Never include anything that could identify a child.',
    network: network.name,
    verb: POST_VERBS.submit,
    kind,
    networkId: network.networkId,
    postId: '',
    title,
    tagChoices: tags.map((t) => ({ title: t, value: t })),
    ...LIMITS,
    submitTitle: kind === 'share' ? 'Share' : 'Ask',
  });
}

/** The author's form for a posted post, filled in with it; `tags` are the ones it may have (see readEdit). */
export function editPostForm(network: Network, stored: StoredPost, tags: readonly string[], services: Services): AdaptiveCard {
  const { post } = stored;
  return services.cards.render(postFormCard, {
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
    tagChoices: tags.map((t) => ({ title: t, value: t })),
    ...LIMITS,
    submitTitle: 'Save',
  });
}

/**
 * The form again with what they typed and each problem by its field. It carries their unposted draft, so the
 * Action.Submit fallback, which would post it where everyone sees it (and could press its button), says what to fix.
 */
export function postFormAgain(form: AdaptiveCard, submitted: unknown, summary: string, fields: readonly PostFormProblem[]): CardActionResult {
  return {
    card: formWithProblems(form, submitted, { summary, fields }),
    privately: { sharedText: `${summary} ${fields.map((f) => f.message).join(' ')} Change the form above and press its button again.` },
  };
}
