// `plan overview [area|cohort]` (coordinators, facilitators): how many of the schools have a plan and reviewed it in
// the last six months, each step's red/amber/green share across schools as a bar, and the weakest actions. A school is
// named only when its lead chose to share its plan with the network.
import { isAreaId } from '../../../domain/areas';
import { notFound, validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { Services } from '../../../platform/services';
import type { CommandRoute } from '../../../routing/routeTable';
import { readPlansOverview } from '../areaOverview';
import { planOverviewCard } from '../cards/plan';
import type { StepShare } from '../domain/overview';

export const route = {
  name: 'plan overview',
  usage: 'plan overview [area|cohort name]',
  description: "Where an area's (or a cohort's) schools are on their 5 Steps plans: per step red, amber and green across schools, and the weakest actions.",
  audience: 'facilitator',
} as const satisfies Omit<CommandRoute, 'handle'>;

interface Scope {
  readonly areaId: string;
  readonly label: string;
  readonly urns?: ReadonlySet<string>;
}

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'facilitator', "see the area's 5 Steps plans");
  const tenantId = input.caller.tenantId;
  const scope = await scopeNamed(input.args.trim(), tenantId, services);
  const { overview } = await readPlansOverview(tenantId, scope.areaId, input.now, services, scope.urns);
  const rated = overview.steps.reduce((sum, step) => sum + step.red + step.amber + step.green, 0);
  const card = services.cards.render(planOverviewCard, {
    title: `5 Steps plans: ${scope.label}`,
    headline:
      overview.schoolsWithPlan === 0
        ? 'No school has started its plan yet. School staff open theirs by sending me "plan" in personal chat.'
        : `${overview.schoolsWithPlan} ${overview.schoolsWithPlan === 1 ? 'school has' : 'schools have'} a plan; ${overview.reviewedInLastSixMonths} reviewed it in the last six months.`,
    steps: overview.steps.map((step, i) => ({ label: `${i + 1}. ${step.title}`, figure: figureOf(step), bars: barsOf(step) })),
    weakest: overview.weakestActions.map((action) => ({ line: `${action.stepTitle}: ${action.text} (red at ${action.red}, amber at ${action.amber}, green at ${action.green})` })),
    shared: overview.sharedSchools.map((school) => ({ line: `${school.schoolName} (${school.urn}): ${school.green} of ${school.rated} rated actions green` })),
    footer: `Counted over ${rated} ratings. Schools are named only when their senior mental health lead chose to share the plan with the network; the rest count in the totals only.`,
  });
  services.logger.info({ event: 'fiveSteps.overview', area: scope.areaId, schools: overview.schoolsWithPlan, by: input.caller.aadObjectId }, 'plans overview shown');
  return reply.card(card);
}

function figureOf(step: StepShare): string {
  if (step.red + step.amber + step.green === 0) return 'nothing rated yet';
  return `${step.greenPercent}% green, ${step.amberPercent}% amber, ${step.redPercent}% red`;
}

function barsOf(step: StepShare): { width: number; style: 'good' | 'warning' | 'attention' | 'emphasis' }[] {
  const bars = [
    { width: step.greenPercent, style: 'good' as const },
    { width: step.amberPercent, style: 'warning' as const },
    { width: step.redPercent, style: 'attention' as const },
  ].filter((bar) => bar.width > 0);
  return bars.length > 0 ? bars : [{ width: 100, style: 'emphasis' }];
}

async function scopeNamed(wanted: string, tenantId: string, services: Services): Promise<Scope> {
  const cohorts = await services.cohorts.list(tenantId);
  const areas = [...new Set([...cohorts.map((cohort) => cohort.areaId), ...(await services.schools.repository.areas(tenantId))])].sort();
  if (wanted === '') {
    const [only, ...others] = areas;
    if (only && others.length === 0) return { areaId: only, label: only };
    if (!only) throw validationError('There is no area yet: areas come from their cohorts and school registers ("cohort create", "area set").');
    throw validationError(`Say which area or cohort. Usage: ${route.usage}`, [`Areas: ${areas.join(', ')}`]);
  }
  const area = wanted.toLowerCase();
  if (isAreaId(area) && areas.includes(area)) return { areaId: area, label: area };
  const cohort = cohorts.find((candidate) => candidate.name.toLowerCase() === area || candidate.id === wanted);
  if (!cohort) throw notFound(`There is no area or cohort called "${wanted.slice(0, 60)}". "cohort list" shows the cohorts and their areas.`);
  const links = await services.schoolLinks.links(tenantId, cohort.id);
  return { areaId: cohort.areaId, label: cohort.name, urns: new Set(links.map((link) => link.urn)) };
}
