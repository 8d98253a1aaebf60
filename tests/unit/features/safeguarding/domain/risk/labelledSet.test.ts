// Regression guard over the labelled sets (tests/fixtures/risk/): every risk message of each dev split is flagged and at
// most 3% of its ordinary ones; the holdout splits, never tuned against, may not fall below their last measured figures.
import { loadRiskSet, RISK_SOURCES, scoreRiskSet, type RiskSource } from '../../../../../../bench/riskSet';
import { createRiskDetector } from '../../../../../../bot/features/safeguarding/domain/risk';
import { projectRootForTests, shippedDetector, shippedLexicons } from '../../../../../support/risk';

const detect = shippedDetector();
/** The rules alone, without the statistical second opinion: the model must not hide a rule that stopped working. */
const { model: _model, ...rulesOnly } = shippedLexicons();
const detectByRules = createRiskDetector(rulesOnly);
const set = loadRiskSet(projectRootForTests);
const flags = (text: string) => detect(text).risk;
const describeMessages = (messages: readonly { id: string; kind: string; text: string }[]) => messages.map((m) => `${m.id} ${m.kind}: ${m.text}`);
const part = (source: RiskSource, split: 'dev' | 'holdout') => set.filter((m) => m.source === source && m.split === split);

/** The holdout figures when the detector was last changed; raise them as it improves, never lower them to pass. */
const HOLDOUT_FLOORS: Record<'own' | 'independent-c' | 'independent-e', { recall: number; falsePositiveRate: number }> = {
  own: { recall: 0.93, falsePositiveRate: 0.028 },
  // First measured in round 3 (recall 98.7%, false positives 1.3%), copied in unread: its texts were never looked at.
  'independent-c': { recall: 0.98, falsePositiveRate: 0.02 },
  // Written blind on 2026-12-04 and measured before any change (recall 98.0%, false positives 6.0%: above the 3% target,
  // the next round's work); its even-numbered half is never read.
  'independent-e': { recall: 0.98, falsePositiveRate: 0.06 },
};

describe('the labelled risk sets', () => {
  it('hold our own set of at least 600 messages, half risk, across every kind, with a fifth kept aside', () => {
    const own = set.filter((m) => m.source === 'own');
    expect(own.length).toBeGreaterThanOrEqual(700);
    expect(own.filter((m) => m.risk).length / own.length).toBeGreaterThan(0.45);
    expect(new Set(own.map((m) => m.kind)).size).toBe(10);
    expect(own.filter((m) => m.split === 'holdout').length / own.length).toBeCloseTo(0.2, 1);
  });

  it('hold the five independent sets whole: three to tune against, one kept aside, one half and half', () => {
    expect(part('independent-a', 'dev')).toHaveLength(642);
    expect(part('independent-h1', 'dev')).toHaveLength(517);
    expect(part('independent-b', 'dev')).toHaveLength(534);
    expect(part('independent-c', 'holdout')).toHaveLength(600);
    expect(set.filter((m) => m.source !== 'own' && m.source !== 'independent-c' && m.source !== 'independent-e' && m.split === 'holdout')).toEqual([]);
    expect(part('independent-c', 'dev')).toEqual([]);
    // independent-e: odd-numbered ids to tune against, even-numbered ones kept aside, as its writer split them.
    expect(part('independent-e', 'dev').map((m) => Number(m.id.slice(1)) % 2)).toEqual(Array.from({ length: 200 }, () => 1));
    expect(part('independent-e', 'holdout').map((m) => Number(m.id.slice(1)) % 2)).toEqual(Array.from({ length: 200 }, () => 0));
    expect(new Set(set.map((m) => m.id)).size).toBe(set.length);
    for (const { source } of RISK_SOURCES) expect(new Set(set.filter((m) => m.source === source).map((m) => m.kind)).size).toBe(10);
  });

  it.each(['own', 'independent-a', 'independent-h1', 'independent-b'] as const)('flags every risk message of the %s dev split and at most 3%% of its ordinary messages, by the rules alone too', (source) => {
    const figures = scoreRiskSet(part(source, 'dev'), flags);
    expect(describeMessages(figures.missed)).toEqual([]);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.03);
    const byRules = scoreRiskSet(part(source, 'dev'), (text) => detectByRules(text).risk);
    expect(describeMessages(byRules.missed)).toEqual([]);
    expect(byRules.falsePositiveRate).toBeLessThanOrEqual(0.03);
  });

  it.each(Object.entries(HOLDOUT_FLOORS))('does not get worse on the %s holdout split than when it was last measured (see README)', (source, floor) => {
    const figures = scoreRiskSet(part(source as RiskSource, 'holdout'), flags);
    expect(figures.recall).toBeGreaterThanOrEqual(floor.recall);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(floor.falsePositiveRate);
  });
});
