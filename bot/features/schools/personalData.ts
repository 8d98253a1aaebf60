// What `privacy export` and `privacy delete` cover of schools: which school or service a person said they are from
// (or a coordinator recorded), per cohort, and the workshops they were recorded at (found through those links: the
// attendance rows hold addresses). The register itself is public data about establishments, not people.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import { splitTenantKey } from '../../platform/storage/keys';
import type { AttendanceRepository } from './attendanceRepository';
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

/** Workshops the person was recorded at, in the cohorts where they are linked to a school (which give their address). */
export function attendanceSource(links: SchoolLinkRepository, attendance: AttendanceRepository): PersonalDataSource {
  const recorded = async (tenantId: string, aadObjectId: string) => {
    const found = (await links.linksOf(aadObjectId)).filter((entry) => splitTenantKey(entry.partitionKey)?.tenantId === tenantId);
    const rows: { cohortId: string; email: string; number: 1 | 2; attended: readonly string[] }[] = [];
    for (const { partitionKey, link } of found) {
      const cohortId = splitTenantKey(partitionKey)?.id ?? '';
      for (const row of await attendance.forCohort(tenantId, cohortId)) {
        if (row.attended.includes(link.email)) rows.push({ cohortId, email: link.email, number: row.number, attended: row.attended });
      }
    }
    return rows;
  };
  return {
    name: 'workshopAttendance',
    async exportFor(tenantId, aadObjectId) {
      return (await recorded(tenantId, aadObjectId)).map(({ cohortId, email, number }) => ({ cohortId, email, workshop: number, attended: true }));
    },
    async eraseFor(tenantId, aadObjectId) {
      const rows = await recorded(tenantId, aadObjectId);
      for (const row of rows) await attendance.removeAttendee(tenantId, row.cohortId, row.number, row.email);
      return rows.length;
    },
  };
}
