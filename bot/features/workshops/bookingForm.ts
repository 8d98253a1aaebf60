// The booking form, as `workshop book` sends it and as `workshop.book` shows it again when it has problems.
import { workshopFormCard } from './cards/workshop';
import type { AdaptiveCard } from '../../events';
import type { Services } from '../../platform/services';

/** The form offering the tenant's ready cohorts (`cohortId` chosen); undefined when no cohort is ready to book for. */
export async function bookingForm(tenantId: string, verb: string, services: Services, cohortId = ''): Promise<AdaptiveCard | undefined> {
  const cohorts = (await services.cohorts.list(tenantId)).filter((c) => c.status === 'ready');
  if (cohorts.length === 0) return undefined;
  return services.cards.render(workshopFormCard, {
    verb,
    cohorts: cohorts.map((c) => ({ title: c.name, value: c.id })),
    cohort: cohorts.some((c) => c.id === cohortId) ? cohortId : '',
    organiser: services.config.WORKSHOP_ORGANISER ?? '',
  });
}
