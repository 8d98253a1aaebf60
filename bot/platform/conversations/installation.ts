// The bot was added to or removed from a conversation: keep the reference proactive sends need.
import type { InstallationEvent } from '../../events';
import type { PlatformServices } from '../services';

export async function handleInstallation(event: InstallationEvent, services: PlatformServices): Promise<void> {
  const { place } = event;
  if (event.action === 'removed') {
    await services.installations.markStale(place.tenantId, place.conversationId, 'removed', event.now);
    services.logger.info({ event: 'installation.removed', scope: place.scope, activityId: event.activityId }, 'bot removed');
    return;
  }
  await services.installations.saveActive({
    tenantId: place.tenantId,
    conversationId: place.conversationId,
    scope: place.scope,
    reference: event.reference,
    teamId: place.teamId,
    teamAadGroupId: place.teamAadGroupId,
    channelId: place.channelId,
    name: event.name,
    updated: event.now,
  });
  services.logger.info({ event: 'installation.added', scope: place.scope, activityId: event.activityId }, 'bot installed');
}
