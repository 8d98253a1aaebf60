// The CSV export of a run: one pseudonymous row per respondent, one column per question, built with csv-stringify.
import { createHmac } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../../domain/spreadsheetCells';
import type { Answers } from './answers';
import { questionsOf, type Survey } from './definition';
import type { SurveyRun } from './runs';

export interface ExportRow {
  readonly respondent: string;
  readonly updated: Date;
  readonly answers: Answers;
}

/** A stable pseudonym within one run that cannot be linked to the person or across runs without the run's secret salt. */
export function pseudonymFor(run: Pick<SurveyRun, 'salt'>, aadObjectId: string): string {
  return `r-${createHmac('sha256', run.salt).update(aadObjectId.toLowerCase()).digest('hex').slice(0, 12)}`;
}

export function runToCsv(survey: Survey, run: SurveyRun, rows: readonly ExportRow[]): string {
  const questions = questionsOf(survey);
  const records = rows
    .map((row) => [
      run.runId,
      run.kind,
      run.phase,
      pseudonymFor(run, row.respondent),
      row.updated.toISOString(),
      // Free-text answers are typed by respondents: never a formula in the coordinator's spreadsheet.
      ...questions.map((q) => (row.answers[q.id] === undefined ? '' : spreadsheetSafe(String(row.answers[q.id])))),
    ])
    // Sorted by pseudonym, so the order says nothing about who answered first.
    .sort((a, b) => String(a[3]).localeCompare(String(b[3])));
  return stringify(records, { header: true, columns: ['run_id', 'survey', 'phase', 'respondent', 'updated', ...questions.map((q) => q.id)] });
}
