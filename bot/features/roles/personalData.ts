// What `privacy export` and `privacy delete` cover of roles: the roles a person holds.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import type { RoleRepository } from './roleRepository';

export function rolesSource(roles: RoleRepository): PersonalDataSource {
  return {
    name: 'roles',
    async exportFor(tenantId, aadObjectId) {
      return { roles: await roles.rolesOf(tenantId, aadObjectId) };
    },
    async eraseFor(tenantId, aadObjectId, now) {
      const held = await roles.rolesOf(tenantId, aadObjectId);
      if (held.length === 0) return 0;
      await roles.setRoles(tenantId, { aadObjectId, roles: [], grantedBy: aadObjectId, updated: now });
      return 1;
    },
  };
}
