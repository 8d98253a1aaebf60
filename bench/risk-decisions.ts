// `npm run risk:decisions -- --save FILE` records the risk detector's decision on every labelled message and on
// thousands of generated variants (by id, never the text); `-- --check FILE` says whether today's detector decides
// every one of them the same (exit code 1 and the ids that differ when not). Used around a change made for speed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadRiskLexicons } from '../bot/features/safeguarding/urgentHelpService';
import { projectRoot } from '../bot/projectRoot';
import { decisionLine, decisionsDigest, generatedVariants, riskDecisions, type RiskDecision } from './riskDecisions';
import { loadRiskSet } from './riskSet';

/** How many variants, and how many long messages, the generator makes; the seed keeps them the same every run. */
const VARIANTS = 6_000;
const LONG_MESSAGES = 200;
const SEED = 1313;

const root = projectRoot();
const args = process.argv.slice(2);
const mode = args[0];
const file = path.resolve(args[1] ?? path.join(root, '.data', 'risk-decisions.json'));
if (mode !== '--save' && mode !== '--check') {
  process.stderr.write('Say what to do: npm run risk:decisions -- --save [file] (record today\'s decisions) or -- --check [file] (compare with them)\n');
  process.exit(2);
}

const set = loadRiskSet(root);
// The variants are made from dev messages only: holdout texts (independent-c above all) are decided, never reworked.
const dev = set.filter((m) => m.split === 'dev');
const messages = [...set.map(({ id, text }) => ({ id, text })), ...generatedVariants(dev, VARIANTS, LONG_MESSAGES, SEED)];
const started = performance.now();
const decisions = riskDecisions(loadRiskLexicons(root), messages);
const seconds = (performance.now() - started) / 1000;
const devIds = new Set(dev.map((m) => m.id));
const summary = {
  messages: decisions.length,
  labelled: set.length,
  generated: decisions.length - set.length,
  flagged: decisions.filter((d) => d.risk).length,
  scored: decisions.filter((d) => d.score !== null).length,
  digest: decisionsDigest(decisions),
  devDigest: decisionsDigest(decisions.filter((d) => devIds.has(d.id))),
};
process.stdout.write(`${decisions.length} messages decided in ${seconds.toFixed(1)} s: ${summary.flagged} flagged, ${summary.scored} scored by the model; digest ${summary.digest}, dev sets ${summary.devDigest}\n`);

if (mode === '--save') {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ summary, decisions }, null, 0)}\n`);
  process.stdout.write(`saved to ${file}\n`);
} else {
  const saved = (JSON.parse(readFileSync(file, 'utf8')) as { decisions: RiskDecision[] }).decisions;
  const before = new Map(saved.map((d) => [d.id, decisionLine(d)]));
  const differ: string[] = [];
  for (const d of decisions) if (before.get(d.id) !== decisionLine(d)) differ.push(d.id);
  const missing = saved.length - decisions.filter((d) => before.has(d.id)).length;
  if (differ.length === 0 && missing === 0) process.stdout.write(`identical: all ${decisions.length} decisions, concepts, kinds and scores are as saved in ${file}\n`);
  else {
    process.stdout.write(`DIFFERENT: ${differ.length} of ${decisions.length} decisions differ, ${missing} saved ids not decided now\n`);
    for (const id of differ.slice(0, 50)) process.stdout.write(`  ${before.get(id) ?? `${id} (new)`}\n  -> ${decisionLine(decisions.find((d) => d.id === id) as RiskDecision)}\n`);
    process.exitCode = 1;
  }
}
