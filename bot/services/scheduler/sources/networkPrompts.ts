// Due-item source: each active network's prompts for the current half-term, from its area's term calendar.
import bankHolidayFeed from '../../../data/bank-holidays.json';
import { bankHolidaysFrom } from '../../../domain/bankHolidays';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { duePrompts, promptRunId } from '../../../domain/promptPlan';
import { NETWORK_PROMPT_JOB, type NetworkPromptPayload } from '../../../jobs/networkPrompt';
import type { PlannedRun } from '../../messaging/fanout';
import type { TermCalendar } from '../../../domain/termCalendar';
import type { DueSource } from '../scheduler';

const holidays = bankHolidaysFrom(bankHolidayFeed);

export const networkPromptSource: DueSource = {
  name: 'network-prompts',
  async due(now, services) {
    const networks = await services.networks.listActiveEverywhere();
    const calendars = new Map<string, TermCalendar[]>();
    const runs: PlannedRun[] = [];
    for (const network of networks) {
      const areaKey = `${network.tenantId}|${network.area}`;
      let areaCalendars = calendars.get(areaKey);
      if (!areaCalendars) {
        areaCalendars = await services.termCalendars.list(network.tenantId, network.area);
        calendars.set(areaKey, areaCalendars);
      }
      for (const occurrence of duePrompts(network.plan, areaCalendars, holidays, now, network.created)) {
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
          targets: [
            {
              targetId: network.conversationId,
              tenantId: network.tenantId,
              conversationId: network.installationId,
              reference: network.reference,
              channelId: network.channelId,
            },
          ],
        });
      }
    }
    return runs;
  },
};
