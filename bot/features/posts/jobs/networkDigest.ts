// Job kind `networkDigest`: one network's half-term digest, built from the stored posts when it is sent (so a post
// removed before then is not in it): the most helpful posts, the questions still open, and counts.
import { z } from 'zod';
import { postDigestCard } from '../cards/post';
import { describeLondonDate } from '../../../domain/londonTime';
import { digestOf, type Post } from '../domain/posts';
import type { FanoutJob } from '../../../platform/messaging/fanout';
import type { Services } from '../../../platform/services';
import { linkTo } from '../flows';
import type { Network } from '../../networks';
import { postToTarget } from '../../../platform/messaging/sender';

export const NETWORK_DIGEST_JOB = 'networkDigest';

export const networkDigestPayloadSchema = z.object({
  networkId: z.string().min(1),
  halfTerm: z.string().min(1),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
});
export type NetworkDigestPayload = z.infer<typeof networkDigestPayloadSchema>;

function listed(post: Post, network: Network, summary: string) {
  return { title: post.title, summary, url: linkTo(post, network) };
}

export async function handle(job: FanoutJob, services: Services): Promise<void> {
  const { runId, target } = job;
  const payload = networkDigestPayloadSchema.parse(job.payload);
  const network = await services.networks.get(target.tenantId, payload.networkId);
  if (!network) {
    services.logger.warn({ event: 'posts.digest-network-gone', runId, networkId: payload.networkId }, 'digest skipped: the network no longer exists');
    return;
  }
  const posts = await services.posts.listPosted(network.tenantId, network.networkId);
  const digest = digestOf(posts, new Date(payload.from), new Date(payload.to));
  const { counts } = digest;
  const card = services.cards.render(postDigestCard, {
    network: network.name,
    halfTerm: payload.halfTerm,
    counts: [
      { title: 'Ideas and resources shared', value: String(counts.shared) },
      { title: 'Questions asked', value: String(counts.asked) },
      { title: 'Questions answered', value: String(counts.answered) },
      { title: 'Helpful marks', value: String(counts.helpful) },
    ],
    mostHelpful: digest.mostHelpful.map((p) => listed(p, network, `${p.helpfulCount} found it helpful · ${p.authorName || 'a member'}`)),
    unanswered: digest.unanswered.map((p) => listed(p, network, `Asked ${describeLondonDate(p.created)} · can you help?`)),
    footer: counts.shared + counts.asked === 0 ? 'Nothing was posted this half-term. Type "share" or "ask" here to start.' : 'Type "find <words>" to search every post, or "find unanswered" for open questions.',
  });
  const message = { card, text: `${network.name}: ${payload.halfTerm} digest` };
  await postToTarget(services.sender, target, message);
  services.logger.info({ event: 'posts.digest-sent', runId, networkId: network.networkId, posts: posts.length, helpful: digest.mostHelpful.length, unanswered: digest.unanswered.length }, 'digest sent');
}
