// Writes bot/features/safeguarding/data/risk/typo-guard.json: the English words that typo tolerance would otherwise read as a risk key word
// ("bills" as "pills", "putting" as "cutting"). Run it after adding key words: `npm run risk:typo-guard`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { wordsReadAsTypos } from '../bot/features/safeguarding/domain/risk/detector';
import { projectRoot } from '../bot/projectRoot';
import { dictionaryWords, keyWordsDigest, TYPO_GUARD_ABOUT } from './riskDictionary';
import { lexiconsWithoutModel } from './riskModel';

const root = projectRoot();
const file = path.join(root, 'bot', 'features', 'safeguarding', 'data', 'risk', 'typo-guard.json');
const started = performance.now();
const { keep } = JSON.parse(readFileSync(file, 'utf8')) as { keep: string[] };
const lexicons = lexiconsWithoutModel(root);
const words = [...wordsReadAsTypos(lexicons, dictionaryWords()).keys()].sort();
const list = (values: readonly string[]) => values.map((w) => JSON.stringify(w)).join(', ');
writeFileSync(file, `{\n  "about": ${JSON.stringify(TYPO_GUARD_ABOUT)},\n  "keyWordsDigest": "${keyWordsDigest(lexicons)}",\n  "keep": [${list([...keep].sort())}],\n  "words": [\n${list(words)}\n  ]\n}\n`);
process.stdout.write(`typo-guard.json: ${words.length} ordinary words kept as typed, and ${keep.length} kept by hand (${Math.round(performance.now() - started)} ms)\n`);
