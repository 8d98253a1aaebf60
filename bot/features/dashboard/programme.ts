// What the tab shows for an area (the personal tab) or one cohort (a cohort channel's tab), read from what the other
// features store, through their public modules. Every section says when it was computed and how many people or
// schools it rests on.
import { hasCode } from '../../errors';
import { londonDate, londonTime } from '../../domain/londonTime';
import type { Cohort } from '../cohorts';
import type { Services } from '../../platform/services';
import { areaUptake, type AreaUptake } from '../schools';
import { allAnswers, isOpen, latestRun, type Answers } from '../surveys';
import { cohortState, evaluationOf, type CohortState, type Evaluation, type OpenSurvey } from './figures';
import { seesWholeProgramme, type Viewer } from './tabAccess';

export type Scope = { readonly kind: 'area'; readonly areaId: string } | { readonly kind: 'cohort'; readonly cohortId: string } | { readonly kind: 'channel'; readonly channelId: string };

export interface UptakeSection {
  readonly available: boolean;
  /** Why not, when not available (e.g. no register imported yet). */
  readonly message?: string;
  readonly open?: number;
  readonly takenPart?: number;
  readonly started?: number;
  readonly percent?: number;
  readonly byPhase?: readonly { readonly phase: string; readonly open: number; readonly takenPart: number; readonly started: number; readonly percent: number }[];
  /** Schools not yet taken part, by name (the first 100; the count says how many in all). */
  readonly notYet?: readonly { readonly urn: string; readonly name: string; readonly phase: string; readonly progress: string }[];
  readonly notYetCount?: number;
}

export interface ProgrammeView {
  readonly scope: { readonly kind: 'area' | 'cohort'; readonly id: string; readonly name: string };
  readonly computedAt: string;
  readonly cohorts: readonly CohortState[];
  readonly uptake: UptakeSection;
  readonly evaluation: Evaluation;
  /** The 5 Steps section (plans started and reviewed, RAG share per step) is for the coordinator to wire in. */
  readonly fiveSteps: { readonly available: false; readonly message: string };
  /** Network and panel activity per half-term is for the coordinator to wire in. */
  readonly activity: { readonly available: false; readonly message: string };
}

export type ProgrammeOutcome = { readonly ok: true; readonly view: ProgrammeView } | { readonly ok: false; readonly status: 403 | 404; readonly message: string };

const MAX_NOT_YET = 100;
export const FIVE_STEPS_PENDING = '5 Steps figures will appear here once the 5 Steps plans feature is in place.';
export const ACTIVITY_PENDING = 'Network and panel activity will appear here in a later release.';

/** The areas the viewer may open: every area with a cohort or a register in their tenant. */
export async function areasFor(viewer: Viewer, services: Services): Promise<string[]> {
  if (!seesWholeProgramme(viewer)) return [];
  const [cohorts, registers] = await Promise.all([services.cohorts.list(viewer.caller.tenantId), services.schools.repository.areas(viewer.caller.tenantId)]);
  return [...new Set([...cohorts.map((cohort) => cohort.areaId), ...registers])].sort((a, b) => a.localeCompare(b));
}

/** The cohorts a viewer without a role may open: those they facilitate. */
function facilitates(viewer: Viewer, cohort: Cohort): boolean {
  const facilitator = cohort.facilitator?.toLowerCase();
  return cohort.members.some((member) => member.email.toLowerCase() === facilitator && member.userId?.toLowerCase() === viewer.caller.aadObjectId.toLowerCase());
}

export async function programmeView(viewer: Viewer, scope: Scope, services: Services): Promise<ProgrammeOutcome> {
  const now = services.clock.now();
  const tenantId = viewer.caller.tenantId;
  const all = await services.cohorts.list(tenantId);
  let cohorts: Cohort[];
  let shown: ProgrammeView['scope'];
  if (scope.kind === 'area') {
    if (!seesWholeProgramme(viewer)) return { ok: false, status: 403, message: 'Only coordinators and facilitators can see an area\'s programme. Ask a coordinator to run "roles grant" for you.' };
    cohorts = all.filter((cohort) => cohort.areaId === scope.areaId);
    const registers = await services.schools.repository.areas(tenantId);
    if (cohorts.length === 0 && !registers.includes(scope.areaId)) return { ok: false, status: 404, message: `There is no area "${scope.areaId}" with cohorts or a school register. Choose one of the areas listed.` };
    shown = { kind: 'area', id: scope.areaId, name: scope.areaId };
  } else {
    const cohort = all.find((candidate) => (scope.kind === 'cohort' ? candidate.id === scope.cohortId : candidate.channelId === scope.channelId));
    if (!cohort) return { ok: false, status: 404, message: scope.kind === 'channel' ? 'This channel is not a cohort channel: add the tab to a cohort\'s channel, or use the personal tab.' : 'There is no such cohort.' };
    if (!seesWholeProgramme(viewer) && !facilitates(viewer, cohort)) return { ok: false, status: 403, message: `Only coordinators, facilitators and ${cohort.name}'s own facilitator can see this cohort's programme.` };
    cohorts = [cohort];
    shown = { kind: 'cohort', id: cohort.id, name: cohort.name };
  }
  const londonNow = `${londonDate(now)}T${londonTime(now)}`;
  const perCohort = await Promise.all(cohorts.map((cohort) => cohortFigures(cohort, services, now)));
  const evaluation = evaluationOf(services.surveys.get('pulse'), services.surveys.get('cascade'), {
    pulseBaseline: perCohort.flatMap((figures) => (figures.pulseBaseline ? [figures.pulseBaseline] : [])),
    pulseFollowUp: perCohort.flatMap((figures) => (figures.pulseFollowUp ? [figures.pulseFollowUp] : [])),
    cascade: perCohort.flatMap((figures) => (figures.cascade ? [figures.cascade] : [])),
  });
  const areaId = scope.kind === 'area' ? scope.areaId : cohorts[0]?.areaId;
  return {
    ok: true,
    view: {
      scope: shown,
      computedAt: now.toISOString(),
      cohorts: cohorts.map((cohort, index) => cohortState(cohort, perCohort[index]?.open ?? [], londonNow)),
      uptake: areaId === undefined ? { available: false, message: 'No area.' } : await uptakeSection(tenantId, areaId, services),
      evaluation,
      fiveSteps: { available: false, message: FIVE_STEPS_PENDING },
      activity: { available: false, message: ACTIVITY_PENDING },
    },
  };
}

interface CohortFigures {
  readonly open: OpenSurvey[];
  readonly pulseBaseline?: Answers[];
  readonly pulseFollowUp?: Answers[];
  readonly cascade?: Answers[];
}

async function cohortFigures(cohort: Cohort, services: Services, now: Date): Promise<CohortFigures> {
  if (!cohort.channelId) return { open: [] };
  const runs = await services.surveyRuns.listForTarget(cohort.tenantId, cohort.channelId);
  const answersOf = async (run: (typeof runs)[number] | undefined) => (run ? (await services.responses.listRun(run.runId)).map(allAnswers) : undefined);
  const [pulseBaseline, pulseFollowUp, cascade] = await Promise.all([
    answersOf(latestRun(runs, 'pulse', 'baseline')),
    answersOf(latestRun(runs, 'pulse', 'follow-up')),
    answersOf(latestRun(runs, 'cascade')),
  ]);
  return {
    open: runs.filter((run) => isOpen(run, now)).map((run) => ({ kind: run.kind, phase: run.phase })),
    ...(pulseBaseline ? { pulseBaseline } : {}),
    ...(pulseFollowUp ? { pulseFollowUp } : {}),
    ...(cascade ? { cascade } : {}),
  };
}

async function uptakeSection(tenantId: string, areaId: string, services: Services): Promise<UptakeSection> {
  let uptake: AreaUptake;
  try {
    uptake = await areaUptake(tenantId, areaId, services);
  } catch (error) {
    if (hasCode(error, 'not-found')) return { available: false, message: `${areaId} has no school register yet. Import it with "schools import ${areaId}".` };
    throw error;
  }
  const { figures } = uptake;
  return {
    available: true,
    open: figures.open,
    takenPart: figures.takenPart,
    started: figures.started,
    percent: figures.percent,
    byPhase: figures.byPhase.filter((line) => line.open > 0).map((line) => ({ phase: line.phase, open: line.open, takenPart: line.takenPart, started: line.started, percent: line.percent })),
    notYet: figures.notYet.slice(0, MAX_NOT_YET).map((school) => ({ urn: school.urn, name: school.name, phase: school.phase, progress: school.progress })),
    notYetCount: figures.notYet.length,
  };
}
