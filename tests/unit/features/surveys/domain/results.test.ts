// Results: counts, means, distributions and gaps, with every figure under 3 responses suppressed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSurveyFile } from '../../../../../bot/features/surveys/domain/definition';
import { compareRuns, summariseRun } from '../../../../../bot/features/surveys/domain/results';

const load = (kind: string) => parseSurveyFile(JSON.parse(readFileSync(path.join(__dirname, `../../../../../bot/features/surveys/data/${kind}.json`), 'utf8')), kind);
const cascade = load('cascade');
const pulse = load('pulse');

describe('summariseRun', () => {
  it('suppresses means, distributions, gaps and next actions under 3 respondents', () => {
    const two: Record<string, number | string>[] = [
      { clarity_now: 1, clarity_year: 5, next_action: 'Only I would write this' },
      { clarity_now: 2, clarity_year: 4 },
    ];
    const result = summariseRun(cascade, two);
    const clarityNow = result.items.find((i) => i.questionId === 'clarity_now')!;
    expect(clarityNow).toMatchObject({ n: 2, mean: undefined, distribution: undefined });
    expect(result.gaps[0]).toMatchObject({ dimensionId: 'clarity', nowMean: undefined, yearMean: undefined, gap: undefined });
    expect(result.nextActions).toEqual([]);
  });

  it('gives n, mean and distribution per item, the CASCADE gap, and next actions in an order that says nothing about who', () => {
    const three: Record<string, number | string>[] = [
      { clarity_now: 1, clarity_year: 4, next_action: 'Zebra crossing' },
      { clarity_now: 2, clarity_year: 5, next_action: 'Agree a referral form' },
      { clarity_now: 2, clarity_year: 5 },
    ];
    const result = summariseRun(cascade, three);
    expect(result.respondents).toBe(3);
    const clarityNow = result.items.find((i) => i.questionId === 'clarity_now')!;
    expect(clarityNow.n).toBe(3);
    expect(clarityNow.mean).toBe(1.67);
    expect(clarityNow.distribution?.map((d) => d.count)).toEqual([1, 2, 0, 0, 0]);
    expect(result.gaps[0]).toMatchObject({ letter: 'C', nowMean: 1.67, yearMean: 4.67, gap: 3 });
    // Other dimensions had nobody answer.
    expect(result.gaps[1]).toMatchObject({ nowN: 0, gap: undefined });
    expect(result.nextActions).toEqual(['Agree a referral form', 'Zebra crossing']);
  });

  it('counts only on-scale numbers', () => {
    const rows = [{ referral_handling: 4 }, { referral_handling: 5 }, { referral_handling: 1 }, { referral_handling: 'x' }];
    const item = summariseRun(pulse, rows).items.find((i) => i.questionId === 'referral_handling')!;
    expect(item.n).toBe(2);
    expect(item.mean).toBeUndefined();
  });
});

describe('compareRuns', () => {
  it('gives the change in mean with both n\'s, and suppresses when either phase has fewer than 3', () => {
    const baseline: Record<string, number>[] = [{ knowledge: 2, contact_frequency: 2 }, { knowledge: 3, contact_frequency: 3 }, { knowledge: 3 }];
    const followUp: Record<string, number>[] = [{ knowledge: 4, contact_frequency: 4 }, { knowledge: 4, contact_frequency: 5 }, { knowledge: 5, contact_frequency: 4 }, { knowledge: 4 }];
    const changes = compareRuns(pulse, baseline, followUp);
    expect(changes.find((c) => c.questionId === 'knowledge')).toEqual({
      questionId: 'knowledge',
      label: 'Knowledge',
      baselineN: 3,
      followUpN: 4,
      baselineMean: 2.67,
      followUpMean: 4.25,
      change: 1.58,
    });
    expect(changes.find((c) => c.questionId === 'contact_frequency')).toMatchObject({ baselineN: 2, followUpN: 3, baselineMean: undefined, change: undefined });
  });
});
