// `help`: the commands this caller may use. Coordinators see coordinator commands; others do not.
import { helpCard } from '../cards/help';
import { helpSections } from '../domain/helpTopics';
import { urgentLineView } from '../domain/welcome';
import { canSee } from '../../roles';
import { reply, type Caller, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const COMMAND = 'help';

export const route = {
  name: COMMAND,
  usage: 'help',
  description: 'Show what I can do for you.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: { caller: Caller }, services: Services): Promise<Reply> {
  return reply.card(await helpCardFor(input.caller, services, 'Type a command, or @mention me with one in a channel.'));
}

export async function helpCardFor(caller: Caller, services: Services, intro: string) {
  const held = await services.access.rolesOf(caller);
  const visible = services.commands().filter((command) => canSee(held, command.audience));
  const hidden = services.commands().length - visible.length;
  return services.cards.render(helpCard, {
    intro,
    sections: helpSections(visible).map((section) => ({ title: section.title, commands: [...section.commands] })),
    roleNote:
      held.length > 0
        ? `You are a ${held.join(' and ')}.`
        : hidden > 0
          ? 'Coordinators have more commands for running cohorts.'
          : '',
    urgent: urgentLineView(),
  });
}
