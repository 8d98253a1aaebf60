// What `privacy export` and `privacy delete` cover of 5 Steps plans: the plans a person is named on (each action they
// changed last, the reviews they completed, being the school's lead), found through the plan's editor rows. Plans are
// school data: deleting a person keeps their ratings and notes but takes their name off them.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import type { PlanRepository } from './planRepository';

export function planEditsSource(plans: PlanRepository): PersonalDataSource {
  return {
    name: 'fiveStepsPlans',
    async exportFor(tenantId, aadObjectId) {
      const named = [];
      for (const { areaId, urn } of await plans.editedBy(tenantId, aadObjectId)) {
        const stored = await plans.get(tenantId, areaId, urn);
        const reviews = await plans.reviews(tenantId, areaId, urn);
        named.push({
          area: areaId,
          urn,
          schoolName: stored?.plan.schoolName,
          lead: stored?.lead?.aadObjectId === aadObjectId,
          actionsLastChanged: Object.entries(stored?.plan.entries ?? {})
            .filter(([, entry]) => entry.changedBy.aadObjectId === aadObjectId)
            .map(([actionId, entry]) => ({ actionId, rating: entry.rating, note: entry.note, owner: entry.owner, target: entry.target, changedAt: entry.changedAt.toISOString() })),
          reviewsCompleted: reviews.filter((review) => review.by.aadObjectId === aadObjectId).map((review) => review.at.toISOString()),
        });
      }
      return named;
    },
    async eraseFor(tenantId, aadObjectId, now) {
      let erased = 0;
      for (const { areaId, urn } of await plans.editedBy(tenantId, aadObjectId)) erased += await plans.forget(tenantId, areaId, urn, aadObjectId, now);
      return erased;
    },
  };
}
