// `share`, `ask` and `find`: network members post ideas, resources and questions between meetings, and find them later.
import { postResultsCard } from '../cards/post';
import { newPostForm } from '../postForms';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { MAX_QUERY_LENGTH, MAX_TITLE, PostIndex, UNANSWERED_AFTER_DAYS, unansweredQuestions, type Post, type PostKind } from '../domain/posts';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { mapConcurrently } from '../../../platform/concurrency';
import { networkHere, type Network } from '../../networks';
import { isNetworkMember, linkTo, tagsOf } from '../flows';

export const shareRoute = {
  name: 'share',
  usage: 'share [title]',
  description: 'Share an idea or resource with your network: opens a short form, then posts it here. If it suggests someone is at risk, you get urgent help first and choose whether to post.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const askRoute = {
  name: 'ask',
  usage: 'ask [title]',
  description: 'Ask your network a question: opens a short form, then posts it here for replies. If it suggests someone is at risk, you get urgent help first and choose whether to post.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const findRoute = {
  name: 'find',
  usage: 'find <words> | find unanswered',
  description: 'Find network posts by words or tags (here, or in every network you belong to from a 1:1 chat); "find unanswered" lists open questions.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

const MAX_RESULTS = 10;
const EXCERPT = 200;
/** Networks a 1:1 search checks and reads at once: overlaps the round trips without a burst of member lookups. */
const NETWORKS_AT_ONCE = 8;

async function openForm(kind: PostKind, input: CommandInput, services: Services): Promise<Reply> {
  const name = kind === 'share' ? 'share' : 'ask';
  if (input.place.scope === 'personal') {
    throw validationError(`Type "${name}" in your network's channel or group chat, so the post goes to the network.`);
  }
  const network = await networkHere(input.place, services);
  if (!network) throw notFound(`This conversation is not a network, so there is nowhere to post. A coordinator can make it one with "network create".`);
  await services.posts.rememberMember(network.tenantId, network.networkId, input.caller.aadObjectId, input.now);
  const tags = await tagsOf(network, services);
  return reply.card(newPostForm(kind, network, tags, services, input.args.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE)));
}

export const share = (input: CommandInput, services: Services): Promise<Reply> => openForm('share', input, services);
export const ask = (input: CommandInput, services: Services): Promise<Reply> => openForm('ask', input, services);

/** The networks a search covers: this one inside a network, every network the caller belongs to from a 1:1 chat. */
async function networksToSearch(input: CommandInput, services: Services): Promise<Network[]> {
  if (input.place.scope !== 'personal') {
    const network = await networkHere(input.place, services);
    if (!network) throw notFound('This conversation is not a network. Use "find" in a network\'s channel or chat, or in your 1:1 chat with me to search all your networks.');
    await services.posts.rememberMember(network.tenantId, network.networkId, input.caller.aadObjectId, input.now);
    return [network];
  }
  const all = await services.networks.list(input.place.tenantId);
  if (all.length === 0) throw notFound('There are no networks yet, so there is nothing to search.');
  const isMember = await mapConcurrently(all, NETWORKS_AT_ONCE, (network) => isNetworkMember(network, input.caller, input.place, services, input.now));
  return all.filter((_, index) => isMember[index]);
}

function listed(post: Post, network: Network, showNetwork: boolean) {
  const parts = [
    post.kind === 'ask' ? (post.answered ? 'Answered question' : 'Open question') : 'Shared',
    showNetwork ? network.name : undefined,
    describeLondonDateTime(post.created),
    post.helpfulCount > 0 ? `${post.helpfulCount} found it helpful` : undefined,
    post.tags.length > 0 ? post.tags.join(', ') : undefined,
  ].filter((p): p is string => p !== undefined);
  return {
    title: post.title,
    summary: parts.join(' · '),
    excerpt: post.text.length > EXCERPT ? `${post.text.slice(0, EXCERPT - 1)}…` : post.text,
    url: linkTo(post, network),
  };
}

export async function find(input: CommandInput, services: Services): Promise<Reply> {
  const words = input.args.replace(/\s+/g, ' ').trim();
  if (words.length === 0) throw validationError(`Say what to look for, e.g. "find attendance" or "find unanswered". Usage: ${findRoute.usage}`);
  if (words.length > MAX_QUERY_LENGTH) throw validationError(`That search is over ${MAX_QUERY_LENGTH} characters; use a few words.`);
  const networks = await networksToSearch(input, services);
  if (networks.length === 0) {
    return reply.card(
      services.cards.render(postResultsCard, {
        title: 'No networks to search',
        message: 'I could not find a network you belong to. Search from inside your network\'s channel or group chat instead.',
        results: [],
      }),
    );
  }
  const byId = new Map(networks.map((n) => [n.networkId, n]));
  const posts = (await mapConcurrently(networks, NETWORKS_AT_ONCE, (network) => services.posts.listPosted(network.tenantId, network.networkId))).flat();
  const showNetwork = networks.length > 1;
  const unanswered = words.toLowerCase() === 'unanswered';
  const found = unanswered ? unansweredQuestions(posts, input.now) : new PostIndex(posts).find(words, MAX_RESULTS).map((r) => r.post);
  services.logger.info({ event: unanswered ? 'posts.find-unanswered' : 'posts.find', networks: networks.length, posts: posts.length, results: found.length }, 'posts searched');
  const results = found.slice(0, MAX_RESULTS).map((post) => listed(post, byId.get(post.networkId) as Network, showNetwork));
  const where = networks.length === 1 ? (networks[0] as Network).name : `${networks.length} networks`;
  return reply.card(
    services.cards.render(postResultsCard, {
      title: unanswered ? 'Questions waiting for an answer' : 'Network posts',
      message: unanswered
        ? found.length === 0
          ? `No questions in ${where} have waited more than ${UNANSWERED_AFTER_DAYS} days for an answer.`
          : `${found.length} question${found.length === 1 ? '' : 's'} in ${where} asked over ${UNANSWERED_AFTER_DAYS} days ago and not yet marked answered, oldest first. Open one to reply in its thread.`
        : found.length === 0
          ? `Nothing in ${where} matches. Try other words or a tag, or ask the network with "ask".`
          : `Best matches in ${where}${found.length > MAX_RESULTS ? ` (first ${MAX_RESULTS})` : ''}. Open one to see the thread.`,
      results,
      hint: found.length > MAX_RESULTS ? `${found.length - MAX_RESULTS} more not shown.` : undefined,
    }),
  );
}

