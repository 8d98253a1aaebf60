// Urgent help first: the risk check every route runs on what a person typed before doing anything else with it, the
// urgent-help card it leads with (SAFEGUARDING.md's order), and the record that it was shown (route and concept names,
// never the text) in the log and the audit table.
import { frontDoorView, urgentHelpCard, urgentLineView } from './cards/urgentHelp';
import type { RiskAssessment } from './domain/risk';
import { EMERGENCY_LINE, splitEmergencyLines } from './domain/urgentHelp';
import type { AdaptiveCard, Caller, OutgoingMessage } from '../../events';
import type { Services } from '../../platform/services';
import { MAX_CARD_BYTES } from '../../platform/cards/render';

/** Where urgent help was shown: the audit entry's target and the log line's `route`. */
export const URGENT_HELP_ROUTES = ['contacts', 'unknown', 'message-extension', 'post-submit', 'post-edit', 'panel', 'survey-answer', 'plan-note', 'too-long'] as const;
export type UrgentHelpRoute = (typeof URGENT_HELP_ROUTES)[number];

/** Who was shown urgent help, where, and which area's lines (undefined: the national lines). */
export interface UrgentHelpContext {
  readonly route: UrgentHelpRoute;
  readonly caller: Caller;
  readonly areaId: string | undefined;
  readonly now: Date;
}

const NOT_RISK: RiskAssessment = { risk: false, concepts: [], kinds: [] };

/** One risk check over every text a person sent at once: risk if any of them suggests it, with all the concepts found. */
export function assessTexts(texts: readonly string[], services: Services): RiskAssessment {
  let found: RiskAssessment = NOT_RISK;
  for (const text of texts) {
    if (text.trim().length === 0) continue;
    const assessment = services.urgentHelp.assessRisk(text);
    if (!assessment.risk) continue;
    found = found.risk
      ? { risk: true, concepts: [...new Set([...found.concepts, ...assessment.concepts])].sort(), kinds: [...new Set([...found.kinds, ...assessment.kinds])].sort() }
      : assessment;
  }
  return found;
}

const SAFEGUARDING_STEP = {
  title: "Follow your setting's safeguarding procedure and tell your Designated Safeguarding Lead (DSL) now",
  text: 'Do it straight away, even if you have called 999. Your DSL (or their deputy) decides the next step with you.',
};

/** The urgent-help card for a tenant's area (its own list, or the national lines when it has none or the area is unknown).
 * `note` replaces the closing line, e.g. the panel's reminder that it is not an emergency service. */
export async function urgentHelpMessage(tenantId: string, areaId: string | undefined, services: Services, note?: string): Promise<OutgoingMessage> {
  const { lines, local, frontDoor } = await linesOrNational(tenantId, areaId, services);
  const { emergency, others } = splitEmergencyLines(lines);
  return {
    text: 'If a child or young person is in immediate danger, call 999 now.',
    card: services.cards.render(urgentHelpCard, {
      title: 'Urgent help comes first',
      intro: 'What you wrote suggests someone may be at risk right now. If so, use these before anything else:',
      emergency: (emergency.length > 0 ? emergency : [EMERGENCY_LINE]).map(urgentLineView),
      safeguarding: SAFEGUARDING_STEP,
      frontDoors: frontDoor ? [frontDoorView(frontDoor)] : [],
      lines: others.map(urgentLineView),
      footer: note ?? (local ? 'These are your area\'s urgent-help lines.' : 'These are the national urgent-help lines.'),
    }),
  };
}

/** The area whose contacts the caller last searched, for their urgent-help lines; none if it cannot be read just now. */
export async function rememberedArea(caller: Caller, services: Services): Promise<string | undefined> {
  try {
    return (await services.preferences.get(caller.tenantId, caller.aadObjectId)).contactsArea;
  } catch (error) {
    services.logger.warn({ event: 'urgent-help.area-unavailable', name: (error as Error).name }, "could not read the caller's area; showing the national lines");
    return undefined;
  }
}

/** The area's lines, or the national ones if its row cannot be read just now: urgent help never waits on storage. */
async function linesOrNational(tenantId: string, areaId: string | undefined, services: Services) {
  try {
    return await services.urgentHelp.linesFor(tenantId, areaId);
  } catch (error) {
    services.logger.warn({ event: 'urgent-help.lines-unavailable', area: areaId ?? 'none', name: (error as Error).name }, "could not read the area's urgent-help lines; showing the national lines");
    return services.urgentHelp.linesFor(tenantId, undefined);
  }
}

/**
 * Records that urgent help was shown: one log line and one audit entry with the route and the concept names, never the
 * text. A failed audit write is logged and swallowed: it must never keep the urgent-help card from the person.
 */
export async function recordUrgentHelpShown(assessment: RiskAssessment, context: UrgentHelpContext, services: Services): Promise<void> {
  const concepts = assessment.concepts.slice(0, 40);
  services.logger.info({ event: 'urgent-help.shown', route: context.route, concepts, kinds: assessment.kinds, area: context.areaId ?? 'none' }, 'urgent help shown first');
  try {
    await services.audit.record({ tenantId: context.caller.tenantId, actor: context.caller.aadObjectId, action: 'urgent-help.shown', target: context.route, concepts, at: context.now });
  } catch (error) {
    services.logger.warn({ event: 'urgent-help.audit-failed', route: context.route, name: (error as Error).name }, 'could not audit that urgent help was shown');
  }
}

/**
 * The urgent-help message to put first when the assessment found risk (and the record that it was shown); an empty
 * list when it did not. `note` replaces the card's closing line.
 */
export async function urgentHelpFirst(assessment: RiskAssessment, context: UrgentHelpContext, services: Services, note?: string): Promise<OutgoingMessage[]> {
  if (!assessment.risk) return [];
  const [message] = await Promise.all([urgentHelpMessage(context.caller.tenantId, context.areaId, services, note), recordUrgentHelpShown(assessment, context, services)]);
  return [message];
}

/**
 * One card that leads with the urgent-help card and then shows `card` (its actions, refresh and the rest kept). For
 * card actions: their reply replaces the clicked card for that person only, where a message sent beside it would land
 * below it (and, in a channel, in front of everyone).
 */
export function leadWithUrgentHelp(urgent: OutgoingMessage, card: AdaptiveCard): AdaptiveCard {
  const bodyOf = (c: AdaptiveCard | undefined): unknown[] => (c && Array.isArray(c.body) ? (c.body as unknown[]) : []);
  const combined: AdaptiveCard = { ...card, body: [...bodyOf(urgent.card), { type: 'Container', separator: true, spacing: 'ExtraLarge', items: bodyOf(card) }] };
  const bytes = Buffer.byteLength(JSON.stringify(combined), 'utf8');
  if (bytes > MAX_CARD_BYTES) throw new Error(`The urgent-help card with the reply is ${bytes} bytes, over the ${MAX_CARD_BYTES} a Teams message allows.`);
  return combined;
}
