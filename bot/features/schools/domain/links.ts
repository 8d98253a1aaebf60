// Linking cohort members to schools, pure: `email URN` pairs in a pasted member list, the type-ahead ranking over an
// area's register, and the programme's size check (a cohort is "up to 20 schools").
import type { RegisterEntry } from './register';

/** The programme's cohort size: "two one-day workshops for up to 20 schools at a time". */
export const MAX_COHORT_SCHOOLS = 20;

/** A URN (GIAS: 5 to 8 digits) or a hand-made register's id: letters, digits and dashes with at least one digit. */
const SCHOOL_ID = /^(?=[A-Za-z-]*\d)[A-Za-z0-9-]{1,20}$/;
const EMAIL_THEN_ID = /([^\s,;<>"'()]+@[^\s,;<>"'()]+?)(>?)[ \t]+([A-Za-z0-9-]{1,20})(?=[\s,;]|$)/g;

export interface SchoolPairs {
  /** The list with the URNs (and a trailing "confirm") taken out, for the cohort's own email parser. */
  readonly emailsText: string;
  /** Lower-cased email to URN (upper-cased, as the register stores hand-made ids). */
  readonly pairs: ReadonlyMap<string, string>;
  /** The list ended with the word "confirm": the coordinator has agreed to a cohort of more than 20 schools. */
  readonly confirmed: boolean;
}

/** Reads `email URN` pairs ("sam@school.org 123456", one a line or separated by commas); emails without one stay as they are. */
export function readSchoolPairs(text: string): SchoolPairs {
  const trimmed = text.replace(/\s+$/, '');
  const confirmed = /(^|\s)confirm$/i.test(trimmed);
  const body = confirmed ? trimmed.replace(/confirm$/i, '') : trimmed;
  const pairs = new Map<string, string>();
  const emailsText = body.replace(EMAIL_THEN_ID, (whole, email: string, angle: string, id: string) => {
    if (!SCHOOL_ID.test(id)) return whole;
    pairs.set(email.replace(/^mailto:/i, '').toLowerCase(), id.toUpperCase());
    return `${email}${angle}`;
  });
  return { emailsText, pairs, confirmed };
}

/** Lower-case letters and digits, other characters as spaces: "St Mary’s C of E" and "st marys" meet. */
export function searchable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface PickerChoice {
  readonly title: string;
  readonly value: string;
}

/**
 * The type-ahead's choices for what someone typed: every word typed must start a word of the name (or the postcode,
 * or be the URN); names starting with the first word come first, then alphabetical. Services are marked as such.
 */
export function searchRegister(entries: readonly RegisterEntry[], queryText: string, skip: number, top: number): PickerChoice[] {
  const words = searchable(queryText).split(' ').filter((word) => word.length > 0);
  const scored: { entry: RegisterEntry; rank: number; key: string }[] = [];
  for (const entry of entries) {
    const name = searchable(entry.name);
    const haystack = ` ${name} ${searchable(entry.postcode ?? '')} `;
    if (!words.every((word) => haystack.includes(` ${word}`) || entry.urn.toLowerCase() === word)) continue;
    const first = words[0];
    const rank = first === undefined ? 1 : name.startsWith(first) || entry.urn.toLowerCase() === first ? 0 : 1;
    scored.push({ entry, rank, key: name });
  }
  scored.sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
  return scored.slice(skip, skip + top).map(({ entry }) => ({ title: choiceTitle(entry), value: entry.urn }));
}

/** What a choice shows: the name, and what tells two alike apart (the postcode, or that it is a service). */
export function choiceTitle(entry: RegisterEntry): string {
  if (entry.kind === 'service') return `${entry.name} (service)`;
  return entry.postcode ? `${entry.name}, ${entry.postcode}` : entry.name;
}

export interface SchoolLink {
  readonly email: string;
  readonly urn: string;
  /** The school's name when linked (the register may rename it later; the URN is what counts). */
  readonly schoolName: string;
  readonly areaId: string;
  /** The member's Entra ID object id, when known: how `privacy export` finds their links. */
  readonly userId?: string;
  /** `coordinator` (an `email URN` pair) or `self` (the member picked it on the card). */
  readonly linkedBy: 'coordinator' | 'self';
  readonly linked: Date;
}
