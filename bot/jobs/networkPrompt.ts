// Job kind `networkPrompt`: posts one network's prompt for a half-term (a new channel thread, or a chat message).
import { z } from 'zod';
import { networkPromptCard } from '../cards/networkPrompt';
import { fanoutTargetSchema } from '../services/messaging/fanout';
import type { Services } from '../services';

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
});
export type NetworkPromptPayload = z.infer<typeof networkPromptPayloadSchema>;

const jobSchema = z.object({ runId: z.string(), target: fanoutTargetSchema, payload: networkPromptPayloadSchema });

export async function handle(job: unknown, services: Services): Promise<void> {
  const { target, payload } = jobSchema.parse(job);
  const card = services.cards.render(networkPromptCard, {
    network: payload.network,
    halfTerm: payload.halfTerm,
    title: payload.title,
    text: payload.text,
    meeting: payload.meeting,
  });
  const message = { card, text: payload.title };
  if (target.channelId) await services.sender.postToChannel(target.reference, target.channelId, message);
  else await services.sender.send(target.reference, message);
}
