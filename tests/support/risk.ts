// The shipped risk detector, built once per test file, and a helper that says which concepts a text matched.
import path from 'node:path';
import type { RiskDetector } from '../../bot/features/safeguarding/domain/risk';
import { loadRiskDetector, loadRiskLexicons } from '../../bot/features/safeguarding/urgentHelpService';

export const projectRootForTests = path.join(__dirname, '..', '..');

let detector: RiskDetector | undefined;

export function shippedDetector(): RiskDetector {
  return (detector ??= loadRiskDetector(projectRootForTests));
}

export function shippedLexicons() {
  return loadRiskLexicons(projectRootForTests);
}
