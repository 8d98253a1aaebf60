// Job kind `networkPrompt`: posts one network's prompt for a half-term (a new channel thread, or a chat message); the
// after-meeting pulse is the pulse survey itself.
import { z } from 'zod';
import { networkPromptCard } from '../cards/networkPrompt';
import type { AdaptiveCard } from '../../../events';
import type { FanoutJob } from '../../../platform/messaging/fanout';
import type { Services } from '../../../platform/services';
import { postNetworkPulse } from '../networkPulse';
import { postToTarget } from '../../../platform/messaging/sender';
import { RecentMap } from '../../../platform/recentMap';

export const NETWORK_PROMPT_JOB = 'networkPrompt';

export const networkPromptPayloadSchema = z.object({
  networkId: z.string().min(1),
  network: z.string().min(1),
  promptId: z.string().min(1),
  style: z.enum(['question', 'agenda', 'pulse']),
  halfTerm: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
  meeting: z.string().optional(),
  /** For a pulse: how many days its survey run stays open. */
  openDays: z.number().int().min(1).max(60).optional(),
});
export type NetworkPromptPayload = z.infer<typeof networkPromptPayloadSchema>;

/**
 * Every target of a run gets the same card, so it is rendered once per run in this process, not once per send
 * (at Teams' rate limit a large run sends hundreds a second). The last few runs are kept.
 */
const KEPT_RUNS = 20;
const renderedCards = new RecentMap<string, AdaptiveCard>(KEPT_RUNS);

function cardFor(runId: string, payload: NetworkPromptPayload, services: Services): AdaptiveCard {
  let card = renderedCards.get(runId);
  if (!card) {
    card = services.cards.render(networkPromptCard, {
      network: payload.network,
      halfTerm: payload.halfTerm,
      title: payload.title,
      text: payload.text,
      meeting: payload.meeting,
    });
    renderedCards.set(runId, card);
  }
  return card;
}

export async function handle(job: FanoutJob, services: Services): Promise<void> {
  const { runId, target } = job;
  const payload = networkPromptPayloadSchema.parse(job.payload);
  if (payload.style === 'pulse') {
    const request = { sendRunId: runId, target, network: payload.network, text: payload.text, openDays: payload.openDays ?? 14, now: services.clock.now() };
    return postNetworkPulse(request, services);
  }
  const card = cardFor(runId, payload, services);
  const message = { card, text: payload.title };
  await postToTarget(services.sender, target, message);
}
