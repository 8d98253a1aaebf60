// Benchmarks the area's 5 Steps overview (`plan overview`, and the dashboard's 5 Steps section) for an area of 400
// schools, each with a plan rated across the framework and 4 completed reviews, on the embedded Azurite. The overview
// reads only the area's summary rows; the baseline in the same run reads what a plan-by-plan design would (each
// school's plan row and its reviews). Targets (issue 16): p95 under 300 ms, at most 20 storage transactions.
import { performance } from 'node:perf_hooks';
import { readPlansOverview } from '../bot/features/fiveSteps/areaOverview';
import type { Framework } from '../bot/features/fiveSteps/domain/framework';
import { applyStepEdit, emptyPlan, RATINGS, reviewed, snapshotOf, type Plan } from '../bot/features/fiveSteps/domain/plan';
import { loadFramework } from '../bot/features/fiveSteps/frameworkFile';
import { PLANS_TABLE, PlanRepository, type SchoolKey } from '../bot/features/fiveSteps/planRepository';
import { projectRoot } from '../bot/projectRoot';
import type { Services } from '../bot/platform/services';
import { createStorageAccount } from '../bot/platform/storage/account';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { percentile, round, seeded } from './support';

const SCHOOLS = 400;
const REVIEWS = 4;
const ROUNDS = 40;
const TENANT = 'bench-tenant';
const AREA = 'benchshire';

async function seed(plans: PlanRepository, framework: Framework): Promise<void> {
  const random = seeded(1616);
  const lead = { aadObjectId: 'lead', name: 'Lead' };
  const seedOne = async (i: number) => {
    const key: SchoolKey = { tenantId: TENANT, areaId: AREA, urn: String(300000 + i), schoolName: `School ${i}` };
    const start = () => emptyPlan(key, framework);
    for (let review = 0; review < REVIEWS; review++) {
      const at = new Date(Date.UTC(2025, review * 4, 10));
      await plans.change(
        key,
        start,
        (_stored, plan) => {
          let next: Plan = plan;
          for (const step of framework.steps) {
            const edits = step.actions.map((action) => ({ actionId: action.id, rating: RATINGS[Math.floor(random() * 3)], note: random() < 0.3 ? 'Working on it with the action group; next steps agreed with governors.' : '', owner: 'Ms Lead', target: '' }));
            const outcome = applyStepEdit(next, framework, { stepId: step.id, version: framework.version, edits }, lead, at);
            if (outcome.ok) next = outcome.plan;
          }
          return { write: { plan: reviewed(next, at), review: snapshotOf(next, framework, lead, at), lead: i % 5 === 0 ? lead : undefined }, result: null };
        },
        at,
      );
    }
  };
  for (let from = 0; from < SCHOOLS; from += 20) await Promise.all(Array.from({ length: Math.min(20, SCHOOLS - from) }, (_, j) => seedOne(from + j)));
}

async function main(): Promise<void> {
  const root = projectRoot();
  const framework = loadFramework(root);
  const azurite = await startAzurite({ projectRoot: root });
  try {
    const storage = createStorageAccount(azurite.connectionString, 'bench5');
    await storage.ensure([PLANS_TABLE]);
    const plans = new PlanRepository(storage);
    const seedStarted = performance.now();
    await seed(plans, framework);
    console.log(`seeded ${SCHOOLS} schools with ${REVIEWS} reviews each in ${Math.round(performance.now() - seedStarted)} ms`);
    const services = { fiveStepsPlans: plans, fiveStepsFramework: framework } as unknown as Services;
    const now = new Date('2026-12-04T12:00:00Z');

    const overviewMs: number[] = [];
    let transactions = 0;
    let schools = 0;
    await readPlansOverview(TENANT, AREA, now, services);
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      const { overview, requests } = await readPlansOverview(TENANT, AREA, now, services);
      overviewMs.push(performance.now() - started);
      transactions = requests;
      schools = overview.schoolsWithPlan;
    }
    // The baseline: every school's plan and its reviews, a plan at a time (20 at once), as a design without summaries would.
    const baselineMs: number[] = [];
    const baselineRequests = SCHOOLS * 2;
    for (let r = 0; r < 3; r++) {
      const started = performance.now();
      for (let from = 0; from < SCHOOLS; from += 20) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, j) => {
            const urn = String(300000 + from + j);
            await plans.get(TENANT, AREA, urn);
            await plans.reviews(TENANT, AREA, urn);
          }),
        );
      }
      baselineMs.push(performance.now() - started);
    }
    const sorted = [...overviewMs].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    const baselineMedian = percentile([...baselineMs].sort((a, b) => a - b), 50);
    console.log(`overview of ${schools} schools: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${ROUNDS} rounds, ${transactions} storage transaction(s) (targets: p95 < 300 ms, <= 20)`);
    console.log(`baseline, plan by plan: median ${baselineMedian.toFixed(0)} ms, ${baselineRequests} requests; the overview takes ${(p50 / baselineMedian).toFixed(3)} of its time`);
    console.log(
      JSON.stringify({
        bench: 'five-steps',
        schools,
        reviewsPerSchool: REVIEWS,
        overviewP50Ms: round(p50, 1),
        overviewP95Ms: round(p95, 1),
        transactionsPerOverview: transactions,
        baselinePlanByPlanMs: Math.round(baselineMedian),
        baselineTransactions: baselineRequests,
        overviewOverBaseline: round(p50 / baselineMedian, 3),
        targetsMet: p95 < 300 && transactions <= 20,
      }),
    );
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
