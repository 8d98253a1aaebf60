// The school register's rules, pure: which GIAS columns are read, which rows are kept (open, of the area's LA codes),
// the uptake phase of an establishment, the hand-made file's rows, and what changed between two registers.

/** The published column names of Get Information about Schools' "all establishment data" file that the bot reads. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  laCode: 'LA (code)',
  laName: 'LA (name)',
  type: 'TypeOfEstablishment (name)',
  typeGroup: 'EstablishmentTypeGroup (name)',
  status: 'EstablishmentStatus (name)',
  phase: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  postcode: 'Postcode',
} as const;

export type GiasField = keyof typeof GIAS_COLUMNS;

/** Columns a GIAS file must have; the type group, ages and postcode are read when present. */
export const REQUIRED_GIAS_FIELDS: readonly GiasField[] = ['urn', 'name', 'laCode', 'type', 'status', 'phase'];

/** The hand-made file: `URN,name,phase` and optionally `kind` (school or service). Header names in any case. */
export const HANDMADE_COLUMNS = ['urn', 'name', 'phase', 'kind'] as const;

export const UPTAKE_PHASES = ['primary', 'secondary', 'special', 'alternative provision', 'further education', 'other'] as const;
export type UptakePhase = (typeof UPTAKE_PHASES)[number];

/** A school counts in uptake; a service (a CYPMHS team, an early-help service) is in the register for linking people only. */
export type EntryKind = 'school' | 'service';

export interface RegisterEntry {
  /** The DfE's unique reference number; services in a hand-made file have their own number in the same column. */
  readonly urn: string;
  readonly name: string;
  readonly kind: EntryKind;
  readonly phase: UptakePhase;
  readonly laCode?: string;
  readonly laName?: string;
  readonly type?: string;
  readonly postcode?: string;
  /** "Open, but proposed to close" in GIAS: still open, shown so. */
  readonly proposedToClose?: boolean;
}

/** A three-digit local authority code, e.g. 894 (Telford and Wrekin), 352 (Manchester). */
export const LA_CODE = /^\d{3}$/;

/** Reads "894, 352" or "894 352" into sorted distinct codes; undefined with the first bad code when one is not 3 digits. */
export function parseLaCodes(text: string): { readonly codes: readonly string[] } | { readonly bad: string } | { readonly none: true } {
  const parts = text.split(/[\s,;]+/).filter((part) => part.length > 0);
  if (parts.length === 0) return { none: true };
  const bad = parts.find((part) => !LA_CODE.test(part));
  if (bad !== undefined) return { bad: bad.slice(0, 20) };
  return { codes: [...new Set(parts)].sort() };
}

export type SkipReason = 'other LA' | 'closed' | 'proposed to open' | 'malformed';

export type RowVerdict =
  | { readonly kept: RegisterEntry }
  | { readonly skipped: Exclude<SkipReason, 'malformed'> }
  | { readonly malformed: string; readonly ofArea: boolean };

/** One GIAS row by field, cells already found by header name (missing optional columns are undefined). */
export type GiasRow = Readonly<Partial<Record<GiasField, string>>>;

const OPEN = 'open';
const PROPOSED_TO_CLOSE = 'open, but proposed to close';
const CLOSED = 'closed';
const PROPOSED_TO_OPEN = 'proposed to open';
const URN = /^\d{5,8}$/;
const MAX_NAME = 200;

/**
 * Decides one GIAS row: kept (open, of the area's LA codes), skipped with the reason, or malformed with what is wrong.
 * A malformed row says whether it is the area's (its LA code is one of the area's, or cannot be read), since only
 * those stop an import: a broken row in another authority's part of the national file is not the area's problem.
 */
export function judgeGiasRow(row: GiasRow, laCodes: ReadonlySet<string>): RowVerdict {
  const laCode = (row.laCode ?? '').trim();
  const readableLa = LA_CODE.test(laCode);
  if (readableLa && !laCodes.has(laCode)) return { skipped: 'other LA' };
  const problems: string[] = [];
  if (!readableLa) problems.push(`LA (code) "${clip(laCode)}" is not a three-digit code`);
  const urn = (row.urn ?? '').trim();
  if (!URN.test(urn)) problems.push(urn.length === 0 ? 'URN is empty' : `URN "${clip(urn)}" is not a number`);
  const name = tidy(row.name ?? '');
  if (name.length === 0) problems.push('EstablishmentName is empty');
  else if (name.length > MAX_NAME) problems.push(`EstablishmentName is longer than ${MAX_NAME} characters`);
  const status = tidy(row.status ?? '').toLowerCase();
  if (problems.length > 0) return { malformed: problems.join('; '), ofArea: true };
  if (status === CLOSED) return { skipped: 'closed' };
  if (status === PROPOSED_TO_OPEN) return { skipped: 'proposed to open' };
  if (status !== OPEN && status !== PROPOSED_TO_CLOSE) {
    return { malformed: `EstablishmentStatus (name) "${clip(row.status ?? '')}" is not Open, Open but proposed to close, Closed or Proposed to open`, ofArea: true };
  }
  const entry: RegisterEntry = {
    urn,
    name,
    kind: 'school',
    phase: uptakePhaseOf({ phase: row.phase, type: row.type, typeGroup: row.typeGroup, lowAge: row.lowAge, highAge: row.highAge }),
    laCode,
    ...optional('laName', tidy(row.laName ?? '')),
    ...optional('type', tidy(row.type ?? '')),
    ...optional('postcode', tidy(row.postcode ?? '').toUpperCase()),
    ...(status === PROPOSED_TO_CLOSE ? { proposedToClose: true } : {}),
  };
  return { kept: entry };
}

export interface PhaseFacts {
  /** `PhaseOfEducation (name)`: Nursery, Primary, Middle deemed primary, Secondary, Middle deemed secondary, 16 plus, All-through, Not applicable. */
  readonly phase?: string;
  /** `TypeOfEstablishment (name)`, e.g. "Community special school", "Pupil referral unit", "Further education". */
  readonly type?: string;
  /** `EstablishmentTypeGroup (name)`, e.g. "Special schools", "Colleges", "Independent schools". */
  readonly typeGroup?: string;
  readonly lowAge?: string;
  readonly highAge?: string;
}

/**
 * The phase uptake is counted in. The type decides first, since special schools, pupil referral units and colleges
 * carry a phase of "Not applicable" or of the ages they teach: special (special schools, non-maintained and
 * independent special schools, special post-16 institutions), alternative provision (pupil referral units, AP
 * academies and free schools), further education (FE and sixth-form colleges, 16-19 academies and anything of the
 * "16 plus" phase). Then the phase: primary (and middle deemed primary), secondary (middle deemed secondary and
 * all-through, which teach secondary ages). With no phase (independent schools mostly), the statutory ages: up to 11
 * is primary, from 11 is secondary. Nursery schools and everything else are "other".
 */
export function uptakePhaseOf(facts: PhaseFacts): UptakePhase {
  const type = (facts.type ?? '').toLowerCase();
  const group = (facts.typeGroup ?? '').toLowerCase();
  const phase = (facts.phase ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  if (group === 'special schools' || /\bspecial\b/.test(type)) return 'special';
  if (type.includes('pupil referral unit') || type.includes('alternative provision')) return 'alternative provision';
  if (group === 'colleges' || type === 'further education' || type.includes('sixth form') || type.includes('16-19') || type.includes('16 to 19') || phase === '16 plus') {
    return 'further education';
  }
  if (phase === 'primary' || phase === 'middle deemed primary') return 'primary';
  if (phase === 'secondary' || phase === 'middle deemed secondary' || phase === 'all-through' || phase === 'all through') return 'secondary';
  if (phase === 'nursery') return 'other';
  const low = Number.parseInt(facts.lowAge ?? '', 10);
  const high = Number.parseInt(facts.highAge ?? '', 10);
  if (Number.isFinite(high) && high > 0 && high <= 11) return 'primary';
  if (Number.isFinite(low) && low >= 11 && low < 16) return 'secondary';
  return 'other';
}

const PHASE_WORDS: Readonly<Record<string, UptakePhase>> = {
  primary: 'primary',
  infant: 'primary',
  junior: 'primary',
  'first school': 'primary',
  'middle deemed primary': 'primary',
  secondary: 'secondary',
  'high school': 'secondary',
  'all-through': 'secondary',
  'middle deemed secondary': 'secondary',
  special: 'special',
  'special school': 'special',
  'alternative provision': 'alternative provision',
  ap: 'alternative provision',
  'pupil referral unit': 'alternative provision',
  pru: 'alternative provision',
  'further education': 'further education',
  fe: 'further education',
  college: 'further education',
  'sixth form college': 'further education',
  '16 plus': 'further education',
  other: 'other',
  nursery: 'other',
  '': 'other',
};

/** The phase words a hand-made file may use, for the message when one is not known. */
export const HANDMADE_PHASES = 'primary, secondary, special, alternative provision (or AP, PRU), further education (or FE, college) or other';

export type HandmadeRow = Readonly<Partial<Record<(typeof HANDMADE_COLUMNS)[number], string>>>;

/** One row of a hand-made register: every row is kept or is a problem (there is no LA or status to filter by). */
export function judgeHandmadeRow(row: HandmadeRow): { readonly kept: RegisterEntry } | { readonly malformed: string } {
  const problems: string[] = [];
  const urn = (row.urn ?? '').trim();
  if (!/^[A-Za-z0-9-]{1,20}$/.test(urn)) problems.push(urn.length === 0 ? 'URN is empty' : `URN "${clip(urn)}" must be letters, digits or dashes, at most 20`);
  const name = tidy(row.name ?? '');
  if (name.length === 0) problems.push('name is empty');
  else if (name.length > MAX_NAME) problems.push(`name is longer than ${MAX_NAME} characters`);
  const phaseWord = tidy(row.phase ?? '').toLowerCase();
  const phase = PHASE_WORDS[phaseWord];
  if (phase === undefined) problems.push(`phase "${clip(row.phase ?? '')}" is not ${HANDMADE_PHASES}`);
  const kindWord = tidy(row.kind ?? '').toLowerCase();
  if (kindWord !== '' && kindWord !== 'school' && kindWord !== 'service') problems.push(`kind "${clip(row.kind ?? '')}" is not school or service`);
  if (problems.length > 0 || phase === undefined) return { malformed: problems.join('; ') };
  return { kept: { urn: urn.toUpperCase(), name, kind: kindWord === 'service' ? 'service' : 'school', phase } };
}

export interface RegisterChanges {
  readonly added: readonly RegisterEntry[];
  /** In the old register, not in the new one: closed, or no longer in the area. */
  readonly closed: readonly RegisterEntry[];
  readonly renamed: readonly { readonly urn: string; readonly from: string; readonly to: string }[];
  readonly unchanged: number;
}

/** What a re-import changes, by URN. */
export function compareRegisters(before: readonly RegisterEntry[], after: readonly RegisterEntry[]): RegisterChanges {
  const old = new Map(before.map((entry) => [entry.urn, entry]));
  const fresh = new Set(after.map((entry) => entry.urn));
  const added: RegisterEntry[] = [];
  const renamed: { urn: string; from: string; to: string }[] = [];
  let unchanged = 0;
  for (const entry of after) {
    const was = old.get(entry.urn);
    if (!was) added.push(entry);
    else if (was.name !== entry.name) renamed.push({ urn: entry.urn, from: was.name, to: entry.name });
    else unchanged += 1;
  }
  const closed = before.filter((entry) => !fresh.has(entry.urn));
  return { added, closed, renamed, unchanged };
}

/** Whitespace runs become one space; GIAS names sometimes carry doubled or trailing spaces. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A cell quoted back in a problem: short, so a long bad cell does not flood the message. */
function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  return value.length > 0 ? ({ [key]: value } as Record<K, string>) : {};
}

export interface SchoolArea {
  readonly id: string;
  /** Three-digit local authority codes, sorted. */
  readonly laCodes: readonly string[];
  /** The current register's generation; absent before the first import. */
  readonly generation?: string;
  readonly count: number;
  readonly importedBy?: string;
  readonly imported?: Date;
  /** A generation an import began writing and never switched to (it crashed): the next import deletes its rows. */
  readonly unfinished?: string;
  readonly etag: string;
}

export interface StoredRegister {
  readonly area: SchoolArea;
  readonly entries: readonly RegisterEntry[];
}
