// The role guard every restricted command uses: a refused command says why and what to do.
import { forbidden } from '../../errors';
import type { Caller } from '../../events';
import { effectiveRoles, hasRole, type Role } from './domain/roles';
import type { RoleRepository } from './roleRepository';

export class AccessControl {
  constructor(
    private readonly roles: RoleRepository,
    private readonly bootstrapCoordinators: readonly string[],
  ) {}

  async rolesOf(caller: Caller): Promise<Role[]> {
    return effectiveRoles(await this.roles.rolesOf(caller.tenantId, caller.aadObjectId), caller.aadObjectId, this.bootstrapCoordinators);
  }

  /** Throws `forbidden` naming the role needed and the action, e.g. "Only coordinators can create cohorts." */
  async require(caller: Caller, role: Role, action: string): Promise<Role[]> {
    const held = await this.rolesOf(caller);
    if (!hasRole(held, role)) {
      throw forbidden(
        `Only ${role}s can ${action}. If you need to, ask a coordinator to run "roles grant" for you.`,
      );
    }
    return held;
  }
}
