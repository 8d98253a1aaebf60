// Finds personal identifiers in free text (NHS/CHI, UPN, postcode, email, UK phone, full date of birth) so anonymous content stays anonymous.
// Pure: no I/O, no clock. A match reports its kind and position only; callers never echo the matched text back.

export const IDENTIFIER_KINDS = ['nhs-number', 'upn', 'postcode', 'email', 'phone', 'date-of-birth'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface IdentifierMatch {
  readonly kind: IdentifierKind;
  /** Offsets into the scanned text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** How a kind is named to a person, e.g. "Remove the NHS or CHI number from 'What has been tried'". */
export function describeIdentifierKind(kind: IdentifierKind): string {
  switch (kind) {
    case 'nhs-number':
      return 'an NHS or CHI number';
    case 'upn':
      return 'a Unique Pupil Number';
    case 'postcode':
      return 'a postcode';
    case 'email':
      return 'an email address';
    case 'phone':
      return 'a phone number';
    case 'date-of-birth':
      return 'a full date (a possible date of birth)';
  }
}

export interface ScanOptions {
  /**
   * Full dates in this year or later are not reported: for texts about plans and deadlines (a 5 Steps note's "by
   * 31 March 2027"), where a date of birth, years back, is still one.
   */
  readonly datesFromYearAllowed?: number;
}

/** Every identifier in the text, in order of position; overlapping matches keep the longest. */
export function scanForIdentifiers(text: string, options: ScanOptions = {}): IdentifierMatch[] {
  const found = [...findEmails(text), ...findDigitGroupIdentifiers(text), ...findUpns(text), ...findPostcodes(text), ...findDates(text, options.datesFromYearAllowed)];
  return resolveOverlaps(found);
}

/** What stands in for an identifier in text shown back to the person, so the form never repeats one. */
export const REDACTED = '[removed]';

/** The text with every identifier replaced by REDACTED; the rest as typed. */
export function redactIdentifiers(text: string, options: ScanOptions = {}): string {
  let out = '';
  let from = 0;
  for (const match of scanForIdentifiers(text, options)) {
    out += text.slice(from, match.start) + REDACTED;
    from = match.end;
  }
  return out + text.slice(from);
}

// ---------------------------------------------------------------------------------------------------------------
// Check digits

/** NHS (England, Wales, Isle of Man) and Scottish CHI numbers: weights 10..2 on digits 1-9, check = 11 - (sum mod 11). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Check letters of a permanent UPN, indexed by the remainder (I, O and S are never used). */
const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The DfE check letter: multiply characters 2-13 by their character position (2..13), sum, take the remainder mod 23;
 * the check letter (character 1) is that index in A-Z without I, O and S. Characters 2-13 are 12 digits for a
 * permanent UPN; a temporary UPN ends in a letter instead, valued by its index in the same alphabet.
 */
export function upnCheckLetter(characters2to13: string): string | undefined {
  const chars = characters2to13.toUpperCase();
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(chars)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = chars[i] as string;
    sum += (/\d/.test(c) ? Number(c) : UPN_CHECK_LETTERS.indexOf(c)) * (i + 2);
  }
  return UPN_CHECK_LETTERS[sum % 23];
}

/** A permanent (letter + 12 digits) or temporary (letter + 11 digits + letter) UPN whose check letter is right. */
export function isValidUpn(upn: string): boolean {
  const compact = upn.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(compact)) return false;
  return upnCheckLetter(compact.slice(1)) === compact[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Emails

function findEmails(text: string): IdentifierMatch[] {
  const pattern = /[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+'-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;
  return [...text.matchAll(pattern)].map((m) => ({ kind: 'email' as const, start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------------------------
// NHS/CHI numbers and phone numbers: runs of digit groups joined by spaces, hyphens, dots or brackets.

interface DigitGroup {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
}

/** A space, including the no-break and thin spaces that word processors put inside numbers. */
const SP = '[ \\t\\u00a0\\u2007\\u2009\\u202f]';
const DASH = '[-\\u2010-\\u2015]';
/**
 * What may sit between two digit groups of one number: one or two spaces, a hyphen or dash (spaces around allowed),
 * a dot with no space (". " ends a sentence), or brackets as in "+44 (0)161" and "(0161) 496".
 */
const GROUP_GAP = new RegExp(`^(?:${SP}{1,2}|${SP}?${DASH}${SP}?|\\.|${SP}?\\(|\\)${SP}?|${SP}?\\(0\\)${SP}?)$`);
/** Brackets belong to phone numbers ("(0161) 496 0000"), never to an NHS/CHI number. */
const NHS_GAP = new RegExp(`^(?:${SP}{1,2}|${SP}?${DASH}${SP}?|\\.)$`);
const MAX_GROUPS_PER_NUMBER = 6;

function digitGroupRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let current: DigitGroup[] = [];
  for (const m of text.matchAll(/\d+/g)) {
    const group = { digits: m[0], start: m.index, end: m.index + m[0].length };
    const previous = current[current.length - 1];
    if (previous && GROUP_GAP.test(text.slice(previous.end, group.start))) {
      current.push(group);
    } else {
      if (current.length > 0) runs.push(current);
      current = [group];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function findDigitGroupIdentifiers(text: string): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  for (const run of digitGroupRuns(text)) {
    for (let i = 0; i < run.length; i++) {
      let digits = '';
      let nhsGapsOnly = true;
      for (let j = i; j < run.length && j < i + MAX_GROUPS_PER_NUMBER; j++) {
        const group = run[j] as DigitGroup;
        if (j > i && !NHS_GAP.test(text.slice((run[j - 1] as DigitGroup).end, group.start))) nhsGapsOnly = false;
        digits += group.digits;
        if (digits.length > 14) break;
        const start = (run[i] as DigitGroup).start;
        if (digits.length === 10 && nhsGapsOnly && isValidNhsNumber(digits)) {
          // A valid ten-digit check passes for an NHS/CHI number first (CHI numbers can start 01/02, like a landline).
          found.push({ kind: 'nhs-number', start, end: group.end });
          continue;
        }
        const phoneStart = phoneStartOf(text, start, digits);
        if (phoneStart !== undefined && isUkPhoneNumber(nationalForm(digits, text, start)) && !letterAround(text, phoneStart, group.end)) {
          found.push({ kind: 'phone', start: phoneStart, end: group.end });
        }
      }
    }
  }
  return found;
}

/** Where a phone number starting with these digits begins: before a "+" or "(" that belongs to it. */
function phoneStartOf(text: string, start: number, digits: string): number | undefined {
  const before = text.slice(Math.max(0, start - 2), start);
  if (digits.startsWith('44') && /\+\s?$/.test(before)) return start - (before.endsWith('+') ? 1 : 2);
  if (digits.startsWith('0044')) return start;
  if (digits.startsWith('0')) return before.endsWith('(') ? start - 1 : start;
  return undefined;
}

/** The number as dialled inside the UK: "+44 (0)7700 900123" and "0044 7700 900123" become "07700900123". */
function nationalForm(digits: string, text: string, start: number): string {
  const international = digits.startsWith('0044') ? digits.slice(4) : digits.startsWith('44') && /\+\s?$/.test(text.slice(Math.max(0, start - 2), start)) ? digits.slice(2) : undefined;
  if (international === undefined) return digits;
  return `0${international.startsWith('0') ? international.slice(1) : international}`;
}

/** UK mobiles (07, 11 digits), geographic landlines (01/02, 10 or 11 digits) and 03 numbers (11 digits). */
export function isUkPhoneNumber(national: string): boolean {
  return /^07\d{9}$/.test(national) || /^0[12]\d{8,9}$/.test(national) || /^03\d{9}$/.test(national);
}

function letterAround(text: string, start: number, end: number): boolean {
  return /[A-Za-z]/.test(text.charAt(start - 1)) || /[A-Za-z]/.test(text.charAt(end));
}

// ---------------------------------------------------------------------------------------------------------------
// Unique Pupil Numbers: a check letter then 12 digits (or 11 digits and a letter, for a temporary UPN), optionally
// grouped with spaces or hyphens.

function findUpns(text: string): IdentifierMatch[] {
  const pattern = /(?<![A-Za-z0-9])[A-Za-z][ -]?(?:\d[ -]?){11}[0-9A-Za-z](?![A-Za-z0-9])/g;
  return [...text.matchAll(pattern)].filter((m) => isValidUpn(m[0])).map((m) => ({ kind: 'upn' as const, start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------------------------
// Postcodes: outward A9, A99, A9A, AA9, AA99 or AA9A; inward a digit and two letters never from C I K M O V.

/** The UK postcode areas (plus BF/BX non-geographic), so that shapes like "Y9 1ST" or "KS4 2ND" are not postcodes. */
const POSTCODE_AREAS = new Set(
  (
    'AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY ' +
    'HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR ' +
    'RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

function findPostcodes(text: string): IdentifierMatch[] {
  const pattern = /(?<![A-Za-z0-9])([A-Za-z]{1,2})(\d[A-Za-z\d]?)([ \t\u00a0\u2007\u2009\u202f]{0,2})(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})(?![A-Za-z0-9])/g;
  const found: IdentifierMatch[] = [];
  for (const m of text.matchAll(pattern)) {
    const [whole, area = '', district = '', space = '', inward = ''] = m;
    if (!POSTCODE_AREAS.has(area.toUpperCase())) continue;
    if (looksLikeOrdinal(`${area}${district}`, space, inward)) continue;
    found.push({ kind: 'postcode', start: m.index, end: m.index + whole.length });
  }
  return found;
}

/** "Room B12 3rd floor": an upper-case room code then a lower-case ordinal is not a postcode typed in one case. */
function looksLikeOrdinal(outward: string, space: string, inward: string): boolean {
  if (space.length === 0 || outward !== outward.toUpperCase()) return false;
  const ordinal = /^(?:1st|2nd|3rd|[4-9]th|0th)$/;
  return ordinal.test(inward);
}

// ---------------------------------------------------------------------------------------------------------------
// Full dates: day, month and year together. A date without a year ("3 April", "3/4") is an ordinary date.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = "('\\d{2}|\\d{4})";

const DATE_PATTERNS: readonly { pattern: RegExp; parts: (m: RegExpMatchArray) => { day: string; month: string | number; year: string } | undefined }[] = [
  {
    // 03/04/2012, 3.4.12, 03-04-2012 (day-month or month-day: either reading counts), same separator twice.
    pattern: /(?<![\d./-])(\d{1,2})([/.\-\u2010-\u2015])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g,
    parts: (m) => {
      const [, a = '', , b = '', year = ''] = m;
      if (isDay(a) && isMonth(b)) return { day: a, month: b, year };
      if (isMonth(a) && isDay(b)) return { day: b, month: a, year };
      return undefined;
    },
  },
  {
    // 03 04 2012: spaces only with two-digit day and month and a four-digit year, as typed into forms.
    pattern: /(?<![\d./-])(\d{2})[ \u00a0](\d{2})[ \u00a0](\d{4})(?![\d/-]|\.\d)/g,
    parts: (m) => {
      const [, a = '', b = '', year = ''] = m;
      if (isDay(a) && isMonth(b)) return { day: a, month: b, year };
      if (isMonth(a) && isDay(b)) return { day: b, month: a, year };
      return undefined;
    },
  },
  {
    // 2012-04-03, 2012/04/03
    pattern: /(?<![\d./-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/g,
    parts: (m) => ({ day: m[4] ?? '', month: m[3] ?? '', year: m[1] ?? '' }),
  },
  {
    // 3 April 2012, 3rd of April 2012, 3 Apr '12 (a bare two-digit year after a space is too often a count: "3 April, 12 pupils")
    pattern: new RegExp(`(?<![\\w])${DAY}(?:\\s+of)?[\\s,]+${MONTH_NAME}[\\s,]+${YEAR}(?![\\w])`, 'gi'),
    parts: (m) => ({ day: m[1] ?? '', month: m[2] ?? '', year: m[3] ?? '' }),
  },
  {
    // 03-Apr-2012, 3/Apr/12, 3.Apr.2012
    pattern: new RegExp(`(?<![\\w])${DAY}([-/.])${MONTH_NAME}\\2(\\d{4}|\\d{2})(?![\\w])`, 'gi'),
    parts: (m) => ({ day: m[1] ?? '', month: m[3] ?? '', year: m[4] ?? '' }),
  },
  {
    // April 3, 2012 / April 3rd 2012
    pattern: new RegExp(`(?<![\\w])${MONTH_NAME}\\s+${DAY},?\\s+${YEAR}(?![\\w])`, 'gi'),
    parts: (m) => ({ day: m[2] ?? '', month: m[1] ?? '', year: m[3] ?? '' }),
  },
  {
    // Labelled compact dates: "DOB 03042012", "born 030412"
    pattern: /(?<=\b(?:dob|d\.o\.b\.?|born|date of birth|birthday)\W{0,3}(?:on\s+)?)(\d{2})(\d{2})(\d{4}|\d{2})(?!\d)/gi,
    parts: (m) => ({ day: m[1] ?? '', month: m[2] ?? '', year: m[3] ?? '' }),
  },
];

function isDay(value: string): boolean {
  const n = Number(value);
  return n >= 1 && n <= 31;
}

function isMonth(value: string): boolean {
  const n = Number(value);
  return n >= 1 && n <= 12;
}

function monthNumber(month: string | number): number | undefined {
  if (typeof month === 'number') return month;
  if (/^\d+$/.test(month)) return Number(month);
  return MONTHS[month.toLowerCase().replace(/\.$/, '')];
}

/** A real calendar day: 31 April and 30 February are not dates. */
function isCalendarDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

function fullYear(year: string): number {
  const digits = year.replace("'", '');
  if (digits.length === 4) return Number(digits);
  // A two-digit year reads as 19xx or 20xx; either is a plausible year of birth, so the leap-year check uses 20xx.
  return 2000 + Number(digits);
}

function findDates(text: string, allowedFromYear = Number.POSITIVE_INFINITY): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  for (const { pattern, parts } of DATE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const p = parts(m);
      if (!p) continue;
      const month = monthNumber(p.month);
      const year = fullYear(p.year);
      if (month === undefined || !isCalendarDate(Number(p.day), month, year)) continue;
      if (p.year.replace("'", '').length === 4 && (year < 1900 || year > 2199)) continue;
      if (year >= allowedFromYear) continue;
      found.push({ kind: 'date-of-birth', start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------

/** Drops a match that lies inside a longer one (a phone number is not also reported as the NHS number inside it). */
function resolveOverlaps(matches: IdentifierMatch[]): IdentifierMatch[] {
  const kindRank = (kind: IdentifierKind): number => IDENTIFIER_KINDS.indexOf(kind);
  const ordered = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || kindRank(a.kind) - kindRank(b.kind) || a.start - b.start);
  const kept: IdentifierMatch[] = [];
  for (const match of ordered) {
    if (!kept.some((k) => k.start <= match.start && match.end <= k.end)) kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}
