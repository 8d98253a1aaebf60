// Half-terms across a real council's published year (Kent 2025/26), with the bank holiday snapshot and BST changes.
import bankHolidayFeed from '../../../bot/features/networks/data/bank-holidays.json';
import { parsePastedCalendar } from '../../../bot/features/networks/commands/calendar';
import { bankHolidaysFrom } from '../../../bot/domain/bankHolidays';
import { duePrompts, promptOccurrences, promptPlanSchema, promptRunId } from '../../../bot/features/networks/domain/promptPlan';
import defaultPlan from '../../../bot/features/networks/data/prompt-plan.json';
import {
  CalendarImportError,
  halfTermOn,
  halfTermsOf,
  isSchoolDay,
  nextHalfTermStart,
  parseTermCalendarJson,
} from '../../../bot/domain/termCalendar';
import { kentCalendarCsv } from '../../support/calendars';

const holidays = bankHolidaysFrom(bankHolidayFeed);
const kentCsv = kentCalendarCsv();
const kent = parsePastedCalendar(kentCsv);
const plan = promptPlanSchema.parse(defaultPlan);

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarImportError) return error.problems;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('term calendar: Kent 2025/26', () => {
  it('computes the six half-terms with their first and last school days', () => {
    const halfTerms = halfTermsOf(kent, holidays);
    expect(kent.schoolYear).toBe('2025-26');
    expect(halfTerms.map((h) => [h.id, h.firstSchoolDay, h.lastSchoolDay])).toEqual([
      ['2025-26-autumn-1', '2025-09-03', '2025-10-24'],
      ['2025-26-autumn-2', '2025-11-03', '2025-12-19'],
      ['2025-26-spring-1', '2026-01-05', '2026-02-13'],
      ['2025-26-spring-2', '2026-02-23', '2026-03-27'],
      ['2025-26-summer-1', '2026-04-13', '2026-05-22'],
      ['2025-26-summer-2', '2026-06-01', '2026-07-22'],
    ]);
    expect(halfTerms.map((h) => h.label)).toContain('Spring 2 2025/26');
  });

  it('answers which half-term a date is in, and nothing in the holidays', () => {
    expect(halfTermOn('2025-09-03', [kent], holidays)?.id).toBe('2025-26-autumn-1');
    expect(halfTermOn('2025-10-24', [kent], holidays)?.id).toBe('2025-26-autumn-1');
    expect(halfTermOn('2025-10-29', [kent], holidays)).toBeUndefined();
    expect(halfTermOn('2025-11-03', [kent], holidays)?.id).toBe('2025-26-autumn-2');
    expect(halfTermOn('2025-12-25', [kent], holidays)).toBeUndefined();
    expect(halfTermOn('2026-04-06', [kent], holidays)).toBeUndefined(); // Easter Monday, in the Easter holiday
    expect(halfTermOn('2026-07-23', [kent], holidays)).toBeUndefined();
  });

  it('answers when the next half-term starts', () => {
    expect(nextHalfTermStart('2025-10-28', [kent], holidays)?.firstSchoolDay).toBe('2025-11-03');
    expect(nextHalfTermStart('2025-12-20', [kent], holidays)?.id).toBe('2025-26-spring-1');
    expect(nextHalfTermStart('2026-06-01', [kent], holidays)).toBeUndefined();
  });

  it('takes England-and-Wales bank holidays out of term time', () => {
    // Early May bank holiday 2026 (Monday 4 May) falls inside Summer 1.
    expect(holidays.titleOn('2026-05-04')).toBe('Early May bank holiday');
    expect(halfTermOn('2026-05-04', [kent], holidays)?.id).toBe('2025-26-summer-1');
    expect(isSchoolDay('2026-05-04', kent, holidays)).toBe(false);
    expect(isSchoolDay('2026-05-05', kent, holidays)).toBe(true);
    expect(isSchoolDay('2025-09-06', kent, holidays)).toBe(false); // a Saturday
  });

  it('skips a bank holiday that would be a half-term\'s first day', () => {
    const mayStart = { ...kent, terms: kent.terms.map((t) => (t.term === 'Summer' ? { ...t, starts: '2026-05-04' } : t)) };
    expect(halfTermsOf(mayStart, holidays).find((h) => h.id === '2025-26-summer-1')?.firstSchoolDay).toBe('2026-05-05');
  });

  it('treats an area closure day as no school', () => {
    const withClosure = { ...kent, closures: ['2025-11-03'] };
    expect(isSchoolDay('2025-11-03', withClosure, holidays)).toBe(false);
    expect(halfTermsOf(withClosure, holidays)[1]?.firstSchoolDay).toBe('2025-11-04');
  });
});

describe('prompt plan on the Kent year', () => {
  const occurrences = promptOccurrences(plan, kent, holidays);

  it('sends the focus prompt at 09:00 London on each half-term\'s first school day, across BST changes', () => {
    const focus = occurrences.filter((o) => o.prompt.id === 'focus');
    expect(focus.map((o) => o.at.toISOString())).toEqual([
      '2025-09-03T08:00:00.000Z', // BST
      '2025-11-03T09:00:00.000Z', // GMT: clocks went back on 26 October, during the half-term break
      '2026-01-05T09:00:00.000Z',
      '2026-02-23T09:00:00.000Z',
      '2026-04-13T08:00:00.000Z', // BST: clocks went forward on 29 March, in the Easter holiday
      '2026-06-01T08:00:00.000Z',
    ]);
  });

  it('never puts a prompt in a holiday or on a bank holiday', () => {
    for (const o of occurrences) {
      expect(isSchoolDay(o.date, kent, holidays)).toBe(true);
      expect(halfTermOn(o.date, [kent], holidays)?.id).toBe(o.halfTerm.id);
    }
  });

  it('gathers the agenda a week before the meeting and sends the pulse the school day after', () => {
    // Summer 1 starts Monday 13 April: week 4 Wednesday is 6 May; the agenda goes on Wednesday 29 April.
    const summer1 = occurrences.filter((o) => o.halfTerm.id === '2025-26-summer-1');
    expect(summer1.find((o) => o.prompt.id === 'agenda')?.date).toBe('2026-04-29');
    expect(summer1.find((o) => o.prompt.id === 'pulse')?.date).toBe('2026-05-07');
    expect(summer1[0]?.meetingAt.toISOString()).toBe('2026-05-06T14:30:00.000Z');
    // Autumn 1 starts on a Wednesday (3 September): week 1 is that week, so week 4 Wednesday is 24 September.
    const autumn1 = occurrences.find((o) => o.halfTerm.id === '2025-26-autumn-1' && o.prompt.id === 'agenda');
    expect(autumn1?.meetingAt.toISOString()).toBe('2025-09-24T14:30:00.000Z');
  });

  it('is due once its time has come, not before, and not for dates before the network existed', () => {
    const created = new Date('2025-09-01T00:00:00Z');
    expect(duePrompts(plan, [kent], holidays, new Date('2025-11-03T08:59:00Z'), created).map((o) => o.prompt.id)).toEqual([]);
    const due = duePrompts(plan, [kent], holidays, new Date('2025-11-03T09:00:00Z'), created);
    expect(due.map((o) => promptRunId('n1', o.halfTerm.id, o.prompt.id))).toEqual(['network:n1:2025-26-autumn-2:focus']);
    expect(duePrompts(plan, [kent], holidays, new Date('2025-11-03T09:00:00Z'), new Date('2025-11-03T09:30:00Z'))).toEqual([]);
  });
});

describe('term calendar import', () => {
  it('accepts the council\'s UK date style and JSON', () => {
    const uk = parsePastedCalendar(['term,starts,half_term_starts,half_term_ends,ends', 'Autumn term,03/09/2025,27/10/2025,31/10/2025,19/12/2025', 'Spring,05/01/2026,16/02/2026,20/02/2026,27/03/2026', 'Summer,13/04/2026,25/05/2026,29/05/2026,22/07/2026'].join('\n'));
    expect(uk).toEqual(kent);
    const json = parseTermCalendarJson(JSON.stringify({ terms: kent.terms, closures: ['2026-05-08'] }, null, 2));
    expect(json.closures).toEqual(['2026-05-08']);
    expect(json.terms).toEqual(kent.terms);
  });

  it('reports each problem with its line', () => {
    const problems = problemsOf(() =>
      parsePastedCalendar(['term,starts,half_term_starts,half_term_ends,ends', 'Autumn,2025-09-03,2025-10-27,2025-10-31,2025-12-19', 'Spring,2026-01-05,2026-02-31,2026-02-20,2026-03-27', 'Sumer,2026-04-13,2026-05-25,2026-05-29,2026-07-22'].join('\n')),
    );
    expect(problems).toEqual([
      'line 3: halfTermStarts must be a date such as 2025-09-03 or 03/09/2025 (got "2026-02-31")',
      'line 4: term must be Autumn, Spring or Summer (got "Sumer")',
    ]);
    expect(problemsOf(() => parsePastedCalendar('term,starts,ends\nAutumn,2025-09-03,2025-12-19'))[0]).toMatch(/^line 1: the header must have the columns/);
    expect(problemsOf(() => parsePastedCalendar(kentCsv.replace('2025-12-19', '2025-10-01')))).toEqual([
      'line 2: the dates must be in order: starts < half-term starts <= half-term ends < ends',
    ]);
    const badJson = JSON.stringify({ terms: kent.terms.map((t) => (t.term === 'Spring' ? { ...t, ends: '2026-13-01' } : t)) }, null, 2);
    expect(problemsOf(() => parseTermCalendarJson(badJson))).toEqual(['line 11: ends must be a date such as 2025-09-03 or 03/09/2025 (got "2026-13-01")']);
    expect(problemsOf(() => parseTermCalendarJson('{\n  "terms": [\n  }'))[0]).toMatch(/this is not valid JSON$/);
  });
});
