// The risk detector's public face: build it from the lexicons, then ask it about a message.
export { createRiskDetector, FULL_TYPO_CHARACTERS, type RiskAssessment, type RiskDetector } from './detector';
export { parseRiskLexicons, RiskLexiconError, RISK_KINDS, type LexiconFile, type RiskKind, type RiskLexicons } from './lexicons';
export { MAX_RISK_TEXT } from './normalise';
