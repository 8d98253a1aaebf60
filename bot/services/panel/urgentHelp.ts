// Urgent help for a panel submission: the area's urgent-help card first, with the reminder that the panel is not an emergency service.
import { urgentHelpMessage } from '../../conversations/urgentHelp';
import type { Reply } from '../../events';
import type { Services } from '..';

const PANEL_NOTE =
  'The wellbeing panel is not an emergency service: it meets on set dates and cannot respond to an emergency. Follow your school\'s safeguarding procedure and tell your Designated Safeguarding Lead today.';

export async function urgentHelpReply(tenantId: string, areaId: string | undefined, services: Services): Promise<Reply> {
  return { messages: [await urgentHelpMessage(tenantId, areaId, services, PANEL_NOTE)] };
}

export function textSuggestsRisk(texts: readonly string[], services: Services): boolean {
  return texts.some((text) => services.urgentHelp.suggestsRisk(text));
}
