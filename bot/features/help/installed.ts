// The welcome on install: the first time the app is added to a conversation (personal chat, team or group chat), one
// short card saying what the bot does and what to type there first. Claimed in storage first, so it is sent once.
import type { InstallationEvent, Reply } from '../../events';
import type { Services } from '../../platform/services';
import { welcomeCard } from './cards/welcome';
import { urgentLineView, welcomeText } from './domain/welcome';

/** The name people @mention when the activity does not say it. */
const DEFAULT_BOT_NAME = 'Link Programme';

export async function handle(event: InstallationEvent, services: Services): Promise<Reply> {
  const { place } = event;
  const first = await services.welcomes.claim(place.tenantId, place.conversationId, place.scope, event.now);
  if (!first) return { messages: [] };
  services.logger.info({ event: 'welcome.sent', scope: place.scope, activityId: event.activityId }, 'welcome card sent');
  return { messages: [{ card: welcomeCardFor(event, services) }] };
}

function welcomeCardFor(event: InstallationEvent, services: Services) {
  const text = welcomeText(event.place.scope, event.reference.bot.name ?? DEFAULT_BOT_NAME);
  return services.cards.render(welcomeCard, {
    intro: text.intro,
    firstSteps: [...text.firstSteps],
    closing: text.closing,
    urgent: urgentLineView(),
  });
}
