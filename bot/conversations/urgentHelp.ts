// Urgent help first: the card every feature leads with when a message suggests immediate risk (contacts, unknown text, panel).
import { urgentHelpCard, urgentLineView } from '../cards/contacts';
import type { OutgoingMessage } from '../events';
import type { Services } from '../services';

/** The urgent-help card for a tenant's area (its own list, or the national lines when it has none or the area is unknown).
 * `note` replaces the closing line, e.g. the panel's reminder that it is not an emergency service. */
export async function urgentHelpMessage(tenantId: string, areaId: string | undefined, services: Services, note?: string): Promise<OutgoingMessage> {
  const { lines, local } = await services.urgentHelp.linesFor(tenantId, areaId);
  return {
    text: 'If a child or young person is in immediate danger, call 999 now.',
    card: services.cards.render(urgentHelpCard, {
      title: 'Urgent help comes first',
      intro: 'What you wrote suggests someone may be at risk right now. If so, use these before anything else:',
      lines: lines.map(urgentLineView),
      footer: note ?? (local ? 'These are your area\'s urgent-help lines.' : 'These are the national urgent-help lines.'),
    }),
  };
}

/** The urgent-help message to put first when `text` suggests immediate risk; an empty list when it does not. */
export async function urgentHelpFirst(text: string, tenantId: string, areaId: string | undefined, services: Services): Promise<OutgoingMessage[]> {
  if (!services.urgentHelp.suggestsRisk(text)) return [];
  services.logger.info({ event: 'urgent-help.shown', area: areaId ?? 'none' }, 'urgent help shown first');
  return [await urgentHelpMessage(tenantId, areaId, services)];
}
