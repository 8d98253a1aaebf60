// The panel's case form, as `panel submit` sends it and as `panel.submit` shows it again when a case has problems.
import { panelCaseFormCard } from './cards/panel';
import { londonDate } from '../../domain/londonTime';
import { AGE_BANDS, DURATIONS, MAX_FREE_TEXT, PRESENTING_NEEDS, URGENCIES, YEAR_GROUPS, nextMeeting } from './domain/panel';
import type { AdaptiveCard } from '../../events';
import type { Services } from '../../platform/services';

/** The form offering the tenant's panels (with their next meeting); undefined when no panel is set up. */
export async function caseForm(tenantId: string, verb: string, now: Date, services: Services): Promise<AdaptiveCard | undefined> {
  const panels = await services.panels.listPanels(tenantId);
  if (panels.length === 0) return undefined;
  const today = londonDate(now);
  return services.cards.render(panelCaseFormCard, {
    verb,
    areas: panels.map((p) => {
      const next = nextMeeting(p.meetings, today);
      return { title: next ? `${p.areaId} (next meeting ${next})` : p.areaId, value: p.areaId };
    }),
    defaultArea: panels.length === 1 ? (panels[0]?.areaId ?? '') : '',
    ageBands: [...AGE_BANDS],
    yearGroups: [...YEAR_GROUPS],
    needs: [...PRESENTING_NEEDS],
    durations: [...DURATIONS],
    urgencies: [...URGENCIES],
    maxText: MAX_FREE_TEXT,
  });
}
