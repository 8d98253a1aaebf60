// A message too long to be a command is still read for risk first: urgent help leads, then the dispatcher's refusal.
import type { CommandInput, Reply } from '../../../events';
import type { Services } from '../../../platform/services';
import { assessTexts, rememberedArea, urgentHelpFirst } from '../flows';

/** Urgent help for the whole text when it suggests risk; no messages otherwise (the dispatcher then refuses it). */
export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  // The detector reads long text in bounded time, so even an essay is checked in full.
  const risk = assessTexts([input.args], services);
  const areaId = risk.risk ? await rememberedArea(input.caller, services) : undefined;
  return { messages: await urgentHelpFirst(risk, { route: 'too-long', caller: input.caller, areaId, now: input.now }, services) };
}
