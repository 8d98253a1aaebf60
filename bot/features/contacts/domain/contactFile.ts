// Reading and writing the directory as CSV or JSON text. Parsing only: checking each row is checkContactRows' job.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CONTACT_COLUMNS, contactToRecord, type Contact } from './contacts';

export type ContactFileFormat = 'csv' | 'json';

export type ParsedFile = { readonly ok: true; readonly rows: readonly unknown[] } | { readonly ok: false; readonly problem: string };

const REQUIRED_COLUMNS = ['serviceName', 'kind', 'needs', 'ageMin', 'ageMax', 'whoCanRefer', 'howToRefer', 'lastVerified'] as const;

/** Guesses the format from the file type or the text itself: JSON starts with [ or {. */
export function formatOf(text: string, fileType?: string): ContactFileFormat | undefined {
  const type = fileType?.toLowerCase().replace(/^\./, '');
  if (type === 'csv' || type === 'json') return type;
  if (type && type !== 'txt') return undefined;
  const start = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (start === '[' || start === '{') return 'json';
  return text.includes(',') ? 'csv' : undefined;
}

export function parseContactFile(text: string, format: ContactFileFormat): ParsedFile {
  return format === 'json' ? parseJson(text) : parseCsv(text);
}

function parseJson(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: 'The JSON could not be read: check for a missing comma, quote or bracket.' };
  }
  const rows = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { contacts?: unknown }).contacts) ? (value as { contacts: unknown[] }).contacts : undefined;
  if (!rows) return { ok: false, problem: 'The JSON must be a list of contacts, or an object with a "contacts" list.' };
  return { ok: true, rows };
}

function parseCsv(text: string): ParsedFile {
  let records: Record<string, string>[];
  try {
    records = parse(text, { bom: true, columns: (header: string[]) => header.map((h) => canonicalColumn(h)), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = typeof error === 'object' && error !== null && typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : undefined;
    return { ok: false, problem: `The CSV could not be read${line ? ` near line ${line}` : ''}: check that every row has the same number of cells and that quotes are closed.` };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload refuses columns: false; the assertion names the row shape
  const columns = (parse(header, { columns: false, trim: true }) as string[][])[0]?.map(canonicalColumn) ?? [];
  const unknown = columns.filter((c) => !(CONTACT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return { ok: false, problem: `The CSV has columns I do not know: ${unknown.join(', ')}. The columns are: ${CONTACT_COLUMNS.join(', ')}.` };
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) return { ok: false, problem: `The CSV is missing columns: ${missing.join(', ')}. The columns are: ${CONTACT_COLUMNS.join(', ')}.` };
  return { ok: true, rows: records };
}

/** "Service name", "service_name" and "serviceName" all mean serviceName. */
function canonicalColumn(raw: string): string {
  const squashed = raw.trim().toLowerCase().replace(/[^a-z]/g, '');
  return CONTACT_COLUMNS.find((c) => c.toLowerCase() === squashed) ?? raw.trim();
}

export function contactsToCsv(contacts: readonly Contact[]): string {
  return stringify(contacts.map(contactToRecord), { header: true, columns: [...CONTACT_COLUMNS] });
}

