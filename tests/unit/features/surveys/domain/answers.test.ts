// One card page of answers: complete and on-scale, or refused with every problem named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePageAnswers } from '../../../../../bot/features/surveys/domain/answers';
import { parseSurveyFile } from '../../../../../bot/features/surveys/domain/definition';

const cascade = parseSurveyFile(JSON.parse(readFileSync(path.join(__dirname, '../../../../../bot/features/surveys/data/cascade.json'), 'utf8')), 'cascade.json');
const lastPage = cascade.pages.at(-1)!;
const complete = { integration_now: '2', integration_year: '4', evidence_now: '3', evidence_year: '5' };

describe('parsePageAnswers', () => {
  it('turns the card inputs into numbers and keeps an optional next action', () => {
    expect(parsePageAnswers(lastPage, { ...complete, next_action: '  Agree one referral form ', run: 'x', page: 'p3' })).toEqual({
      ok: true,
      answers: { integration_now: 2, integration_year: 4, evidence_now: 3, evidence_year: 5, next_action: 'Agree one referral form' },
    });
    expect(parsePageAnswers(lastPage, { ...complete, next_action: '' })).toEqual({ ok: true, answers: { integration_now: 2, integration_year: 4, evidence_now: 3, evidence_year: 5 } });
  });

  it('names each missing, out-of-range or malformed rating', () => {
    const result = parsePageAnswers(lastPage, { ...complete, integration_now: '', evidence_now: '6', evidence_year: 'five' });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^"D \(Development of integrated working\.\.\.\): Where are we now\?" needs a rating\.$/);
    expect(problems[1]).toContain('must be a whole number from 1 to 5');
    expect(problems[2]).toContain('must be a whole number from 1 to 5');
  });

  it('names the question of each problem, and tells a value no card sends from one the person can fix', () => {
    const fixable = parsePageAnswers(lastPage, { ...complete, integration_now: '', evidence_now: '6' });
    expect(fixable.ok ? undefined : [fixable.fields.map((f) => f.field), fixable.unreadable]).toEqual([['integration_now', 'evidence_now'], false]);
    const forged = parsePageAnswers(lastPage, { ...complete, evidence_now: { $gt: 1 } });
    expect(forged.ok ? undefined : forged.unreadable).toBe(true);
  });

  it('refuses objects where a rating should be, and next actions over the limit', () => {
    const result = parsePageAnswers(lastPage, { ...complete, evidence_now: { $gt: 1 }, next_action: 'x'.repeat(501) });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringContaining('was not an answer I can read'),
      '"Next action" is 501 characters; the limit is 500.',
    ]);
  });
});
