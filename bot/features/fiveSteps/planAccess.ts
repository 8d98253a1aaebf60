// What every plan command and card starts from: the school (the caller must be linked to it), its stored plan or a
// new empty one, and the view for the caller.
import type { Caller } from '../../events';
import type { Services } from '../../platform/services';
import { emptyPlan } from './domain/plan';
import type { SchoolKey } from './planRepository';
import type { PlanView } from './planViews';

export function viewerOf(caller: Caller) {
  return { aadObjectId: caller.aadObjectId, userIds: caller.teamsUserId ? [caller.teamsUserId] : [] };
}

/** The school's plan as it is now (an empty one when nobody has started it), seen by the caller. */
export async function planViewFor(school: SchoolKey, caller: Caller, now: Date, services: Services): Promise<PlanView> {
  const framework = services.fiveStepsFramework;
  const stored = await services.fiveStepsPlans.get(school.tenantId, school.areaId, school.urn);
  const plan = stored?.plan ?? emptyPlan({ urn: school.urn, areaId: school.areaId, schoolName: school.schoolName }, framework);
  return { plan, ...(stored?.lead ? { lead: stored.lead } : {}), framework, viewer: viewerOf(caller), now };
}
