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
  // Teams (and the Playground, on every page load) repeat the add for a conversation the bot is already in: the
  // reference is refreshed each time, but only a new or returning installation is worth a line at info level.
  const before = await services.installations.get(place.tenantId, place.conversationId);
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
  if (before?.status === 'active') {
    services.logger.debug({ event: 'installation.refreshed', scope: place.scope, activityId: event.activityId }, 'installation refreshed');
    return;
  }
  services.logger.info({ event: 'installation.added', scope: place.scope, activityId: event.activityId }, 'bot installed');
}
