// Due-item source: each active network's digest at the end of each half-term, from its area's term calendar.
import { digestRunId, dueDigests } from './domain/postDigest';
import { NETWORK_DIGEST_JOB, type NetworkDigestPayload } from './jobs/networkDigest';
import type { PlannedRun } from '../../platform/messaging/fanout';
import type { DueSource } from '../../platform/scheduler/scheduler';
import { activeNetworksOf, bankHolidaysOf, networkTarget } from '../networks';

export const networkDigestSource: DueSource = {
  name: 'network-digests',
  async due(tick) {
    const { now } = tick;
    const runs: PlannedRun[] = [];
    const holidays = await bankHolidaysOf(tick);
    for (const { network, calendars } of await activeNetworksOf(tick)) {
      for (const digest of dueDigests(calendars, holidays, now, network.created)) {
        const payload: NetworkDigestPayload = { networkId: network.networkId, halfTerm: digest.halfTerm.label, from: digest.from.toISOString(), to: digest.at.toISOString() };
        runs.push({
          tenantId: network.tenantId,
          runId: digestRunId(network.networkId, digest.halfTerm.id),
          kind: NETWORK_DIGEST_JOB,
          label: `${digest.halfTerm.label}: digest`,
          ownerId: network.networkId,
          dueAt: digest.at,
          payload,
          targets: [networkTarget(network)],
        });
      }
    }
    return runs;
  },
};
