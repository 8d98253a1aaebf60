// `npm run risk:train`: retrains the risk detector's statistical second opinion from the labelled dev messages and
// writes bot/features/safeguarding/data/risk/model.json. Run it after changing the lexicons or the labelled set (a test says when).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../bot/projectRoot';
import { modelFileText, trainRiskModel } from './riskModel';

const root = projectRoot();
const started = performance.now();
const file = trainRiskModel(root);
writeFileSync(path.join(root, 'bot', 'features', 'safeguarding', 'data', 'risk', 'model.json'), modelFileText(file));
const { crossValidation: cv } = file;
process.stdout.write(
  `model.json: trained on ${file.trainedOn.messages} dev messages (${file.trainedOn.risk} risk), ${file.weights.length} weights; threshold ${file.threshold} ` +
    `(cross-validated: the model alone flags ${(cv.recallAtThreshold * 100).toFixed(1)}% of risk messages it did not see and adds ` +
    `${(cv.falsePositiveRateAtThreshold * 100).toFixed(2)}% false alarms, budget ${(cv.falsePositiveBudget * 100).toFixed(0)}%) in ${Math.round(performance.now() - started)} ms\n`,
);
