// `audit recent [n]` (coordinators): the latest audited actions in this tenant: who, what, when, target id (and, when
// urgent help was shown, the route and the risk concepts that matched: never the text).
import { noticeCard } from '../../../platform/cards/notice';
import { describeLondonDateTime } from '../../../domain/londonTime';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'audit recent',
  usage: 'audit recent [how many, up to 50]',
  description: 'Show the latest audited actions: who, what, when and the id acted on, and where urgent help was shown (route and risk concepts, never the text).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'read the audit log');
  const asked = Number.parseInt(input.args.trim(), 10);
  const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 50) : 20;
  const entries = await services.audit.recent(input.caller.tenantId, limit);
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Audit log',
      message: entries.length > 0 ? `The latest ${entries.length} audited ${entries.length === 1 ? 'action' : 'actions'}, newest first.` : 'Nothing has been audited yet.',
      details: entries.map((e) => `${describeLondonDateTime(e.at)}: ${e.actor} ${e.action} ${e.target}${e.concepts ? ` (${e.concepts.join(', ')})` : ''}`),
    }),
  );
}
