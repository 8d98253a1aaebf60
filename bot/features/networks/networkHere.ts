// Which network a conversation is: posts, prompts and the network commands all start from the place a message came from.
import type { Place } from '../../events';
import type { Services } from '../../platform/services';
import { networkIdOf, type Network } from './domain/networks';

/** The conversation a place belongs to as a network: the channel (not the thread) or the chat. */
export function networkHomeOf(place: Place): string {
  return place.scope === 'channel' ? (place.channelId ?? place.conversationId.split(';')[0] ?? '') : place.conversationId;
}

/** The network this conversation is, if it is one. */
export async function networkHere(place: Place, services: Services): Promise<Network | undefined> {
  if (place.scope === 'personal') return undefined;
  return services.networks.get(place.tenantId, networkIdOf(place.tenantId, networkHomeOf(place)));
}
