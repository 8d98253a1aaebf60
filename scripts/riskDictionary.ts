// The English word list the typo guard is made from (the an-array-of-english-words package, a development dependency).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { typoKeyWords } from '../bot/features/safeguarding/domain/risk/detector';
import type { RiskLexicons } from '../bot/features/safeguarding/domain/risk';

export const TYPO_GUARD_ABOUT =
  'English words that typo tolerance would otherwise read as a risk key word ("bills" as "pills", "putting" as "cutting"), so they are always read as typed. "words" is made by `npm run risk:typo-guard` from an English word list (a test fails when a key word is added without running it); "keep" is kept by hand for words the list lacks (vaping, Snapchat, school shorthand).';

/** Lower-case English words of four letters or more (shorter words are never corrected). */
export function dictionaryWords(): string[] {
  const words = JSON.parse(readFileSync(require.resolve('an-array-of-english-words/index.json'), 'utf8')) as string[];
  return words.filter((w) => w.length >= 4 && /^[a-z]+$/.test(w));
}

/** What typo-guard.json records it was made for: the key words of the lexicons and the word list's size. */
export function keyWordsDigest(lexicons: RiskLexicons): string {
  return createHash('sha256').update(`${dictionaryWords().length}\n${typoKeyWords(lexicons).join('\n')}`).digest('hex');
}
