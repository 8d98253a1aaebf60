// What `privacy export` and `privacy delete` cover of the panel: the cases a person submitted, with their advice.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import type { PanelRepository } from './panelRepository';

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
