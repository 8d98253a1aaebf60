// Urgent help for a panel submission: the lines to show first, and whether a text suggests immediate risk.
// Stands in for the per-area urgent-help service (same shape: urgentHelpReply(areaId, services)); today it uses the national lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { urgentHelpCard } from '../../cards/urgentHelp';
import { suggestsImmediateRisk, urgentHelpSchema, type UrgentHelp } from '../../domain/urgentHelp';
import { reply, type Reply } from '../../events';
import { projectRoot } from '../../projectRoot';
import type { Services } from '..';

let national: UrgentHelp | undefined;

function nationalUrgentHelp(): UrgentHelp {
  national ??= urgentHelpSchema.parse(JSON.parse(readFileSync(path.join(projectRoot(), 'bot', 'data', 'urgent-help.json'), 'utf8')));
  return national;
}

/** The urgent-help card for an area (national lines until areas have their own). */
export async function urgentHelpReply(_areaId: string | undefined, services: Services): Promise<Reply> {
  const help = nationalUrgentHelp();
  return reply.card(
    services.cards.render(urgentHelpCard, {
      title: 'If a child is at risk right now, get help now',
      intro: 'Please use these services straight away if a child or young person is in danger or at immediate risk:',
      lines: help.lines.map((line) => ({ name: line.name, how: line.how, when: line.when })),
      note: 'The wellbeing panel is not an emergency service: it meets on set dates and cannot respond to an emergency. Follow your school\'s safeguarding procedure and tell your Designated Safeguarding Lead today.',
    }),
  );
}

export function textSuggestsRisk(texts: readonly string[]): boolean {
  const phrases = nationalUrgentHelp().riskPhrases;
  return texts.some((text) => suggestsImmediateRisk(text, phrases));
}
