// `contacts area [name]`: show or change the area whose referral directory the caller searches.
import { noticeCard } from '../../../platform/cards/notice';
import { areaListText, areaNamed, areasFor } from '../flows';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'contacts area',
  usage: 'contacts area [name]',
  description: 'Show or change the area your contacts questions search.',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const { areas, remembered: current } = await areasFor(input.caller, services);
  const wanted = input.args.trim();
  if (wanted.length === 0) {
    return reply.card(
      services.cards.render(noticeCard, {
        title: 'Your area',
        message: current ? `Your contacts questions search the ${current.name} directory.` : 'You have not chosen an area yet.',
        details: [areaListText(areas), 'To change it: contacts area <name>'],
      }),
    );
  }
  const area = areaNamed(wanted, areas);
  await services.preferences.setContactsArea(input.caller.tenantId, input.caller.aadObjectId, area.id, input.now);
  return reply.card(services.cards.render(noticeCard, { title: 'Area changed', message: `Your contacts questions now search the ${area.name} directory.`, style: 'good' }));
}
