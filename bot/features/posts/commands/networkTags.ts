// `network tags [tag, tag, ...]`: shows the tags posts in this network can carry; a coordinator sets the list.
import { noticeCard } from '../../../platform/cards/notice';
import { parseTagList } from '../domain/posts';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { networkHere } from '../../networks';
import { tagsOf } from '../flows';

export const route = {
  name: 'network tags',
  usage: 'network tags [tag, tag, ...]',
  description: 'Show the tags posts in this network can carry; coordinators set the list (comma-separated).',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const network = await networkHere(input.place, services);
  if (!network) throw notFound('Run "network tags" in the network\'s channel or group chat.');
  if (input.args.trim().length === 0) {
    const tags = await tagsOf(network, services);
    return reply.card(services.cards.render(noticeCard, { title: `Tags in ${network.name}`, message: tags.join(', '), details: ['Coordinators can change them: network tags anxiety, attendance, staff wellbeing'] }));
  }
  await services.access.require(input.caller, 'coordinator', 'set network tags');
  const { tags, problems } = parseTagList(input.args);
  if (problems.length > 0) throw validationError('The tags were not changed.', problems);
  await services.posts.setTags(network.tenantId, network.networkId, tags, input.caller.aadObjectId, input.now);
  services.logger.info({ event: 'posts.tags-set', networkId: network.networkId, tags: tags.length, by: input.caller.aadObjectId }, 'network tags set');
  return reply.card(services.cards.render(noticeCard, { title: 'Tags updated', message: `${network.name} posts can now be tagged: ${tags.join(', ')}.`, style: 'good' }));
}
