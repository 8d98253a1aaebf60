// Who may do what: roles are data, decisions are pure.

export const ROLES = ['coordinator', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

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
