// `plan lead <URN> @person` (coordinators, facilitators): names the school's senior mental health lead, the one person
// who may mark its plan's reviews complete and share it with the network. They must be linked to the school.
import { z } from 'zod';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import { noticeCard } from '../../../platform/cards/notice';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { emptyPlan } from '../domain/plan';
import type { PlanChange } from '../planRepository';

export const route = {
  name: 'plan lead',
  usage: 'plan lead <URN> @person',
  description: "Name a school's senior mental health lead: they mark its plan's reviews complete and choose whether to share it with the network.",
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'facilitator', 'name a school\'s senior mental health lead');
  const words = input.args.split(/\s+/).filter((w) => w.length > 0);
  const urn = words[0];
  if (!urn || !/^[A-Za-z0-9]{1,20}$/.test(urn)) throw validationError(`Give the school's URN first, then @mention the lead. Usage: ${route.usage}`);
  const people = input.mentions.filter((m) => m.aadObjectId);
  const ids = words.slice(1).filter((w) => guid.safeParse(w).success);
  if (people.length + ids.length !== 1) throw validationError(`Name exactly one person: @mention them, or give their Entra ID object id. Usage: ${route.usage}`);
  const mentioned = people[0];
  const aadObjectId = mentioned?.aadObjectId ?? ids[0];
  if (!aadObjectId) throw validationError(`Name exactly one person: @mention them, or give their Entra ID object id. Usage: ${route.usage}`);
  const links = (await services.schoolLinks.linksOf(aadObjectId)).filter(({ partitionKey, link }) => partitionKey.startsWith(`${input.caller.tenantId}|`) && link.urn === urn);
  const link = links[0]?.link;
  if (!link) {
    throw notFound(`${mentioned?.name ?? 'That person'} is not linked to a school with URN ${urn}, so nobody was named. They are linked when they join a cohort and pick their school, or when a coordinator adds them with "cohort add".`);
  }
  const register = await services.schools.entry(input.caller.tenantId, link.areaId, urn);
  const school = { tenantId: input.caller.tenantId, areaId: link.areaId, urn, schoolName: register?.name ?? link.schoolName };
  const lead = { aadObjectId, name: mentioned?.name ?? link.email };
  const previous = await services.fiveStepsPlans.change(
    school,
    () => emptyPlan(school, services.fiveStepsFramework),
    (stored, plan): PlanChange<string | undefined> => ({ write: { plan, lead, editor: lead }, result: stored?.lead?.name }),
    input.now,
  );
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'fiveSteps.lead', target: aadObjectId, at: input.now });
  services.logger.info({ event: 'fiveSteps.lead-named', area: school.areaId, urn, lead: aadObjectId, by: input.caller.aadObjectId }, 'plan lead named');
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Senior mental health lead: ${school.schoolName}`,
      message: `${lead.name} is now the lead for ${school.schoolName}'s 5 Steps plan: they mark its reviews complete and choose whether to share it with the network.`,
      details: previous && previous !== lead.name ? [`Before: ${previous}.`] : [],
      style: 'good',
    }),
  );
}
