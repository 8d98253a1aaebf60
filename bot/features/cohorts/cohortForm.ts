// The "Create a cohort" form, as `cohort create` sends it and as `cohort.create` shows it again when it has problems.
import { cohortFormCard } from './cards/cohort';
import type { AdaptiveCard } from '../../events';
import type { Services } from '../../platform/services';
import { targetTeams } from './cohortSetup';

/** The form with the teams a cohort channel can go in; undefined when there is no such team (nothing to choose). */
export async function cohortForm(tenantId: string, verb: string, services: Services): Promise<AdaptiveCard | undefined> {
  const teams = await targetTeams(tenantId, services);
  if (teams.length === 0) return undefined;
  return services.cards.render(cohortFormCard, { verb, teams: teams.map((t) => ({ title: t.name ?? 'Unnamed team', value: t.conversationId })) });
}
