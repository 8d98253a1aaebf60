// Writes bot/data/risk/typo-guard.json: the English words that typo tolerance would otherwise read as a risk key word
// ("bills" as "pills", "putting" as "cutting"). Run it after adding key words: `npm run risk:typo-guard`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { wordsReadAsTypos } from '../bot/domain/risk/detector';
import { projectRoot } from '../bot/projectRoot';
import { loadRiskLexicons } from '../bot/services/urgentHelp';
import { dictionaryWords, TYPO_GUARD_ABOUT } from './riskDictionary';

const root = projectRoot();
const started = performance.now();
const guarded = wordsReadAsTypos(loadRiskLexicons(root), dictionaryWords());
const words = [...guarded.keys()].sort();
writeFileSync(path.join(root, 'bot', 'data', 'risk', 'typo-guard.json'), `${JSON.stringify({ about: TYPO_GUARD_ABOUT, words }, null, 0).replace('"words":[', '"words": [\n').replace(/","/g, '", "').replace(/\]\}$/, '\n]}')}\n`);
process.stdout.write(`typo-guard.json: ${words.length} ordinary words kept as typed (${Math.round(performance.now() - started)} ms)\n`);
