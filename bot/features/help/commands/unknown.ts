// Text that matches no command: urgent help first when it suggests immediate risk, then a short hint and the help card.
import { assessTexts, rememberedArea, urgentHelpFirst } from '../../safeguarding';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { Services } from '../../../platform/services';
import { helpCardFor } from './help';

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const risk = assessTexts([input.args], services);
  // The remembered area only matters when urgent help is shown, so it is read only then.
  const areaId = risk.risk ? await rememberedArea(input.caller, services) : undefined;
  const urgent = await urgentHelpFirst(risk, { route: 'unknown', caller: input.caller, areaId, now: input.now }, services);
  const card = await helpCardFor(input.caller, services, 'Here is what I can do:');
  const hint =
    input.args.trim().length === 0 && (input.files ?? []).length > 0
      ? 'I received a file. To import referral contacts, send it with the message "contacts import <area>"; for term dates, "calendar import <area>".'
      : "Sorry, I didn't recognise that command.";
  return reply.of(...urgent, { text: hint, card });
}
