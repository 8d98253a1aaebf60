// Networks: half-termly network groups, each living in the channel or group chat it was created in, with its prompt plan.
import { createHash } from 'node:crypto';
import type { ConversationReference, ConversationScope } from '../../../events';
import type { PromptPlan } from './promptPlan';

/** The network id of a conversation: the same every time, so creating twice in one place is caught. */
export function networkIdOf(tenantId: string, conversationId: string): string {
  return createHash('sha256').update(`${tenantId}|${conversationId}`).digest('hex').slice(0, 16);
}

export type NetworkStatus = 'active' | 'paused';

export interface Network {
  readonly tenantId: string;
  readonly networkId: string;
  readonly name: string;
  readonly area: string;
  readonly scope: ConversationScope;
  /** The conversation the network lives in: the channel id for a channel network, the chat id otherwise. */
  readonly conversationId: string;
  /** Where prompts go: the team's reference plus `channelId` for a channel, the chat's reference otherwise. */
  readonly reference: ConversationReference;
  /** The installation a 403/404 marks stale: the team's id for a channel, the chat's id otherwise. */
  readonly installationId: string;
  readonly channelId?: string;
  readonly plan: PromptPlan;
  readonly status: NetworkStatus;
  readonly createdBy: string;
  readonly created: Date;
  readonly updated: Date;
}
