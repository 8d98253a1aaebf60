// The personal-data sources over what the platform stores about people: personal chat references, download files and
// the audit entries a person made as a coordinator. Each feature's own sources are in its manifest. Aggregates (e.g.
// panel case counts) are always computed from stored rows, never kept as totals, so erasing rows is enough for every
// total to be recomputed from what remains.
import type { AuditLog } from '../../platform/audit/auditLog';
import type { InstallationRepository } from '../../platform/conversations/installationRepository';
import type { DownloadLinks } from '../../platform/files/downloadLinks';
import type { PersonalDataSource } from '../../platform/privacy/personalData';

export function personalChatsSource(installations: InstallationRepository): PersonalDataSource {
  const mine = async (tenantId: string, aadObjectId: string) =>
    (await installations.listPersonal(tenantId)).filter((i) => i.reference.user?.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase());
  return {
    name: 'personalChats',
    async exportFor(tenantId, aadObjectId) {
      return (await mine(tenantId, aadObjectId)).map((i) => ({ conversationId: i.conversationId, status: i.status, updated: i.updated.toISOString() }));
    },
    async eraseFor(tenantId, aadObjectId) {
      const found = await mine(tenantId, aadObjectId);
      for (const installation of found) await installations.remove(tenantId, installation.conversationId);
      return found.length;
    },
  };
}

export function downloadsSource(downloads: DownloadLinks): PersonalDataSource {
  return {
    name: 'downloads',
    async exportFor(_tenantId, aadObjectId) {
      return (await downloads.ownedBy(aadObjectId)).map((f) => ({ fileName: f.fileName, expiresAt: f.expiresAt.toISOString() }));
    },
    async eraseFor(_tenantId, aadObjectId) {
      return downloads.eraseOwnedBy(aadObjectId);
    },
  };
}

/** Audit entries stay (accountability for coordinator actions); they hold ids and codes only, never content. */
export function auditSource(audit: AuditLog): PersonalDataSource {
  return {
    name: 'auditEntriesAsActor',
    async exportFor(tenantId, aadObjectId) {
      return (await audit.byActor(tenantId, aadObjectId)).map((e) => ({ action: e.action, target: e.target, at: e.at.toISOString(), ...(e.concepts ? { concepts: e.concepts } : {}) }));
    },
    eraseFor() {
      return Promise.resolve(0);
    },
  };
}
