// The personal-data sources that exist today: roles, personal chat references, panel cases, download files, audit.
// Aggregates (e.g. panel case counts) are always computed from stored rows, never kept as totals, so erasing rows
// is enough for every total to be recomputed from what remains.
import type { DownloadLinks } from '../../platform/files/downloadLinks';
import type { AuditLog } from '../../platform/audit/auditLog';
import type { InstallationRepository } from '../../platform/conversations/installationRepository';
import type { PanelRepository } from '../panel/panelRepository';
import type { ResponseRepository } from '../surveys/responseRepository';
import type { RoleRepository } from '../roles/roleRepository';
import type { PostRepository } from '../posts/postRepository';
import type { PersonalDataSource } from '../../platform/privacy/personalData';

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

export function panelCasesSource(panels: PanelRepository): PersonalDataSource {
  return {
    name: 'panelCases',
    async exportFor(tenantId, aadObjectId) {
      return (await panels.casesSubmittedBy(tenantId, aadObjectId)).map((c) => ({
        reference: c.reference,
        area: c.areaId,
        status: c.status,
        submittedAt: c.submittedAt.toISOString(),
        case: c.form,
        advice: c.advice,
        advisedAt: c.advisedAt?.toISOString(),
      }));
    },
    async eraseFor(tenantId, aadObjectId) {
      let erased = 0;
      for (const c of await panels.casesSubmittedBy(tenantId, aadObjectId)) if (await panels.deleteCase(tenantId, c.areaId, c.reference)) erased += 1;
      return erased;
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
    async eraseFor() {
      return 0;
    },
  };
}

/** Survey answers. Results are always computed from the stored rows, so erased answers leave every result at once. */
export function surveyResponsesSource(responses: ResponseRepository): PersonalDataSource {
  return {
    name: 'surveyResponses',
    async exportFor(_tenantId, aadObjectId) {
      return (await responses.listByRespondent(aadObjectId)).map((r) => ({ run: r.runId, answers: r.pages, updated: r.updated.toISOString() }));
    },
    async eraseFor(_tenantId, aadObjectId) {
      let erased = 0;
      for (const response of await responses.listByRespondent(aadObjectId)) if (await responses.delete(response.runId, aadObjectId)) erased += 1;
      return erased;
    },
  };
}

/** Network posts the person wrote and their "Helpful" marks; erasing removes their posts from search and digests. */
export function postsSource(posts: PostRepository): PersonalDataSource {
  return {
    name: 'posts',
    async exportFor(tenantId, aadObjectId) {
      const held = await posts.heldAbout(tenantId, aadObjectId);
      return {
        posts: held.posts.map((p) => ({
          networkId: p.networkId,
          kind: p.kind,
          title: p.title,
          text: p.text,
          link: p.link,
          tags: p.tags,
          helpfulCount: p.helpfulCount,
          answered: p.answered,
          created: p.created.toISOString(),
          updated: p.updated.toISOString(),
        })),
        helpfulMarks: held.marks.map((m) => ({ networkId: m.networkId, postId: m.postId, marked: m.marked.toISOString() })),
        networksSeenIn: held.memberships.map((m) => ({ networkId: m.networkId, seen: m.seen.toISOString() })),
      };
    },
    eraseFor: (tenantId, aadObjectId) => posts.eraseFor(tenantId, aadObjectId),
  };
}
