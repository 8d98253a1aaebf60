// The panel's public module: its identifier guard, for other features' free text that must hold no pupil identifiers
// (5 Steps plan notes).
export { describeIdentifierKind, redactIdentifiers, scanForIdentifiers, type IdentifierKind, type ScanOptions } from './domain/identifiers';
