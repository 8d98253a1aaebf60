// `post.submit`: the share/ask form. The post is stored as pending, its card posted to the network, then it is marked
// posted; if the card cannot be posted the stored row is removed, so nothing is half-written.
import { z } from 'zod';
import { noticeCard } from '../cards/message';
import { POST_VERBS } from '../cards/post';
import { readPostForm, type Post } from '../domain/posts';
import { AppError, forbidden, notFound, validationError } from '../errors';
import type { CardActionInput, CardActionResult, ConversationReference } from '../events';
import type { Services } from '../services';
import { urgentHelpFirst } from '../conversations/urgentHelp';
import { networkMembership, renderPostCard, tagsOf } from '../services/posts/networkPosts';

export const VERB = POST_VERBS.submit;

const dataSchema = z.object({ kind: z.enum(['share', 'ask']), networkId: z.string().min(1).max(100) });

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  const parsed = dataSchema.safeParse(input.data);
  if (!parsed.success) throw validationError('This form is out of date: type "share" or "ask" again. Nothing was posted.');
  const network = await services.networks.get(input.caller.tenantId, parsed.data.networkId);
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  // The whole form is checked before anything is written (the membership is remembered only once posted).
  const { draft, problems } = readPostForm(input.data, await tagsOf(network, services));
  if (!draft) throw validationError('Nothing was posted yet: fix this and press the button again.', problems);
  const membership = await networkMembership(network, input.caller, input.place, services, input.now);
  if (!membership.member) throw forbidden(`Only members of ${network.name} can post there. Nothing was posted.`);
  // A post that suggests someone is at risk still goes to the network, but the urgent-help lines come first.
  const urgent = await urgentHelpFirst(`${draft.title}\n${draft.text}`, network.tenantId, network.area, services);
  const post: Post = {
    tenantId: network.tenantId,
    networkId: network.networkId,
    postId: services.ids.newId(),
    kind: parsed.data.kind,
    authorId: input.caller.aadObjectId,
    authorName: input.caller.name,
    ...draft,
    helpfulCount: 0,
    answered: false,
    created: input.now,
    updated: input.now,
  };
  await services.posts.createPending(post);
  const card = renderPostCard(post, network, services);
  let activityId: string | undefined;
  let reference: ConversationReference;
  try {
    if (network.channelId) {
      const posted = await services.sender.postToChannel(network.reference, network.channelId, { card });
      activityId = posted.activityId;
      reference = posted.thread;
    } else {
      activityId = (await services.sender.send(network.reference, { card })).activityId;
      reference = network.reference;
    }
  } catch (error) {
    await services.posts.remove(post.tenantId, post.networkId, post.postId);
    throw new AppError('internal', `I could not post to ${network.name} just now, so nothing was saved. Press the button again in a minute.`, { cause: error });
  }
  await services.posts.markPosted(post.tenantId, post.networkId, post.postId, activityId, reference);
  await membership.remember();
  services.logger.info({ event: 'posts.posted', networkId: network.networkId, postId: post.postId, kind: post.kind, tags: post.tags.length, link: post.link !== undefined }, 'post posted');
  return {
    messages: urgent,
    card: services.cards.render(noticeCard, {
      title: post.kind === 'ask' ? 'Your question is posted' : 'Posted to the network',
      message: `It is in ${network.name} for everyone to see; replies go in its thread. You can edit or remove it from the post.`,
      style: 'good',
    }),
  };
}
