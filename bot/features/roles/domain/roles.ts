// Who may do what: roles are data, decisions are pure.

import type { Role } from '../../../domain/roleNames';

// The names live in bot/domain so the route table can say who sees a command without importing this feature.
export { ROLES, isRole, type Role } from '../../../domain/roleNames';

/** Coordinators can do everything a facilitator can. */
export function hasRole(held: readonly Role[], needed: Role): boolean {
  if (held.includes(needed)) return true;
  return needed === 'facilitator' && held.includes('coordinator');
}

export function canSee(held: readonly Role[], audience: 'everyone' | Role): boolean {
  return audience === 'everyone' || hasRole(held, audience);
}

/** Roles from the table plus the coordinators bootstrapped from COORDINATOR_IDS. */
export function effectiveRoles(stored: readonly Role[], aadObjectId: string, bootstrapCoordinators: readonly string[]): Role[] {
  const roles = new Set<Role>(stored);
  if (bootstrapCoordinators.some((id) => id.toLowerCase() === aadObjectId.toLowerCase())) roles.add('coordinator');
  return [...roles].sort();
}

/** The roles a coordinator has granted one person, and who granted them when. */
export interface RoleGrant {
  readonly aadObjectId: string;
  readonly roles: readonly Role[];
  readonly name?: string;
  readonly grantedBy: string;
  readonly updated: Date;
}
