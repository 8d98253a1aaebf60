// The plan model: edits from a step card (only real changes recorded, stale or unknown ones refused whole), reviews
// that keep the action texts of their own framework version, what changed since the last review, the next review date.
import fc from 'fast-check';
import path from 'node:path';
import type { Framework } from '../../../../../bot/features/fiveSteps/domain/framework';
import {
  actionEditSchema,
  applyStepEdit,
  changedSinceCard,
  changesSince,
  lastChangeOf,
  emptyPlan,
  nextReviewDue,
  RATINGS,
  reviewed,
  snapshotOf,
  snapshotTallies,
  stepTally,
  type ActionEdit,
  type Plan,
} from '../../../../../bot/features/fiveSteps/domain/plan';
import { loadFramework } from '../../../../../bot/features/fiveSteps/frameworkFile';

const framework = loadFramework(path.resolve(__dirname, '../../../../..'));
const AMY = { aadObjectId: 'amy', name: 'Amy Head' };
const KIT = { aadObjectId: 'kit', name: 'Kit Lee' };
const T1 = new Date('2027-01-10T10:00:00Z');
const T2 = new Date('2027-01-11T10:00:00Z');
const school = { urn: '100001', areaId: 'telford', schoolName: 'Hadley Primary' };
const edit = (actionId: string, fields: Partial<Record<'rating' | 'note' | 'owner' | 'target', string>> = {}): ActionEdit =>
  actionEditSchema.parse({ actionId, rating: '', note: '', owner: '', target: '', ...fields });

function applied(plan: Plan, stepId: string, edits: ActionEdit[], by = AMY, now = T1, version = framework.version) {
  const outcome = applyStepEdit(plan, framework, { stepId, version, edits }, by, now);
  if (!outcome.ok) throw new Error(outcome.detail);
  return outcome;
}

describe('editing a step', () => {
  const plan = emptyPlan(school, framework);

  it('records the rating, note, owner and target with who changed them and when', () => {
    const { plan: after, changed } = applied(plan, 'leading-change', [edit('lc-policy', { rating: 'amber', note: 'Draft with governors', owner: 'Head', target: '2027-03-31' }), edit('lc-prepare')]);
    expect(changed).toEqual(['lc-policy']);
    expect(after.entries['lc-policy']).toEqual({ rating: 'amber', note: 'Draft with governors', owner: 'Head', target: '2027-03-31', changedBy: AMY, changedAt: T1 });
    expect(after.entries['lc-prepare']).toBeUndefined();
    expect(stepTally(after, framework.steps[0]!)).toEqual({ red: 0, amber: 1, green: 0, unrated: 3 });
  });

  it('keeps who changed an action last when a later card sends it back unchanged', () => {
    const first = applied(plan, 'leading-change', [edit('lc-policy', { rating: 'red' })]).plan;
    const second = applied(first, 'leading-change', [edit('lc-policy', { rating: 'red' }), edit('lc-governors', { rating: 'green' })], KIT, T2);
    expect(second.changed).toEqual(['lc-governors']);
    expect(second.plan.entries['lc-policy']?.changedBy).toEqual(AMY);
    expect(second.plan.entries['lc-governors']?.changedBy).toEqual(KIT);
  });

  it('refuses a card made from another version of the action list, changing nothing', () => {
    const outcome = applyStepEdit(plan, framework, { stepId: 'leading-change', version: framework.version - 1, edits: [edit('lc-policy', { rating: 'green' })] }, AMY, T1);
    expect(outcome).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('refuses an action of another step, or one that does not exist, and a step that does not exist', () => {
    expect(applyStepEdit(plan, framework, { stepId: 'leading-change', version: framework.version, edits: [edit('lc-policy', { rating: 'green' }), edit('wt-group', { rating: 'red' })] }, AMY, T1)).toMatchObject({
      ok: false,
      reason: 'unknown-action',
      detail: 'Leading change has no action "wt-group"',
    });
    expect(applyStepEdit(plan, framework, { stepId: 'step-six', version: framework.version, edits: [] }, AMY, T1)).toMatchObject({ ok: false, reason: 'unknown-step' });
  });

  it('checks the fields a card sends: ratings, real dates, lengths', () => {
    expect(actionEditSchema.safeParse({ actionId: 'lc-policy', rating: 'purple', note: '', owner: '', target: '' }).success).toBe(false);
    expect(actionEditSchema.safeParse({ actionId: 'lc-policy', rating: 'red', note: '', owner: '', target: '2027-02-30' }).success).toBe(false);
    expect(actionEditSchema.safeParse({ actionId: 'lc-policy', rating: 'red', note: 'x'.repeat(501), owner: '', target: '' }).success).toBe(false);
    expect(actionEditSchema.parse({ actionId: 'lc-policy', rating: '', note: '  ', owner: ' Head ', target: '' })).toEqual({ actionId: 'lc-policy', rating: undefined, note: '', owner: 'Head', target: '' });
  });

  it('never changes an action it was not sent, whatever it was sent (property)', () => {
    const step = framework.steps[3]!;
    const editArb = fc.record({ actionId: fc.constantFrom(...step.actions.map((a) => a.id)), rating: fc.constantFrom('', ...RATINGS), note: fc.string({ maxLength: 20 }), owner: fc.string({ maxLength: 10 }), target: fc.constant('') });
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 6 }), (raw) => {
        const base = applied(plan, 'leading-change', [edit('lc-policy', { rating: 'green' })]).plan;
        const outcome = applyStepEdit(base, framework, { stepId: step.id, version: framework.version, edits: raw.map((r) => actionEditSchema.parse(r)) }, KIT, T2);
        if (!outcome.ok) return false;
        const sent = new Set(raw.map((r) => r.actionId));
        return Object.keys(outcome.plan.entries).every((id) => sent.has(id) || outcome.plan.entries[id] === base.entries[id]) && outcome.changed.every((id) => sent.has(id));
      }),
    );
  });
});

describe('reviews', () => {
  it('keeps the action texts of the framework it was taken under, so a changed list does not rewrite old reviews', () => {
    const plan = applied(emptyPlan(school, framework), 'understanding-need', [edit('un-measure', { rating: 'red' })]).plan;
    const snapshot = snapshotOf(plan, framework, AMY, T1);
    const renamed: Framework = { ...framework, version: framework.version + 1, steps: framework.steps.map((s) => ({ ...s, actions: s.actions.map((a) => ({ ...a, text: `${a.text} (new)` })) })) };
    expect(snapshot.actions.find((a) => a.actionId === 'un-measure')).toEqual({ stepId: 'understanding-need', actionId: 'un-measure', text: "Measure pupils' wellbeing regularly", rating: 'red' });
    expect(snapshot.frameworkVersion).toBe(framework.version);
    expect(snapshotOf(plan, renamed, AMY, T2).actions.find((a) => a.actionId === 'un-measure')?.text).toMatch(/\(new\)$/);
    expect(snapshotTallies(snapshot).get('understanding-need')).toEqual({ red: 1, amber: 0, green: 0, unrated: 2 });
    expect(reviewed(plan, T1)).toMatchObject({ lastReviewAt: T1, reviews: 1 });
  });

  it('says which ratings changed since the last review', () => {
    const first = applied(emptyPlan(school, framework), 'supporting-staff', [edit('ss-survey', { rating: 'red' }), edit('ss-training', { rating: 'amber' })]).plan;
    const before = snapshotOf(first, framework, AMY, T1);
    const second = applied(first, 'supporting-staff', [edit('ss-survey', { rating: 'green' }), edit('ss-training', { rating: 'amber' }), edit('ss-support', { rating: 'red' })], KIT, T2).plan;
    const changes = changesSince(before, snapshotOf(second, framework, KIT, T2));
    expect(changes.map((c) => [c.actionId, c.from, c.to])).toEqual([
      ['ss-survey', 'red', 'green'],
      ['ss-support', undefined, 'red'],
    ]);
  });

  it('falls due three to six months after the last review, on a real day of the month', () => {
    expect(nextReviewDue(new Date('2027-01-15T09:00:00Z'), 3).toISOString()).toBe('2027-04-15T09:00:00.000Z');
    expect(nextReviewDue(new Date('2026-11-30T09:00:00Z'), 3).toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(nextReviewDue(new Date('2027-03-31T09:00:00Z'), 6).toISOString()).toBe('2027-09-30T09:00:00.000Z');
  });
});

describe('a step card saved after someone else changed the step', () => {
  const school = { urn: '100001', areaId: 'telford', schoolName: 'Hadley Primary' };
  const edit = (actionId: string, rating: 'red' | 'amber' | 'green' | undefined, note = ''): ActionEdit => ({ actionId, rating, note, owner: '', target: '' });
  const T0 = new Date('2027-01-10T09:00:00Z');
  const T2 = new Date('2027-01-10T11:00:00Z');
  const withKits = applyStepEdit(emptyPlan(school, framework), framework, { stepId: 'leading-change', version: framework.version, edits: [edit('lc-policy', 'amber', 'draft')] }, KIT, T1);
  const plan = withKits.ok ? withKits.plan : emptyPlan(school, framework);

  it('conflicts only where the card made before the change would now write something else', () => {
    // Amy's card was made at T0, before Kit's change at T1: it still shows lc-policy unrated.
    expect(changedSinceCard(plan, { stepId: 'leading-change', version: framework.version, edits: [edit('lc-policy', undefined), edit('lc-prepare', 'green')] }, T0)).toEqual([{ actionId: 'lc-policy', by: KIT, at: T1 }]);
    // Her card agrees with Kit's value: nothing to undo.
    expect(changedSinceCard(plan, { stepId: 'leading-change', version: framework.version, edits: [edit('lc-policy', 'amber', 'draft'), edit('lc-prepare', 'green')] }, T0)).toEqual([]);
    // A card made after Kit's change may change it.
    expect(changedSinceCard(plan, { stepId: 'leading-change', version: framework.version, edits: [edit('lc-policy', 'red')] }, T2)).toEqual([]);
  });

  it("names the step's last change, and nothing for a step nobody touched", () => {
    expect(lastChangeOf(plan, framework.steps[0]!)).toEqual({ actionId: 'lc-policy', by: KIT, at: T1 });
    expect(lastChangeOf(plan, framework.steps[1]!)).toBeUndefined();
  });
});
