// The area's roll-up: schools with a plan, reviewed in the last six months, each step's RAG share, the weakest
// actions, and no school named unless it chose to share with the network.
import fc from 'fast-check';
import path from 'node:path';
import { decodeRatings, encodeRatings, percents, plansOverview, type PlanSummary } from '../../../../../bot/features/fiveSteps/domain/overview';
import type { Rating } from '../../../../../bot/features/fiveSteps/domain/plan';
import { loadFramework } from '../../../../../bot/features/fiveSteps/frameworkFile';

const framework = loadFramework(path.resolve(__dirname, '../../../../..'));
const NOW = new Date('2027-06-01T12:00:00Z');
const summary = (urn: string, ratings: Record<string, Rating>, extra: Partial<PlanSummary> = {}): PlanSummary => ({ urn, areaId: 'telford', schoolName: `School ${urn}`, shareWithNetwork: false, ratings, ...extra });

describe('the area overview', () => {
  const schools = [
    summary('1', { 'lc-policy': 'red', 'lc-prepare': 'green', 'wt-group': 'red' }, { lastReviewAt: new Date('2027-05-01T00:00:00Z') }),
    summary('2', { 'lc-policy': 'red', 'lc-prepare': 'amber', 'retired-action': 'red' }, { lastReviewAt: new Date('2026-11-30T00:00:00Z'), shareWithNetwork: true, schoolName: 'Ketley Primary' }),
    summary('3', {}),
  ];
  const overview = plansOverview(schools, framework, NOW);

  it('counts schools with a plan and those reviewed in the last six months', () => {
    expect(overview.schoolsWithPlan).toBe(3);
    expect(overview.reviewedInLastSixMonths).toBe(1);
  });

  it("shares each step's ratings across schools, leaving out actions no longer in the framework", () => {
    expect(overview.steps[0]).toMatchObject({ title: 'Leading change', red: 2, amber: 1, green: 1, redPercent: 50, amberPercent: 25, greenPercent: 25 });
    expect(overview.steps[1]).toMatchObject({ title: 'Working together', red: 1, amber: 0, green: 0, redPercent: 100 });
    expect(overview.steps[4]).toMatchObject({ red: 0, amber: 0, green: 0, redPercent: 0, greenPercent: 0 });
  });

  it('lists the weakest actions first', () => {
    expect(overview.weakestActions.map((a) => a.actionId)).toEqual(['lc-policy', 'wt-group', 'lc-prepare']);
  });

  it('names only the schools that chose to share with the network', () => {
    expect(overview.sharedSchools).toEqual([{ urn: '2', schoolName: 'Ketley Primary', green: 0, rated: 2 }]);
    expect(JSON.stringify(overview)).not.toContain('School 1');
  });

  it('per cents always add up to 100 when anything is rated (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 5 }), (parts) => {
      const sum = percents(parts).reduce((a, b) => a + b, 0);
      return parts.every((p) => p === 0) ? sum === 0 : sum === 100;
    }));
  });

  it('reads back the compact ratings text it writes (property)', () => {
    const ids = framework.steps.flatMap((s) => s.actions.map((a) => a.id));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...ids), fc.constantFrom<Rating>('red', 'amber', 'green')), (ratings) => {
      expect(decodeRatings(encodeRatings(ratings))).toEqual(ratings);
    }));
  });
});
