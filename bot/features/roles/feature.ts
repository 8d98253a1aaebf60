// Roles: who is a coordinator or a facilitator (`roles grant|revoke|list`), and the access checks every feature uses.
import { defineFeature } from '../../routing/feature';
import { AccessControl } from './access';
import * as roles from './commands/roles';
import { rolesSource } from './personalData';
import { ROLES_TABLE, RoleRepository } from './roleRepository';

export interface RolesServices {
  readonly roles: RoleRepository;
  /** Who may do what: stored roles, plus the coordinators named in COORDINATOR_IDS. */
  readonly access: AccessControl;
}

declare module '../../platform/services' {
  interface FeatureServices extends RolesServices {}
}

export const rolesFeature = defineFeature({
  name: 'roles',
  tables: [ROLES_TABLE],
  services: ({ platform }): RolesServices => {
    const repository = new RoleRepository(platform.storage);
    return { roles: repository, access: new AccessControl(repository, platform.config.COORDINATOR_IDS) };
  },
  commands: [
    { ...roles.grantRoute, handle: roles.grant },
    { ...roles.revokeRoute, handle: roles.revoke },
    { ...roles.listRoute, handle: roles.list },
  ],
  personalData: (services) => [rolesSource(services.roles)],
});
