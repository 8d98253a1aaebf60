// 5 Steps plans on Azurite: a change and the school's summary row land together; concurrent edits from separate
// instances all survive (ETag, re-applied); reviews come back oldest first; an area's overview is one query; a person
// is forgotten from a plan without losing the plan; untouched plans are purged with everything that belongs to them.
import type { Framework } from '../../../../bot/features/fiveSteps/domain/framework';
import { applyStepEdit, emptyPlan, reviewed, snapshotOf, type Person, type Plan } from '../../../../bot/features/fiveSteps/domain/plan';
import { loadFramework } from '../../../../bot/features/fiveSteps/frameworkFile';
import { PLANS_TABLE, PlanRepository, type PlanChange, type SchoolKey } from '../../../../bot/features/fiveSteps/planRepository';
import { projectRoot } from '../../../../bot/projectRoot';
import { testStorage } from '../../../support/storage';

const framework: Framework = loadFramework(projectRoot());
const AMY: Person = { aadObjectId: 'a-amy', name: 'Amy Head' };
const BEN: Person = { aadObjectId: 'b-ben', name: 'Ben Smith' };
const NOW = new Date('2027-01-10T09:00:00Z');
const school = (urn: string, name = `School ${urn}`): SchoolKey => ({ tenantId: 't1', areaId: 'telford', urn, schoolName: name });
const start = (key: SchoolKey) => () => emptyPlan({ urn: key.urn, areaId: key.areaId, schoolName: key.schoolName }, framework);

function rate(actionId: string, rating: 'red' | 'amber' | 'green', by: Person, note = ''): (current: unknown, plan: Plan) => PlanChange<string[]> {
  const stepId = framework.steps.find((step) => step.actions.some((action) => action.id === actionId))!.id;
  return (_current, plan) => {
    const outcome = applyStepEdit(plan, framework, { stepId, version: framework.version, edits: [{ actionId, rating, note, owner: '', target: '' }] }, by, NOW);
    if (!outcome.ok) return { refuse: [outcome.detail] };
    return { write: { plan: outcome.plan, editor: by }, result: [...outcome.changed] };
  };
}

describe('PlanRepository on Azurite', () => {
  it('stores a plan with its summary, and reads both back', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    const key = school('123456', 'Hadley Primary');
    expect(await plans.get('t1', 'telford', '123456')).toBeUndefined();
    expect(await plans.change(key, start(key), rate('lc-policy', 'amber', AMY, 'Draft with governors in March'), NOW)).toEqual(['lc-policy']);
    const stored = await plans.get('t1', 'telford', '123456');
    expect(stored?.plan.entries['lc-policy']).toEqual({ rating: 'amber', note: 'Draft with governors in March', changedBy: AMY, changedAt: NOW });
    expect(stored?.plan.schoolName).toBe('Hadley Primary');
    const { summaries, requests } = await plans.summaries('t1', 'telford');
    expect(summaries).toEqual([{ urn: '123456', areaId: 'telford', schoolName: 'Hadley Primary', shareWithNetwork: false, ratings: { 'lc-policy': 'amber' } }]);
    expect(requests).toBe(1);
    // Another tenant's area of the same name sees nothing.
    expect((await plans.summaries('t2', 'telford')).summaries).toEqual([]);
  });

  it('keeps every one of 12 concurrent edits from three instances (none overwrites another)', async () => {
    const storage = await testStorage([PLANS_TABLE]);
    const instances = [new PlanRepository(storage), new PlanRepository(storage), new PlanRepository(storage)];
    const key = school('200001');
    const actions = framework.steps.flatMap((step) => step.actions.map((action) => action.id)).slice(0, 12);
    await Promise.all(actions.map((actionId, i) => instances[i % 3]!.change(key, start(key), rate(actionId, 'green', i % 2 ? AMY : BEN), NOW)));
    const stored = await instances[0]!.get('t1', 'telford', '200001');
    expect(Object.keys(stored!.plan.entries).sort()).toEqual([...actions].sort());
    expect(Object.keys((await instances[1]!.summaries('t1', 'telford')).summaries[0]!.ratings).sort()).toEqual([...actions].sort());
  });

  it('writes nothing when the change is refused', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    const key = school('300001');
    const refused = await plans.change(key, start(key), () => ({ refuse: 'no' }), NOW);
    expect(refused).toBe('no');
    expect(await plans.get('t1', 'telford', '300001')).toBeUndefined();
    expect((await plans.summaries('t1', 'telford')).summaries).toEqual([]);
  });

  it('keeps reviews as dated snapshots, oldest first, and the summary knows the last review', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    const key = school('400001');
    await plans.change(key, start(key), rate('wt-group', 'red', AMY), NOW);
    const review = (at: Date) => (_: unknown, plan: Plan): PlanChange<null> => ({ write: { plan: reviewed(plan, at), review: snapshotOf(plan, framework, AMY, at) }, result: null });
    const later = new Date('2027-04-20T10:00:00Z');
    await plans.change(key, start(key), review(later), later);
    await plans.change(key, start(key), review(NOW), later);
    const reviews = await plans.reviews('t1', 'telford', '400001');
    expect(reviews.map((r) => r.at)).toEqual([NOW, later]);
    expect(reviews[0]!.actions.find((a) => a.actionId === 'wt-group')).toEqual({ stepId: 'working-together', actionId: 'wt-group', text: expect.stringContaining('action group'), rating: 'red' });
    expect((await plans.get('t1', 'telford', '400001'))!.plan.reviews).toBe(2);
  });

  it('reads an area of 1,001 schools in two requests (1,000 rows a page)', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    for (let from = 0; from < 1001; from += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 1001 - from) }, (_, j) => {
          const i = from + j;
          const key = { ...school(String(500000 + i)), areaId: 'big' };
          return plans.change(key, start(key), rate('lc-prepare', i % 3 === 0 ? 'red' : 'green', AMY), NOW);
        }),
      );
    }
    const { summaries, requests } = await plans.summaries('t1', 'big');
    expect(summaries).toHaveLength(1001);
    expect(summaries.filter((s) => s.ratings['lc-prepare'] === 'red')).toHaveLength(334);
    expect(requests).toBe(2);
  }, 120_000);

  it('forgets a person: their changes stay, unnamed, and their editor row goes', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    const key = school('600001');
    await plans.change(key, start(key), rate('lc-prepare', 'green', AMY), NOW);
    await plans.change(key, start(key), rate('lc-policy', 'red', BEN), NOW);
    expect(await plans.editedBy('t1', AMY.aadObjectId)).toEqual([{ areaId: 'telford', urn: '600001' }]);
    expect(await plans.forget('t1', 'telford', '600001', AMY.aadObjectId, NOW)).toBe(1);
    const entries = (await plans.get('t1', 'telford', '600001'))!.plan.entries;
    expect(entries['lc-prepare']).toMatchObject({ rating: 'green', changedBy: { aadObjectId: '', name: 'a former member of staff' } });
    expect(entries['lc-policy']?.changedBy).toEqual(BEN);
    expect(await plans.editedBy('t1', AMY.aadObjectId)).toEqual([]);
  });

  it('purges plans unchanged since the cutoff with their summary, reviews and editors, and keeps the rest', async () => {
    const plans = new PlanRepository(await testStorage([PLANS_TABLE]));
    const old = school('700001');
    const fresh = school('700002');
    const then = new Date('2020-01-01T00:00:00Z');
    await plans.change(old, start(old), rate('lc-prepare', 'green', AMY), then);
    await plans.change(old, start(old), (_, plan) => ({ write: { plan: reviewed(plan, then), review: snapshotOf(plan, framework, AMY, then) }, result: null }), then);
    await plans.change(fresh, start(fresh), rate('lc-prepare', 'red', AMY), NOW);
    expect(await plans.purgeUnchangedSince(new Date('2024-01-01T00:00:00Z'))).toBe(1);
    expect(await plans.get('t1', 'telford', '700001')).toBeUndefined();
    expect(await plans.reviews('t1', 'telford', '700001')).toEqual([]);
    expect((await plans.summaries('t1', 'telford')).summaries.map((s) => s.urn)).toEqual(['700002']);
    expect(await plans.editedBy('t1', AMY.aadObjectId)).toEqual([{ areaId: 'telford', urn: '700002' }]);
  });
});
