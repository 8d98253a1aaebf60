// Storage failures are read only where a table is kept: a handler, flow or job of a feature never imports the storage
// status checks, it catches an AppError code (`hasCode`, `reworded`), so what it tells a person does not hang on HTTP.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FEATURES = path.join(__dirname, '..', '..', '..', '..', 'bot', 'features');
/** The modules that keep a table: repositories, and the urgent-help service that keeps the `urgentHelp` table. */
const KEEPS_A_TABLE = /(Repository|urgentHelpService)\.ts$/;
const STORAGE_CHECKS = /import\s*(?:type\s*)?\{[^}]*\b(isConflict|isNotFound|statusOf)\b[^}]*\}\s*from\s*'[^']*platform\/storage\/account'/;

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('storage error checks stay in repositories', () => {
  it('no feature module but a repository imports isConflict, isNotFound or statusOf', () => {
    const sources = sourcesUnder(FEATURES);
    expect(sources.some((file) => KEEPS_A_TABLE.test(file) && STORAGE_CHECKS.test(readFileSync(file, 'utf8')))).toBe(true);
    const offenders = sources.filter((file) => !KEEPS_A_TABLE.test(file) && STORAGE_CHECKS.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(FEATURES, file))).toEqual([]);
  });
});
