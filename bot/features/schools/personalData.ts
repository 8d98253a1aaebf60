// What `privacy export` and `privacy delete` cover of schools: which school or service a person said they are from
// (or a coordinator recorded), per cohort. The register itself is public data about establishments, not people.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import { splitTenantKey } from '../../platform/storage/keys';
import type { SchoolLinkRepository } from './schoolLinkRepository';

export function schoolLinksSource(links: SchoolLinkRepository): PersonalDataSource {
  const ofTenant = async (tenantId: string, aadObjectId: string) =>
    (await links.linksOf(aadObjectId)).filter((found) => splitTenantKey(found.partitionKey)?.tenantId === tenantId);
  return {
    name: 'schoolLinks',
    async exportFor(tenantId, aadObjectId) {
      return (await ofTenant(tenantId, aadObjectId)).map(({ partitionKey, link }) => ({
        cohortId: splitTenantKey(partitionKey)?.id,
        email: link.email,
        urn: link.urn,
        schoolName: link.schoolName,
        area: link.areaId,
        linkedBy: link.linkedBy,
        linked: link.linked.toISOString(),
      }));
    },
    async eraseFor(tenantId, aadObjectId) {
      const found = await ofTenant(tenantId, aadObjectId);
      for (const { partitionKey, rowKey } of found) await links.delete(partitionKey, rowKey);
      return found.length;
    },
  };
}
