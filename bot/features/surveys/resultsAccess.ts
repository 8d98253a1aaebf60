// Who may see a target's results and exports: coordinators, facilitators, and the target's own facilitators.
import { hasRole } from '../roles';
import { forbidden } from '../../errors';
import type { Caller } from '../../events';
import type { Services } from '../../platform/services';
import type { SurveyTarget } from './targets';

export async function requireResultsAccess(caller: Caller, target: SurveyTarget, services: Services): Promise<void> {
  const held = await services.access.rolesOf(caller);
  const facilitatorOfTarget = (target.facilitatorAadObjectIds ?? []).some((id) => id.toLowerCase() === caller.aadObjectId.toLowerCase());
  if (hasRole(held, 'facilitator') || facilitatorOfTarget) return;
  throw forbidden(`Only coordinators and the cohort's facilitator can see survey results for ${target.label}. Ask a coordinator if you need them.`);
}
