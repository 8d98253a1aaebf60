// Regression guard over our labelled set (tests/fixtures/risk/messages.jsonl): every risk message of the dev split is
// flagged and at most 3% of its ordinary ones; the holdout split, never tuned against, may not fall below its last figures.
import { loadRiskSet, scoreRiskSet } from '../../../../../../bench/riskSet';
import { projectRootForTests, shippedDetector } from '../../../../../support/risk';

const detect = shippedDetector();
const set = loadRiskSet(projectRootForTests);
const flags = (text: string) => detect(text).risk;
const describeMessages = (messages: readonly { id: string; kind: string; text: string }[]) => messages.map((m) => `${m.id} ${m.kind}: ${m.text}`);

describe('the labelled risk set', () => {
  it('holds at least 600 messages, half risk, across every kind, with a fifth kept aside', () => {
    expect(set.length).toBeGreaterThanOrEqual(700);
    expect(set.filter((m) => m.risk).length / set.length).toBeGreaterThan(0.45);
    expect(new Set(set.map((m) => m.kind)).size).toBe(10);
    expect(new Set(set.map((m) => m.id)).size).toBe(set.length);
    expect(set.filter((m) => m.split === 'holdout').length / set.length).toBeCloseTo(0.2, 1);
  });

  it('flags every risk message of the dev split and at most 3% of its ordinary messages', () => {
    const figures = scoreRiskSet(set.filter((m) => m.split === 'dev'), flags);
    expect(describeMessages(figures.missed)).toEqual([]);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.03);
  });

  it('does not get worse on the holdout split than when it was last measured (see README)', () => {
    const figures = scoreRiskSet(set.filter((m) => m.split === 'holdout'), flags);
    expect(figures.recall).toBeGreaterThanOrEqual(HOLDOUT_RECALL_FLOOR);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(HOLDOUT_FALSE_POSITIVE_CEILING);
  });
});

/** The holdout figures when the detector was last changed; raise them as it improves, never lower them to pass. */
const HOLDOUT_RECALL_FLOOR = 0.91;
const HOLDOUT_FALSE_POSITIVE_CEILING = 0.07;
