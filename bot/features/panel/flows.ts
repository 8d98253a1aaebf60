// Urgent help for a panel submission: the risk check over what was typed (and the "may be at immediate risk" choice),
// and the reply card that leads with the area's urgent-help lines, then the case reference or the refusal.
import { assessTexts, leadWithUrgentHelp, recordUrgentHelpShown, urgentHelpMessage, type RiskAssessment } from '../safeguarding';
import { isAreaId } from '../../domain/areas';
import type { AdaptiveCard, Caller } from '../../events';
import type { Services } from '../../platform/services';

const PANEL_NOTE = 'The wellbeing panel is not an emergency service: it meets on set dates and cannot respond to an emergency.';

/** The audit's name for "the submitter chose 'The child may be at immediate risk'", beside the detector's concepts. */
export const CHOSEN_IMMEDIATE_RISK = 'chosen:immediate-risk';

/** Risk in the free-text answers, or the submitter saying so with the urgency choice. */
export function panelRisk(texts: readonly string[], choseImmediateRisk: boolean, services: Services): RiskAssessment {
  const found = assessTexts(texts, services);
  if (!choseImmediateRisk) return found;
  return { risk: true, concepts: [...new Set([...found.concepts, CHOSEN_IMMEDIATE_RISK])].sort(), kinds: found.kinds };
}

/**
 * The reply card with the urgent-help lines first (and the record that they were shown), then `card`. `area` is what
 * the form sent: used for the area's lines only when it is a well-formed area id.
 */
export async function urgentHelpThen(card: AdaptiveCard, risk: RiskAssessment, caller: Caller, area: string | undefined, now: Date, services: Services): Promise<AdaptiveCard> {
  const areaId = area !== undefined && isAreaId(area) ? area : undefined;
  const [urgent] = await Promise.all([
    urgentHelpMessage(caller.tenantId, areaId, services, PANEL_NOTE),
    recordUrgentHelpShown(risk, { route: 'panel', caller, areaId, now }, services),
  ]);
  return leadWithUrgentHelp(urgent, card);
}
