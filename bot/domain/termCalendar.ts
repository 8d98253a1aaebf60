// Term calendars per area: a school year's three terms, each split by a half-term break into two half-terms (six a year).
// Pure: no I/O, no clock. Dates are London calendar dates (YYYY-MM-DD).
import { z } from 'zod';
import type { BankHolidays } from './bankHolidays';
import { addDays, isWeekend } from './londonTime';

export const TERM_NAMES = ['Autumn', 'Spring', 'Summer'] as const;
export type TermName = (typeof TERM_NAMES)[number];

/** One term as councils publish it: first and last day, and the half-term break (first and last day off). */
export interface TermDates {
  readonly term: TermName;
  readonly starts: string;
  readonly halfTermStarts: string;
  readonly halfTermEnds: string;
  readonly ends: string;
}

export interface TermCalendar {
  /** e.g. `2025-26`, from the Autumn term's start. */
  readonly schoolYear: string;
  readonly terms: readonly TermDates[];
  /** Extra days with no school across the area (e.g. an extra bank holiday the council added). */
  readonly closures: readonly string[];
}

export interface HalfTerm {
  /** Stable id used in run keys, e.g. `2025-26-autumn-1`. */
  readonly id: string;
  /** e.g. "Autumn 1 2025/26". */
  readonly label: string;
  readonly schoolYear: string;
  /** 1..6 within the school year. */
  readonly index: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly firstSchoolDay: string;
  readonly lastSchoolDay: string;
}

/** A school day: inside a half-term, a weekday, not a bank holiday, not an area closure. */
export function isSchoolDay(date: string, calendar: TermCalendar, holidays: BankHolidays): boolean {
  return isOpenDay(date, calendar, holidays) && halfTermSpans(calendar).some((span) => date >= span.firstDay && date <= span.lastDay);
}

/** A weekday that is neither a bank holiday nor an area closure (whether it is in term is checked separately). */
function isOpenDay(date: string, calendar: TermCalendar, holidays: BankHolidays): boolean {
  return !isWeekend(date) && holidays.titleOn(date) === undefined && !calendar.closures.includes(date);
}

/** The six half-terms of the school year, in order, with their first and last school days. */
export function halfTermsOf(calendar: TermCalendar, holidays: BankHolidays): HalfTerm[] {
  return halfTermSpans(calendar).map((span) => {
    const open = (date: string) => isOpenDay(date, calendar, holidays);
    let firstSchoolDay = span.firstDay;
    while (!open(firstSchoolDay) && firstSchoolDay < span.lastDay) firstSchoolDay = addDays(firstSchoolDay, 1);
    let lastSchoolDay = span.lastDay;
    while (!open(lastSchoolDay) && lastSchoolDay > span.firstDay) lastSchoolDay = addDays(lastSchoolDay, -1);
    return { ...span, firstSchoolDay, lastSchoolDay };
  });
}

/** The half-term that date D falls in (school days, weekends and bank holidays inside it), or undefined in a holiday. */
export function halfTermOn(date: string, calendars: readonly TermCalendar[], holidays: BankHolidays): HalfTerm | undefined {
  for (const calendar of calendars) {
    const found = halfTermsOf(calendar, holidays).find((h) => date >= h.firstDay && date <= h.lastDay);
    if (found) return found;
  }
  return undefined;
}

/** The next half-term whose first school day is after D, across the area's imported years. */
export function nextHalfTermStart(date: string, calendars: readonly TermCalendar[], holidays: BankHolidays): HalfTerm | undefined {
  return calendars
    .flatMap((calendar) => halfTermsOf(calendar, holidays))
    .filter((h) => h.firstSchoolDay > date)
    .sort((a, b) => a.firstSchoolDay.localeCompare(b.firstSchoolDay))[0];
}

/** The nearest school day on or after D (direction 1) or on or before it (-1), within the half-term; undefined if none. */
export function nearestSchoolDay(date: string, halfTerm: HalfTerm, calendar: TermCalendar, holidays: BankHolidays, direction: 1 | -1): string | undefined {
  let day = date < halfTerm.firstSchoolDay ? halfTerm.firstSchoolDay : date > halfTerm.lastSchoolDay ? halfTerm.lastSchoolDay : date;
  // Every day checked is inside the half-term, so only the day itself needs checking, not the term spans.
  while (day >= halfTerm.firstSchoolDay && day <= halfTerm.lastSchoolDay) {
    if (isOpenDay(day, calendar, holidays)) return day;
    day = addDays(day, direction);
  }
  return undefined;
}

function halfTermSpans(calendar: TermCalendar): Omit<HalfTerm, 'firstSchoolDay' | 'lastSchoolDay'>[] {
  const year = calendar.schoolYear;
  return calendar.terms.flatMap((term, t) => {
    const base = term.term.toLowerCase();
    return [
      { id: `${year}-${base}-1`, label: `${term.term} 1 ${year.replace('-', '/')}`, schoolYear: year, index: t * 2 + 1, firstDay: term.starts, lastDay: addDays(term.halfTermStarts, -1) },
      { id: `${year}-${base}-2`, label: `${term.term} 2 ${year.replace('-', '/')}`, schoolYear: year, index: t * 2 + 2, firstDay: addDays(term.halfTermEnds, 1), lastDay: term.ends },
    ];
  });
}

// ---- Import: the council's published dates as CSV or JSON, validated, problems reported with their line. ----

export class CalendarImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The term dates could not be imported: ${problems.length} problem(s).`);
    this.name = 'CalendarImportError';
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const ukDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Accepts 2025-09-03 or 03/09/2025 (as councils write it); undefined when neither or not a real date. */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim();
  let iso: string | undefined;
  if (isoDate.test(text)) iso = text;
  const uk = ukDate.exec(text);
  if (uk) iso = `${uk[3]}-${(uk[2] as string).padStart(2, '0')}-${(uk[1] as string).padStart(2, '0')}`;
  return iso && isRealIsoDate(iso) ? iso : undefined;
}

/** A yyyy-mm-dd text that names a day the calendar has (not 2025-02-30). */
export function isRealIsoDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const check = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === text;
}

interface LocatedTerm {
  readonly where: string;
  readonly fields: Record<'term' | 'starts' | 'halfTermStarts' | 'halfTermEnds' | 'ends', string | undefined>;
}

/** CSV with a header row: term,starts,half_term_starts,half_term_ends,ends; optional `closure` rows: closure,<date>. */
export function parseTermCalendarCsv(rows: readonly { line: number; cells: readonly string[] }[]): TermCalendar {
  const [header, ...body] = rows;
  const expected = ['term', 'starts', 'half_term_starts', 'half_term_ends', 'ends'];
  if (!header) throw new CalendarImportError(['The file is empty: paste a header row and one row per term.']);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const missing = expected.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new CalendarImportError([`line ${header.line}: the header must have the columns ${expected.join(',')} (missing ${missing.join(', ')})`]);
  }
  const at = (cells: readonly string[], name: string) => cells[names.indexOf(name)]?.trim() || undefined;
  const terms: LocatedTerm[] = [];
  const closures: { where: string; date: string | undefined }[] = [];
  for (const row of body) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells[0]?.trim().toLowerCase() === 'closure') {
      closures.push({ where: `line ${row.line}`, date: row.cells[1]?.trim() });
      continue;
    }
    terms.push({
      where: `line ${row.line}`,
      fields: { term: at(row.cells, 'term'), starts: at(row.cells, 'starts'), halfTermStarts: at(row.cells, 'half_term_starts'), halfTermEnds: at(row.cells, 'half_term_ends'), ends: at(row.cells, 'ends') },
    });
  }
  return validate(terms, closures);
}

const jsonSchema = z.object({
  terms: z.array(z.object({ term: z.string(), starts: z.string(), halfTermStarts: z.string(), halfTermEnds: z.string(), ends: z.string() })),
  closures: z.array(z.string()).default([]),
});

/** JSON: {"terms":[{"term","starts","halfTermStarts","halfTermEnds","ends"}], "closures":[...]}; problems name the line. */
export function parseTermCalendarJson(text: string): TermCalendar {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : undefined;
    throw new CalendarImportError([`${line ? `line ${line}: ` : ''}this is not valid JSON`]);
  }
  const parsed = jsonSchema.safeParse(value);
  if (!parsed.success) {
    throw new CalendarImportError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`));
  }
  // Point each term at the line where it is written, so problems can be found in the pasted text.
  const lines = text.split('\n');
  const lineOf = (needle: string, from: number) => {
    const index = lines.findIndex((line, i) => i >= from && line.includes(needle));
    return index >= 0 ? index + 1 : undefined;
  };
  let cursor = 0;
  const terms = parsed.data.terms.map((term, i) => {
    const line = lineOf(`"${term.term}"`, cursor);
    if (line) cursor = line;
    return { where: line ? `line ${line}` : `terms.${i}`, fields: term };
  });
  return validate(terms, parsed.data.closures.map((date, i) => ({ where: `closures.${i}`, date })));
}

function validate(rawTerms: readonly LocatedTerm[], rawClosures: readonly { where: string; date: string | undefined }[]): TermCalendar {
  const problems: string[] = [];
  const terms: TermDates[] = [];
  for (const { where, fields } of rawTerms) {
    const name = TERM_NAMES.find((n) => n.toLowerCase() === fields.term?.toLowerCase().replace(/\s*term$/, ''));
    if (!name) problems.push(`${where}: term must be Autumn, Spring or Summer (got "${fields.term ?? ''}")`);
    const dates: Partial<Record<'starts' | 'halfTermStarts' | 'halfTermEnds' | 'ends', string>> = {};
    for (const key of ['starts', 'halfTermStarts', 'halfTermEnds', 'ends'] as const) {
      const parsed = fields[key] ? parseDate(fields[key]) : undefined;
      if (!parsed) problems.push(`${where}: ${key} must be a date such as 2025-09-03 or 03/09/2025 (got "${fields[key] ?? ''}")`);
      else dates[key] = parsed;
    }
    const { starts, halfTermStarts, halfTermEnds, ends } = dates;
    if (!name || !starts || !halfTermStarts || !halfTermEnds || !ends) continue;
    if (!(starts < halfTermStarts && halfTermStarts <= halfTermEnds && halfTermEnds < ends)) {
      problems.push(`${where}: the dates must be in order: starts < half-term starts <= half-term ends < ends`);
      continue;
    }
    terms.push({ term: name, starts, halfTermStarts, halfTermEnds, ends });
  }
  if (rawTerms.length !== 3 && problems.length === 0) problems.push(`a school year has three terms (Autumn, Spring, Summer); found ${rawTerms.length}`);
  if (problems.length === 0) {
    terms.forEach((term, i) => {
      if (term.term !== TERM_NAMES[i]) problems.push(`${rawTerms[i]?.where}: expected the ${TERM_NAMES[i]} term here, in date order`);
      const previous = terms[i - 1];
      if (previous && term.starts <= previous.ends) problems.push(`${rawTerms[i]?.where}: the ${term.term} term starts before the ${previous.term} term ends`);
    });
  }
  const closures: string[] = [];
  for (const { where, date } of rawClosures) {
    const parsed = date ? parseDate(date) : undefined;
    if (!parsed) problems.push(`${where}: closure must be a date such as 2026-05-08 (got "${date ?? ''}")`);
    else closures.push(parsed);
  }
  if (problems.length > 0) throw new CalendarImportError(problems);
  const autumn = terms[0] as TermDates;
  const year = Number(autumn.starts.slice(0, 4));
  return { schoolYear: `${year}-${String((year + 1) % 100).padStart(2, '0')}`, terms, closures };
}
