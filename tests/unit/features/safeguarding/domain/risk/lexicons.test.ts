// The lexicons are data a safeguarding lead edits: a mistake stops start-up with a message naming the file and entry,
// and the typo guard keeps up with the key words.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRiskDetector, parseRiskLexicons, RiskLexiconError, type LexiconFile } from '../../../../../../bot/features/safeguarding/domain/risk';
import { wordsReadAsTypos } from '../../../../../../bot/features/safeguarding/domain/risk/detector';
import { loadRiskLexicons } from '../../../../../../bot/features/safeguarding/urgentHelpService';
import { keyWordsDigest } from '../../../../../../scripts/riskDictionary';
import { projectRootForTests, shippedLexicons } from '../../../../../support/risk';

const riskFolder = path.join(projectRootForTests, 'bot', 'features', 'safeguarding', 'data', 'risk');

function shippedFiles(): LexiconFile[] {
  const read = (file: string) => ({ file, json: JSON.parse(readFileSync(path.join(riskFolder, file), 'utf8')) as unknown });
  const concepts = shippedLexicons().concepts.map((c) => c.file);
  return [...['rules.json', 'word-sets.json', 'text-speak.json', 'typo-guard.json'].map(read), ...concepts.map(read)];
}

function problemsOf(change: (files: LexiconFile[]) => LexiconFile[]): string[] {
  try {
    createRiskDetector(parseRiskLexicons(change(shippedFiles())));
  } catch (error) {
    if (error instanceof RiskLexiconError) return [...error.problems];
    throw error;
  }
  return [];
}

function withConcept(files: LexiconFile[], name: string, edit: (json: Record<string, unknown>) => Record<string, unknown>): LexiconFile[] {
  return files.map((f) => (f.file === `concepts/${name}.json` ? { file: f.file, json: edit({ ...(f.json as Record<string, unknown>) }) } : f));
}

describe('risk lexicons', () => {
  it('load and build from the shipped files', () => {
    expect(problemsOf((files) => files)).toEqual([]);
  });

  it('name the file and entry of a phrase that refers to a set that does not exist', () => {
    const problems = problemsOf((files) => withConcept(files, 'self-harm', (json) => ({ ...json, phrases: [...(json.phrases as string[]), 'cut {reflexiv}'] })));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^concepts\/self-harm\.json phrases\.\d+ \("cut \{reflexiv\}"\): the word set \{reflexiv\} does not exist/);
  });

  it('name a risk concept without a kind, an unknown effect and a misnamed file', () => {
    const problems = problemsOf((files) => withConcept(files, 'overdose', (json) => ({ ...json, kind: undefined, effect: 'risk' })));
    expect(problems.join('\n')).toContain('concepts/overdose.json kind: a "risk" concept needs a kind');
    expect(problemsOf((files) => withConcept(files, 'idioms', (json) => ({ ...json, effect: 'maybe' }))).join('\n')).toContain('concepts/idioms.json effect');
    expect(problemsOf((files) => withConcept(files, 'idioms', (json) => ({ ...json, concept: 'idiom' }))).join('\n')).toContain('name the file after its concept');
  });

  it('name a rule that combines a concept that does not exist', () => {
    const problems = problemsOf((files) =>
      files.map((f) => (f.file === 'rules.json' ? { file: f.file, json: { ...(f.json as object), rules: [{ name: 'x-rule', about: 'x', kind: 'suicidal-intent', all: ['substance', 'substanse'] }] } } : f)),
    );
    expect(problems).toEqual([expect.stringContaining('rules.json rules.0 all ("substanse"): no concept of that name')]);
  });

  it('report phrases that start with a wildcard, prefixes that are too short and a missing file', () => {
    const problems = problemsOf((files) => withConcept(files, 'danger', (json) => ({ ...json, phrases: ['* jump', 'ju* off'] })));
    expect(problems).toEqual([expect.stringContaining('("* jump"): it starts with a wildcard'), expect.stringContaining('("ju* off"): "ju*": a word ending in * needs at least three letters')]);
    expect(problemsOf((files) => files.filter((f) => f.file !== 'rules.json'))).toEqual(['rules.json: the file is missing']);
  });

  it('stop start-up with a message that says what to fix when a file is not valid JSON', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'risk-lexicons-'));
    try {
      cpSync(riskFolder, path.join(root, 'bot', 'features', 'safeguarding', 'data', 'risk'), { recursive: true });
      writeFileSync(path.join(root, 'bot', 'features', 'safeguarding', 'data', 'risk', 'concepts', 'idioms.json'), '{ "concept": "idioms", ');
      expect(() => loadRiskLexicons(root)).toThrow(/concepts\/idioms\.json: not valid JSON .* check for a missing comma, quote or bracket/);
      expect(() => loadRiskLexicons(root)).toThrow(/the bot cannot check messages for risk/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keep the typo guard made for today\'s key words (after adding a key word, run `npm run risk:typo-guard`)', () => {
    expect(shippedLexicons().typoGuardDigest).toBe(keyWordsDigest(shippedLexicons()));
  });

  it('guard the ordinary words nearest the key words, and find the ones a new key word would turn into risk', () => {
    const lexicons = shippedLexicons();
    expect(lexicons.typoGuard).toEqual(expect.arrayContaining(['bills', 'putting', 'tables', 'changing', 'fridge', 'driver', 'vaping']));
    const withNewKey = { ...lexicons, concepts: [...lexicons.concepts, { concept: 'extra', about: 'x', effect: 'signal' as const, typos: true, phrases: ['cannula'], file: 'concepts/extra.json' }] };
    expect([...wordsReadAsTypos(withNewKey, ['cannulas', 'canula', 'manual', 'table']).keys()].sort()).toEqual(['cannulas', 'canula']);
  });
});
