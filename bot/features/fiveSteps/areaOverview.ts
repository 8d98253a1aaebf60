// The area's (or one cohort's) view of its schools' plans, read from the compact summary rows only: one query of the
// area's partition (a request per 1,000 schools), never a school's plan or reviews.
import type { Services } from '../../platform/services';
import { plansOverview, type PlansOverview } from './domain/overview';

export interface PlansOverviewRead {
  readonly overview: PlansOverview;
  /** Storage requests it took. */
  readonly requests: number;
}

/** The overview of the area's plans, or of only the schools in `urns` (a cohort's). */
export async function readPlansOverview(tenantId: string, areaId: string, now: Date, services: Services, urns?: ReadonlySet<string>): Promise<PlansOverviewRead> {
  const { summaries, requests } = await services.fiveStepsPlans.summaries(tenantId, areaId);
  const chosen = urns ? summaries.filter((summary) => urns.has(summary.urn)) : summaries;
  return { overview: plansOverview(chosen, services.fiveStepsFramework, now), requests };
}
