// The 5 Steps data file: the shipped one is valid, and each kind of mistake in it stops start-up naming the problem.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allActions, readFramework, STEP_IDS } from '../../../../../bot/features/fiveSteps/domain/framework';
import { loadFramework } from '../../../../../bot/features/fiveSteps/frameworkFile';

const root = path.resolve(__dirname, '../../../../..');
type FrameworkFile = { version: number; steps: { id: string; title: string; actions: { id: string; text: string }[] }[] };
const shipped = (): FrameworkFile => JSON.parse(readFileSync(path.join(root, 'bot/data/five-steps.json'), 'utf8')) as FrameworkFile;

describe('the 5 Steps framework file', () => {
  it('ships five steps in order, each with three to six actions with unique ids', () => {
    const framework = loadFramework(root);
    expect(framework.steps.map((step) => step.title)).toEqual(['Leading change', 'Working together', 'Understanding need', 'Promoting wellbeing', 'Supporting staff']);
    expect(framework.steps.map((step) => step.id)).toEqual([...STEP_IDS]);
    for (const step of framework.steps) expect(step.actions.length).toBeGreaterThanOrEqual(3);
    const ids = allActions(framework).map(({ action }) => action.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a step with too few actions, naming where', () => {
    const file = shipped();
    file.steps[2]!.actions = file.steps[2]!.actions.slice(0, 2);
    expect(() => readFramework(file, 'five-steps.json')).toThrow(/steps\.2\.actions: each step has three to six actions/);
  });

  it('refuses an action id used twice', () => {
    const file = shipped();
    file.steps[1]!.actions[0]!.id = 'lc-policy';
    expect(() => readFramework(file, 'five-steps.json')).toThrow(/action id "lc-policy" is used twice/);
  });

  it('refuses steps out of order, a missing version and a missing step', () => {
    const swapped = shipped();
    [swapped.steps[0], swapped.steps[1]] = [swapped.steps[1]!, swapped.steps[0]!];
    expect(() => readFramework(swapped, 'f.json')).toThrow(/the steps must be, in order/);
    const { version: _version, ...unversioned } = shipped();
    expect(() => readFramework(unversioned, 'f.json')).toThrow(/version/);
    const four = shipped();
    four.steps.pop();
    expect(() => readFramework(four, 'f.json')).toThrow(/exactly five steps/);
  });
});
