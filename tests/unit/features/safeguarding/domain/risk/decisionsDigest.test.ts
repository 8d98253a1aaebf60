// Pins the risk detector's every decision on the committed dev sets (risk or not, concepts, kinds, the model's score), so
// that a change made for speed that alters one fails here; a deliberate change to the lexicons or the rules updates it.
import { loadRiskSet } from '../../../../../../bench/riskSet';
import { decisionsDigest, riskDecisions } from '../../../../../../bench/riskDecisions';
import { explainRisk } from '../../../../../../bot/features/safeguarding/domain/risk/detector';
import { ModelScorer, modelFeatures, modelProbability } from '../../../../../../bot/features/safeguarding/domain/risk/model';
import { projectRootForTests, shippedLexicons } from '../../../../../support/risk';

/**
 * The digest of the decisions on the dev messages of tests/fixtures/risk/ (bench/riskDecisions.ts). When the lexicons,
 * rules, model or labelled sets were changed on purpose and `npm run eval:risk` is as good as before, run
 * `npm run risk:decisions -- --save` and copy its "dev sets" digest here; a speed change must leave it as it is.
 */
const DEV_DECISIONS_DIGEST = '3c9fa252afc3fae5e46fb0ccf15f4ed60ba6d8b27c8d3ea8debce8d48bd7b36b';

describe('the risk detector decisions on the dev sets', () => {
  it('are exactly those pinned (decision, concepts, kinds and the model score to 1e-9, message by message)', () => {
    const dev = loadRiskSet(projectRootForTests).filter((m) => m.split === 'dev');
    // The explanation gives the same answer as the detector through the same code, and the model's score, in one pass.
    const decisions = riskDecisions(shippedLexicons(), dev, { byExplanation: true });
    expect(decisions).toHaveLength(2676);
    // When it differs, `npm run risk:decisions -- --check FILE` against a file saved before the change lists the ids.
    expect(decisionsDigest(decisions)).toBe(DEV_DECISIONS_DIGEST);
  });

  it('come from a model scorer that adds up exactly what the plain formula of the model does', () => {
    const lexicons = shippedLexicons();
    const model = lexicons.model;
    if (!model) throw new Error('the shipped lexicons carry no model.json');
    const explain = explainRisk(lexicons);
    const scorer = new ModelScorer(model);
    const messages = loadRiskSet(projectRootForTests).filter((m) => m.split === 'dev').slice(0, 400);
    const differ = messages.filter(({ text }) => {
      const input = explain(text).modelInput;
      return scorer.probability(input) !== modelProbability(model, modelFeatures(input, model.hashBits));
    });
    expect(differ.map((m) => m.id)).toEqual([]);
  });
});
