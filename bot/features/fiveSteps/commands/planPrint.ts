// `plan print [URN]` (school staff, personal chat): the school's plan as a PDF behind a signed download link.
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import { deliverFile } from '../../../platform/files/deliver';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { planViewFor } from '../planAccess';
import { planPdf } from '../planPdf';
import { schoolFromArgs } from '../schoolAccess';

export const route = {
  name: 'plan print',
  usage: 'plan print [URN]',
  description: "Your school's 5 Steps plan as a PDF: each action's RAG rating, owner, target date and note.",
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  if (input.place.scope !== 'personal') throw validationError('Ask for your plan\'s PDF in your personal chat with me, so its download link stays yours.');
  const school = await schoolFromArgs(input.caller, input.args, route.usage, services);
  const view = await planViewFor(school, input.caller, input.now, services);
  const content = await planPdf({ plan: view.plan, ...(view.lead ? { lead: view.lead } : {}), framework: view.framework, now: input.now });
  services.logger.info({ event: 'fiveSteps.plan-printed', area: school.areaId, urn: school.urn, bytes: content.length, by: input.caller.aadObjectId }, 'plan printed');
  return reply.of(
    await deliverFile(
      input.caller,
      {
        fileName: `5-steps-plan-${school.urn}-${input.now.toISOString().slice(0, 10)}.pdf`,
        contentType: 'application/pdf',
        content,
        title: `5 Steps plan (PDF): ${school.schoolName}`,
        description: 'Every step and action with its RAG rating, owner, target date and note, and who changed it last.',
      },
      input.now,
      services,
    ),
  );
}
