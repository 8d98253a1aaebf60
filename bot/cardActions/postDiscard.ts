// `post.discard`: "Don't post" (or "Don't save") on a draft held for urgent help. Nothing is stored or posted; the
// author is told so and can open the form again with their text kept.
import { POST_VERBS } from '../cards/post';
import { notFound } from '../errors';
import type { CardActionInput, CardActionResult } from '../events';
import type { Services } from '../services';
import { discardedCard, readHeldDraft, typedFields } from '../services/posts/heldDrafts';

export const VERB = POST_VERBS.discard;

export async function handle(input: CardActionInput, services: Services): Promise<CardActionResult> {
  const held = readHeldDraft(input.data, 'Nothing was posted.');
  const network = await services.networks.get(input.caller.tenantId, held.networkId);
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  services.logger.info({ event: 'posts.held-discarded', networkId: network.networkId, mode: held.mode }, 'held post not posted');
  return { card: discardedCard(held, typedFields(input.data), network, services) };
}
