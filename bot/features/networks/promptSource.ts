// Due-item source: each active network's prompts for the current half-term, from its area's term calendar.
import { describeLondonDateTime } from '../../domain/londonTime';
import { duePrompts, promptRunId } from './domain/promptPlan';
import { NETWORK_PROMPT_JOB, type NetworkPromptPayload } from './jobs/networkPrompt';
import type { PlannedRun } from '../../platform/messaging/fanout';
import type { DueSource } from '../../platform/scheduler/scheduler';
import { activeNetworksOf, bankHolidaysOf, networkTarget } from './activeNetworks';

export const networkPromptSource: DueSource = {
  name: 'network-prompts',
  async due(tick) {
    const { now } = tick;
    const runs: PlannedRun[] = [];
    const holidays = await bankHolidaysOf(tick);
    for (const { network, calendars } of await activeNetworksOf(tick)) {
      for (const occurrence of duePrompts(network.plan, calendars, holidays, now, network.created)) {
        const meeting = describeLondonDateTime(occurrence.meetingAt);
        const payload: NetworkPromptPayload = {
          networkId: network.networkId,
          network: network.name,
          promptId: occurrence.prompt.id,
          style: occurrence.prompt.style,
          halfTerm: occurrence.halfTerm.label,
          title: occurrence.prompt.title,
          text: occurrence.prompt.text.replaceAll('{meeting}', meeting),
          meeting: occurrence.prompt.anchor === 'meeting' ? meeting : undefined,
          openDays: occurrence.prompt.style === 'pulse' ? occurrence.prompt.openDays : undefined,
        };
        runs.push({
          tenantId: network.tenantId,
          runId: promptRunId(network.networkId, occurrence.halfTerm.id, occurrence.prompt.id),
          kind: NETWORK_PROMPT_JOB,
          label: `${occurrence.halfTerm.label}: ${occurrence.prompt.id} prompt`,
          ownerId: network.networkId,
          dueAt: occurrence.at,
          payload,
          targets: [networkTarget(network)],
        });
      }
    }
    return runs;
  },
};
