// Due-item source: each active network's digest at the end of each half-term, from its area's term calendar.
import bankHolidayFeed from '../../../data/bank-holidays.json';
import { bankHolidaysFrom } from '../../../domain/bankHolidays';
import { digestRunId, dueDigests } from '../../../domain/postDigest';
import type { TermCalendar } from '../../../domain/termCalendar';
import { NETWORK_DIGEST_JOB, type NetworkDigestPayload } from '../../../jobs/networkDigest';
import type { PlannedRun } from '../../messaging/fanout';
import type { DueSource } from '../scheduler';

const holidays = bankHolidaysFrom(bankHolidayFeed);

export const networkDigestSource: DueSource = {
  name: 'network-digests',
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
      for (const digest of dueDigests(areaCalendars, holidays, now, network.created)) {
        const payload: NetworkDigestPayload = {
          networkId: network.networkId,
          halfTerm: digest.halfTerm.label,
          from: digest.from.toISOString(),
          to: digest.at.toISOString(),
        };
        runs.push({
          tenantId: network.tenantId,
          runId: digestRunId(network.networkId, digest.halfTerm.id),
          kind: NETWORK_DIGEST_JOB,
          label: `${digest.halfTerm.label}: digest`,
          ownerId: network.networkId,
          dueAt: digest.at,
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
