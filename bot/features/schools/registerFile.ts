// Reads a school register file as it streams in: GIAS's "all establishment data" CSV (Windows-1252, ~50,000 rows and
// ~140 columns, found by header name) or a small hand-made `URN,name,phase[,kind]` CSV. Never holds the file whole.
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import {
  GIAS_COLUMNS,
  HANDMADE_COLUMNS,
  judgeGiasRow,
  judgeHandmadeRow,
  REQUIRED_GIAS_FIELDS,
  type GiasField,
  type RegisterEntry,
  type SkipReason,
} from './domain/register';

export type RegisterFormat = 'gias' | 'handmade';

export interface MalformedRow {
  /** Counted from the first row after the header, as a spreadsheet shows it less one. */
  readonly row: number;
  readonly problem: string;
  /** The row may be one of the area's schools (its LA code is the area's, or unreadable); such a row stops the import. */
  readonly ofArea: boolean;
}

export interface RegisterRead {
  readonly format: RegisterFormat;
  readonly encoding: 'utf-8' | 'windows-1252';
  /** Data rows read (the header and empty lines not counted). */
  readonly rows: number;
  readonly kept: readonly RegisterEntry[];
  readonly skipped: Readonly<Record<SkipReason, number>>;
  /** The first `MALFORMED_LISTED` malformed rows; `skipped.malformed` counts them all. */
  readonly malformed: readonly MalformedRow[];
  /** How many malformed rows may be the area's. */
  readonly malformedOfArea: number;
}

/** A problem with the file as a whole (not CSV, no header, a missing column): nothing of it can be used. */
export class RegisterFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super('register file refused');
    this.name = 'RegisterFileError';
  }
}

export const MALFORMED_LISTED = 20;
/** Enough of the start of the file to tell UTF-8 from Windows-1252 (hand-made files are smaller than this). */
const SNIFF_BYTES = 256 * 1024;
/** No real register cell is near this; a file with one is not a register. */
const MAX_RECORD_CHARS = 100_000;

/**
 * Reads the register from `source`, keeping the open establishments of `laCodes` (GIAS) or every row (hand-made).
 * Throws RegisterFileError for a file that cannot be a register; errors of the source (a download cut short) pass through.
 */
export async function readRegisterFile(source: AsyncIterable<Buffer | Uint8Array>, laCodes: ReadonlySet<string>): Promise<RegisterRead> {
  const { encoding, text } = await decode(source);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // pipeline ends the parser with the source's error, so a failed download rejects the loop below.
  pipeline(Readable.from(text, { objectMode: false }), parser, () => undefined);

  let reader: RowReader | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!reader) {
        reader = rowReaderFor(record, laCodes, encoding);
        continue;
      }
      reader.read(record);
    }
  } catch (error) {
    if (isCsvError(error)) {
      const line = typeof error.lines === 'number' ? error.lines : '?';
      throw new RegisterFileError([`Line ${line} is not valid CSV (${csvProblem(error.code)}). Save the file as CSV again and send it.`]);
    }
    throw error;
  }
  if (!reader) throw new RegisterFileError(['The file is empty. Send the register CSV with its header row.']);
  return reader.result();
}

interface RowReader {
  read(record: readonly string[]): void;
  result(): RegisterRead;
}

function rowReaderFor(header: readonly string[], laCodes: ReadonlySet<string>, encoding: RegisterRead['encoding']): RowReader {
  const names = header.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  if (names.includes(GIAS_COLUMNS.urn) && names.includes(GIAS_COLUMNS.name)) return giasReader(names, laCodes, encoding);
  const lower = names.map((name) => name.toLowerCase());
  if (lower.includes('urn') && lower.includes('name')) return handmadeReader(lower, encoding);
  throw new RegisterFileError([
    'The first line is not a register header row I know. Send either the Get Information about Schools "all establishment data" CSV as downloaded (its header starts URN,LA (code),LA (name),…) or a CSV with the header URN,name,phase (and optionally kind: school or service).',
  ]);
}

function giasReader(names: readonly string[], laCodes: ReadonlySet<string>, encoding: RegisterRead['encoding']): RowReader {
  const index = new Map<GiasField, number>();
  for (const [field, column] of Object.entries(GIAS_COLUMNS) as [GiasField, string][]) {
    const at = names.indexOf(column);
    if (at !== -1) index.set(field, at);
  }
  const missing = REQUIRED_GIAS_FIELDS.filter((field) => !index.has(field)).map((field) => GIAS_COLUMNS[field]);
  const laAt = index.get('laCode');
  if (missing.length > 0 || laAt === undefined) {
    throw new RegisterFileError([`The file has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length === 1 ? '' : 's'}. Send the "all establishment data" CSV from Get Information about Schools as downloaded, with its header row.`]);
  }
  if (laCodes.size === 0) {
    throw new RegisterFileError(['This is the national register, and the area has no local authority codes yet, so I cannot tell which schools are its own. Set them first, e.g. "area set telford la 894", then send the file again.']);
  }
  const fields = [...index.entries()];
  const tally = new Tally();
  return {
    read(record) {
      const row = tally.nextRow();
      if (record.length !== names.length) {
        const la = (record[laAt] ?? '').trim();
        if (/^\d{3}$/.test(la) && !laCodes.has(la)) tally.skip('other LA');
        else tally.malformed({ row, problem: `has ${record.length} cells where the header has ${names.length} (a comma or quote out of place?)`, ofArea: true });
        return;
      }
      const cells: Partial<Record<GiasField, string>> = {};
      for (const [field, at] of fields) cells[field] = record[at];
      const verdict = judgeGiasRow(cells, laCodes);
      if ('kept' in verdict) tally.keep(verdict.kept, row);
      else if ('skipped' in verdict) tally.skip(verdict.skipped);
      else tally.malformed({ row, problem: verdict.malformed, ofArea: verdict.ofArea });
    },
    result: () => tally.result('gias', encoding),
  };
}

function handmadeReader(lower: readonly string[], encoding: RegisterRead['encoding']): RowReader {
  const index = HANDMADE_COLUMNS.map((column) => [column, lower.indexOf(column)] as const).filter(([, at]) => at !== -1);
  if (!lower.includes('phase')) throw new RegisterFileError(['The file has no "phase" column. A hand-made register needs the columns URN,name,phase (and optionally kind).']);
  const tally = new Tally();
  return {
    read(record) {
      const row = tally.nextRow();
      const cells: Partial<Record<(typeof HANDMADE_COLUMNS)[number], string>> = {};
      for (const [column, at] of index) cells[column] = record[at];
      const verdict = judgeHandmadeRow(cells);
      if ('kept' in verdict) tally.keep(verdict.kept, row);
      else tally.malformed({ row, problem: verdict.malformed, ofArea: true });
    },
    result: () => tally.result('handmade', encoding),
  };
}

class Tally {
  private rows = 0;
  private readonly kept: RegisterEntry[] = [];
  private readonly rowOfUrn = new Map<string, number>();
  private readonly skipped: Record<SkipReason, number> = { 'other LA': 0, closed: 0, 'proposed to open': 0, malformed: 0 };
  private readonly listed: MalformedRow[] = [];
  private ofArea = 0;

  nextRow(): number {
    this.rows += 1;
    return this.rows;
  }

  keep(entry: RegisterEntry, row: number): void {
    const first = this.rowOfUrn.get(entry.urn);
    if (first !== undefined) {
      this.malformed({ row, problem: `URN ${entry.urn} is also on row ${first}`, ofArea: true });
      return;
    }
    this.rowOfUrn.set(entry.urn, row);
    this.kept.push(entry);
  }

  skip(reason: SkipReason): void {
    this.skipped[reason] += 1;
  }

  malformed(problem: MalformedRow): void {
    this.skipped.malformed += 1;
    if (problem.ofArea) this.ofArea += 1;
    // Rows that stop the import are listed first: those are the ones to fix.
    if (this.listed.length < MALFORMED_LISTED) this.listed.push(problem);
    else if (problem.ofArea) {
      const replace = this.listed.findIndex((listed) => !listed.ofArea);
      if (replace !== -1) this.listed.splice(replace, 1, problem);
    }
  }

  result(format: RegisterFormat, encoding: RegisterRead['encoding']): RegisterRead {
    return {
      format,
      encoding,
      rows: this.rows,
      kept: this.kept,
      skipped: { ...this.skipped },
      malformed: [...this.listed].sort((a, b) => a.row - b.row),
      malformedOfArea: this.ofArea,
    };
  }
}

/**
 * Decodes the bytes to text as they come. GIAS publishes Windows-1252; Excel's "CSV UTF-8" starts with a byte-order
 * mark; a hand-made file may be UTF-8 without one. So: a BOM means UTF-8; otherwise the first 256 KB decide: valid
 * UTF-8 with some non-ASCII in it means UTF-8, anything else Windows-1252 (its text is almost never valid UTF-8).
 */
async function decode(source: AsyncIterable<Buffer | Uint8Array>): Promise<{ encoding: RegisterRead['encoding']; text: AsyncIterable<string> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    head.push(chunk);
    headBytes += chunk.byteLength;
  }
  const start = Buffer.concat(head);
  const encoding = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 'utf-8' : looksLikeUtf8(start) ? 'utf-8' : 'windows-1252';
  const decoder = iconv.getDecoder(encoding === 'utf-8' ? 'utf8' : 'win1252');
  async function* text(): AsyncGenerator<string> {
    const first = decoder.write(start);
    if (first) yield first;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      const piece = decoder.write(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      if (piece) yield piece;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  return { encoding, text: text() };
}

/** Valid UTF-8 with at least one multi-byte character; a sequence cut off at the end of the sample is allowed. */
function looksLikeUtf8(bytes: Buffer): boolean {
  let multiByte = false;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte === undefined) break;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      // A sequence cut off at the end of the sample.
      if (next === undefined) return multiByte;
      if ((next & 0xc0) !== 0x80) return false;
    }
    multiByte = true;
    i += length;
  }
  return multiByte;
}

function isCsvError(error: unknown): error is CsvError {
  return error instanceof CsvError;
}

/** csv-parse's codes in words a coordinator can act on. */
function csvProblem(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a cell is not doubled';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is far too long to be a register row';
    default:
      return 'the quotes or separators are out of place';
  }
}
