// The statistical second opinion: shipped as data made for today's lexicons and labelled set, retrained exactly by the
// script, asked only when the rules see no risk, the message is long enough and nothing explains it away as a whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRiskDetector, parseRiskLexicons, RiskLexiconError, type RiskLexicons } from '../../../../../../bot/features/safeguarding/domain/risk';
import { MODEL_CONCEPT, modelFileSchema } from '../../../../../../bot/features/safeguarding/domain/risk/model';
import { lexiconDigest, lexiconsWithoutModel, modelFileText, trainingRows, trainRiskModel } from '../../../../../../scripts/riskModel';
import { projectRootForTests, shippedDetector, shippedLexicons } from '../../../../../support/risk';

const modelPath = path.join(projectRootForTests, 'bot', 'features', 'safeguarding', 'data', 'risk', 'model.json');
const shippedText = readFileSync(modelPath, 'utf8');
const shipped = modelFileSchema.parse(JSON.parse(shippedText));

/** A stand-in model that finds every message of ten words or more like the risk messages. */
function withEagerModel(lexicons: RiskLexicons): RiskLexicons {
  return { ...lexicons, model: { hashBits: 10, threshold: 0.5, minimumWords: 10, bias: 20, weights: new Map() } };
}

describe('the risk model', () => {
  it('is made for the lexicons and the labelled dev messages of today (after changing either, run `npm run risk:train`)', () => {
    const { dataDigest } = trainingRows(projectRootForTests);
    expect(shipped.trainedOn.lexiconDigest).toBe(lexiconDigest(lexiconsWithoutModel(projectRootForTests)));
    expect(shipped.trainedOn.dataDigest).toBe(dataDigest);
  });

  it('is retrained to exactly the shipped file: same data, same weights and threshold', () => {
    expect(modelFileText(trainRiskModel(projectRootForTests))).toBe(shippedText);
  }, 60_000);

  it('was chosen by cross-validation within its false-positive budget, and never saw a holdout message', () => {
    expect(shipped.crossValidation.falsePositiveRateAtThreshold).toBeLessThanOrEqual(shipped.crossValidation.falsePositiveBudget);
    // Only dev halves: independent-c is all holdout, and independent-e gave its odd-numbered half (200) to tune against.
    expect(shipped.trainedOn.sources).toEqual({ 'independent-a': 642, 'independent-b': 534, 'independent-e': 200, 'independent-h1': 517, own: 783 });
    expect(shipped.threshold).toBeGreaterThanOrEqual(0.5);
  });

  it('flags a message the rules pass when it reads like the risk messages, naming itself and no kind', () => {
    const text = 'Year 9 girl wrote in her planner that she is done with everyone and nobody needs to worry about her after Friday';
    const { model: _model, ...rulesOnly } = shippedLexicons();
    expect(createRiskDetector(rulesOnly)(text).risk).toBe(false);
    expect(shippedDetector()(text)).toEqual({ risk: true, concepts: [MODEL_CONCEPT], kinds: [] });
  });

  it('is not asked about short messages, messages the rules already flag, or professional or past talk as a whole', () => {
    const eager = createRiskDetector(withEagerModel(shippedLexicons()));
    expect(eager('He has been vaping in the toilets').risk).toBe(false);
    expect(eager('She took 20 paracetamol and says she wants to die tonight').concepts).not.toContain(MODEL_CONCEPT);
    expect(eager('We are updating our safeguarding policy this term. Should self-harm have its own section in it?').risk).toBe(false);
    expect(eager('She self-harmed in year 7. She has been doing brilliantly for two years and wants to drop her check-ins.').risk).toBe(false);
    expect(eager('The canteen queue was really long today and the year 7s were late back to lessons').concepts).toEqual([MODEL_CONCEPT]);
  });

  it('leaves the rules to decide alone when there is no model file', () => {
    const { model: _model, ...rulesOnly } = shippedLexicons();
    expect(createRiskDetector(rulesOnly)('The canteen queue was really long today and the year 7s were late back to lessons').risk).toBe(false);
  });

  it('names the file and entry of a model file that is not valid', () => {
    const folder = path.join(projectRootForTests, 'bot', 'features', 'safeguarding', 'data', 'risk');
    const read = (file: string) => ({ file, json: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as unknown });
    const files = [...['rules.json', 'word-sets.json', 'text-speak.json', 'typo-guard.json'].map(read), ...shippedLexicons().concepts.map((c) => read(c.file))];
    const broken = { ...shipped, weights: [[5, 0.1], [3, 0.2]] };
    let problems: readonly string[] = [];
    try {
      parseRiskLexicons([...files, { file: 'model.json', json: broken }]);
    } catch (error) {
      if (error instanceof RiskLexiconError) problems = error.problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^model\.json weights\.1.*retrain with npm run risk:train/)]);
  });
});
