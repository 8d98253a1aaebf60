// What a network's scheduled sources share: every active network with its area's term calendars (read once per area,
// once per scheduler tick) and the fan-out target that is the network's conversation.
import type { BankHolidays } from '../../domain/bankHolidays';
import type { Services } from '../../platform/services';
import type { SchedulerTick } from '../../platform/scheduler/scheduler';
import type { TermCalendar } from '../../domain/termCalendar';
import type { FanoutTarget } from '../../platform/messaging/fanout';
import type { Network } from './domain/networks';

export interface NetworkWithCalendars {
  readonly network: Network;
  readonly calendars: readonly TermCalendar[];
}

/** Every active network with its area's term calendars, read once per scheduler tick however many sources ask. */
export function activeNetworksOf(tick: SchedulerTick): Promise<readonly NetworkWithCalendars[]> {
  return tick.shared(activeNetworksWithCalendars);
}

/** The bank holidays in use, read once per tick: the list saved by `bankholidays refresh`, else the shipped snapshot. */
export function bankHolidaysOf(tick: SchedulerTick): Promise<BankHolidays> {
  return tick.shared(bankHolidaysInUse);
}

async function bankHolidaysInUse(services: Services): Promise<BankHolidays> {
  return (await services.bankHolidays.current()).holidays;
}

export async function activeNetworksWithCalendars(services: Services): Promise<NetworkWithCalendars[]> {
  const byArea = new Map<string, TermCalendar[]>();
  const found: NetworkWithCalendars[] = [];
  for (const network of await services.networks.listActiveEverywhere()) {
    const areaKey = `${network.tenantId}|${network.area}`;
    let calendars = byArea.get(areaKey);
    if (!calendars) {
      calendars = await services.termCalendars.list(network.tenantId, network.area);
      byArea.set(areaKey, calendars);
    }
    found.push({ network, calendars });
  }
  return found;
}

/** The network's conversation as a fan-out target: a new thread in its channel, or a message in its chat. */
export function networkTarget(network: Network): FanoutTarget {
  return {
    targetId: network.conversationId,
    tenantId: network.tenantId,
    conversationId: network.installationId,
    reference: network.reference,
    channelId: network.channelId,
  };
}
