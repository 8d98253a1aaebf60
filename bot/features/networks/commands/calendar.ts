// `calendar import <area>` (the council's term dates as CSV or JSON, attached or pasted) and `calendar show <area>` (the six half-terms).
import { parse } from 'csv-parse/sync';
import { noticeCard } from '../../../platform/cards/notice';
import { isAreaId } from '../../../domain/areas';
import { CalendarImportError, halfTermsOf, parseTermCalendarCsv, parseTermCalendarJson, type TermCalendar } from '../../../domain/termCalendar';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const importRoute = {
  name: 'calendar import',
  usage: 'calendar import <area> with a CSV or JSON file attached, or on the next lines CSV "term,starts,half_term_starts,half_term_ends,ends" or JSON',
  description: "Store an area's term dates for a school year from the council's published dates (replaces that year).",
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const showRoute = {
  name: 'calendar show',
  usage: 'calendar show <area>',
  description: "Show an area's half-terms and their first and last school days.",
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const EXAMPLE = [
  'calendar import kent',
  'term,starts,half_term_starts,half_term_ends,ends',
  'Autumn,2025-09-03,2025-10-27,2025-10-31,2025-12-19',
  'Spring,2026-01-05,2026-02-16,2026-02-20,2026-03-27',
  'Summer,2026-04-13,2026-05-25,2026-05-29,2026-07-22',
];

function areaFrom(firstLine: string, usage: string): string {
  const area = firstLine.trim().toLowerCase();
  if (!isAreaId(area)) throw validationError(`Name the area first: lower-case letters, digits and dashes. Usage: ${usage}`);
  return area;
}

/** Parses term dates (pasted or from a file); the line numbers in problems count from the first line of the dates. */
export function parsePastedCalendar(text: string): TermCalendar {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseTermCalendarJson(trimmed);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(trimmed, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CalendarImportError([`${line ? `line ${line}: ` : ''}this is not valid CSV`]);
  }
  return parseTermCalendarCsv(rows.map((row) => ({ line: row.info.lines, cells: row.record })));
}

export async function importCalendar(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'import term dates');
  const [firstLine = '', ...rest] = input.args.split(/\r?\n/);
  const area = areaFrom(firstLine, importRoute.usage);
  const pasted = rest.join('\n');
  const files = input.files ?? [];
  if (files.length > 1) throw validationError('Send one file at a time.');
  const file = files[0];
  if (file && pasted.trim() !== '') throw validationError('Send either a file or pasted term dates, not both.');
  if (!file && pasted.trim() === '') {
    throw validationError('Attach the term dates as a CSV or JSON file (in personal chat with me), or paste them on the lines after the command, for example:', EXAMPLE);
  }
  let text = pasted;
  if (file) {
    const fileType = file.fileType.toLowerCase();
    if (fileType !== 'csv' && fileType !== 'json') {
      throw validationError(`"${file.name.slice(0, 80)}" is a ${fileType || 'file of unknown type'}; I accept CSV or JSON. In Excel use "Save as: CSV UTF-8".`);
    }
    text = await services.attachments.text(file.downloadUrl);
  }
  let calendar: TermCalendar;
  try {
    calendar = parsePastedCalendar(text);
  } catch (error) {
    if (error instanceof CalendarImportError) throw validationError('Nothing was imported: fix these lines and send the command again.', error.problems);
    throw error;
  }
  await services.termCalendars.save(input.place.tenantId, { ...calendar, area, importedBy: input.caller.aadObjectId, imported: input.now });
  services.logger.info({ event: 'calendar.imported', area, schoolYear: calendar.schoolYear, by: input.caller.aadObjectId }, 'term calendar imported');
  const { holidays } = await services.bankHolidays.current();
  const halfTerms = halfTermsOf(calendar, holidays);
  const lastHalfTerm = halfTerms.at(-1);
  const beyond = lastHalfTerm !== undefined && lastHalfTerm.lastDay > holidays.coversUntil;
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Term dates imported for ${area} ${calendar.schoolYear.replace('-', '/')}`,
      message: 'The six half-terms, with bank holidays in England and Wales taken out:',
      details: [
        ...halfTerms.map((h) => `${h.label}: ${h.firstSchoolDay} to ${h.lastSchoolDay}`),
        ...(beyond ? [`The bank holiday list only covers dates up to ${holidays.coversUntil}.`] : []),
      ],
      style: 'good',
    }),
  );
}

export async function show(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'see term dates');
  const area = areaFrom(input.args, showRoute.usage);
  const calendars = await services.termCalendars.list(input.place.tenantId, area);
  if (calendars.length === 0) {
    return reply.card(services.cards.render(noticeCard, { title: `No term dates for ${area}`, message: `Import them with "calendar import ${area}".`, details: EXAMPLE }));
  }
  const { holidays } = await services.bankHolidays.current();
  return reply.card(
    services.cards.render(noticeCard, {
      title: `Half-terms for ${area}`,
      message: `${calendars.length} school year(s) imported.`,
      details: calendars.flatMap((c) => halfTermsOf(c, holidays).map((h) => `${h.label}: ${h.firstSchoolDay} to ${h.lastSchoolDay}`)),
    }),
  );
}
