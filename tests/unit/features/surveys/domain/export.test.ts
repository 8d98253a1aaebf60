// The CSV export: pseudonymous, one row per respondent, values quoted where they need it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseSurveyFile } from '../../../../../bot/features/surveys/domain/definition';
import { pseudonymFor, runToCsv } from '../../../../../bot/features/surveys/domain/export';
import type { SurveyRun } from '../../../../../bot/features/surveys/domain/runs';

const cascade = parseSurveyFile(JSON.parse(readFileSync(path.join(__dirname, '../../../../../bot/features/surveys/data/cascade.json'), 'utf8')), 'cascade');
const run: SurveyRun = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  targetId: '19:abc@thread.tacv2',
  runId: '5b8f2c1e-0d3a-4c6b-9e7f-1a2b3c4d5e6f',
  kind: 'cascade',
  phase: 'baseline',
  label: 'Oldham',
  confidential: false,
  conversationId: '19:abc@thread.tacv2',
  openedAt: new Date('2026-11-23T10:00:00Z'),
  openedBy: 'x',
  members: [],
  salt: 'a-secret-salt',
};

describe('runToCsv', () => {
  it('writes one pseudonymous row per respondent with every question as a column', () => {
    const csv = runToCsv(cascade, run, [
      { respondent: 'AAAA-1', updated: new Date('2026-11-24T09:00:00Z'), answers: { clarity_now: 2, clarity_year: 4, next_action: 'Meet, then "agree", a form' } },
      { respondent: 'bbbb-2', updated: new Date('2026-11-24T09:05:00Z'), answers: { clarity_now: 3 } },
    ]);
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(['run_id', 'survey', 'phase', 'respondent', 'updated', 'clarity_now', 'clarity_year', 'contact_now', 'contact_year', 'structures_now', 'structures_year', 'outcomes_now', 'outcomes_year', 'learning_now', 'learning_year', 'integration_now', 'integration_year', 'evidence_now', 'evidence_year', 'next_action']);
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r.respondent === pseudonymFor(run, 'aaaa-1'))!;
    expect(first).toMatchObject({ clarity_now: '2', clarity_year: '4', contact_now: '', next_action: 'Meet, then "agree", a form' });
    expect(csv).not.toMatch(/aaaa-1|bbbb-2/i);
  });

  it('writes a free-text answer that a spreadsheet would run as a formula as plain text', () => {
    const csv = runToCsv(cascade, run, [
      { respondent: 'aaaa-1', updated: new Date('2026-11-24T09:00:00Z'), answers: { clarity_now: 2, next_action: '=HYPERLINK("http://example.com","Click")' } },
      { respondent: 'bbbb-2', updated: new Date('2026-11-24T09:05:00Z'), answers: { next_action: '@SUM(A1:A9)' } },
      { respondent: 'cccc-3', updated: new Date('2026-11-24T09:06:00Z'), answers: { next_action: 'Plan a - b session' } },
    ]);
    const actions = parse<Record<string, string>>(csv, { columns: true }).map((row) => row.next_action).sort();
    expect(actions).toEqual(["'=HYPERLINK(\"http://example.com\",\"Click\")", "'@SUM(A1:A9)", 'Plan a - b session'].sort());
  });

  it('gives the same person a different code in another run', () => {
    expect(pseudonymFor(run, 'aaaa-1')).toBe(pseudonymFor(run, 'AAAA-1'));
    expect(pseudonymFor(run, 'aaaa-1')).not.toBe(pseudonymFor({ salt: 'another-run' }, 'aaaa-1'));
  });
});
