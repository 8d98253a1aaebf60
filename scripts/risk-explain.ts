// `npm run risk:explain -- "a message"`: how the risk detector reads a message (its words, sentences and clauses), which
// lexicon phrases matched and what it decided, so a safeguarding lead can see which concept to extend. Prints the text.
import { readFileSync } from 'node:fs';
import { explainRisk } from '../bot/features/safeguarding/domain/risk/detector';
import { projectRoot } from '../bot/projectRoot';
import { loadRiskLexicons } from '../bot/features/safeguarding/urgentHelpService';

const explain = explainRisk(loadRiskLexicons(projectRoot()));
const args = process.argv.slice(2);
const texts = args[0] === '--file' && args[1] ? readFileSync(args[1], 'utf8').split('\n').filter((l) => l.trim()) : args;
if (texts.length === 0) {
  process.stderr.write('Give the message to explain in quotes: npm run risk:explain -- "she said she will jump"\n');
  process.exitCode = 1;
}
for (const text of texts) {
  const { words, matches, assessment } = explain(text);
  const shown = words.words.map((w, i) => (i > 0 && words.sentence[i] !== words.sentence[i - 1] ? ' || ' : i > 0 && words.segment[i] !== words.segment[i - 1] ? ' | ' : i > 0 && words.clause[i] !== words.clause[i - 1] ? ' , ' : ' ') + w);
  process.stdout.write(`\n${assessment.risk ? 'RISK' : 'no risk'} [${assessment.concepts.join(', ')}]\n  read: ${shown.join('').trim()}\n`);
  for (const m of matches) process.stdout.write(`  ${String(m.start).padStart(3)} ${m.effect.padEnd(12)} ${m.concept.padEnd(22)} "${m.words}"\n`);
}
