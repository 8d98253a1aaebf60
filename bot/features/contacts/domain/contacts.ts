// The referral directory: what a contact is, how imported rows are checked (all or nothing), and how two versions differ.
import { z } from 'zod';
import { isArrayOfUnknown } from '../../../domain/indexed';

export const CONTACT_KINDS = [
  'single-point-of-access',
  'cypmhs',
  'mental-health-support-team',
  'school-link-practitioner',
  'early-help',
  'educational-psychology',
  'voluntary-sector',
  'crisis',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** How each kind reads on a card; also indexed, so "CAMHS" or "MHST" in a query finds the kind. */
export const KIND_LABELS: Record<ContactKind, string> = {
  'single-point-of-access': 'Single point of access (SPA)',
  cypmhs: 'Children and young people\'s mental health services (CYPMHS, CAMHS)',
  'mental-health-support-team': 'Mental Health Support Team (MHST)',
  'school-link-practitioner': 'School Link Practitioner',
  'early-help': 'Early help',
  'educational-psychology': 'Educational psychology',
  'voluntary-sector': 'Voluntary sector',
  crisis: 'Crisis service',
};

export const REFERRERS = ['self', 'parent', 'school', 'gp'] as const;
export type Referrer = (typeof REFERRERS)[number];

/** Column order of the CSV format, for import and export alike. */
export const CONTACT_COLUMNS = [
  'id',
  'serviceName',
  'kind',
  'needs',
  'ageMin',
  'ageMax',
  'whoCanRefer',
  'howToRefer',
  'phone',
  'email',
  'web',
  'openingHours',
  'notes',
  'lastVerified',
] as const;

export const MAX_CONTACTS_PER_AREA = 10_000;

/**
 * What slugOf makes, so contact ids and directory area ids (an area's name, slugged): lower-case letters and digits in
 * words joined by single hyphens; safe in table keys and typed easily.
 */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z.preprocess((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v), text(max));

/** A list given as an array or as text separated by ; , or | (CSV cells). */
const list = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v.split(/[;,|]/).map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0)
        : isArrayOfUnknown(v)
          ? v.map((s) => (typeof s === 'string' ? s.trim().toLowerCase() : s))
          : v,
    z.array(item),
  );

const age = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
  z.number({ error: 'must be a whole number of years' }).int('must be a whole number of years').min(0, 'must be 0 or more').max(25, 'must be 25 or less'),
);

const kind = z.preprocess(
  (v) => (typeof v === 'string' ? kindFromText(v) ?? v : v),
  z.enum(CONTACT_KINDS, { error: `must be one of: ${CONTACT_KINDS.join(', ')}` }),
);

const phone = optionalText(40).refine((v) => v === '' || /^\+?[0-9 ()-]{3,20}$/.test(v), 'must be a phone number such as 0161 234 5678');
const email = optionalText(254).refine((v) => v === '' || z.email().safeParse(v).success, 'must be an email address');
const web = optionalText(500).refine((v) => v === '' || /^https:\/\/[^\s]+$/i.test(v), 'must be a web address starting with https://');
const isoDate = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'must be a real date'),
);

/** One row as imported (CSV cells are strings; JSON may use arrays and numbers). */
export const contactRowSchema = z
  .object({
    id: optionalText(60).refine((v) => v === '' || SLUG.test(v), 'must be lower-case letters, digits and hyphens'),
    serviceName: text(120).min(1, 'is required'),
    kind,
    needs: list(z.string().min(1).max(40)).pipe(z.array(z.string()).max(30, 'lists more than 30 needs')),
    ageMin: age,
    ageMax: age,
    whoCanRefer: list(z.enum(REFERRERS, { error: `each must be one of: ${REFERRERS.join(', ')}` })).pipe(
      z.array(z.enum(REFERRERS)).min(1, 'must name at least one of: self, parent, school, gp'),
    ),
    howToRefer: text(600).min(1, 'is required'),
    phone,
    email,
    web,
    openingHours: optionalText(200),
    notes: optionalText(600),
    lastVerified: isoDate,
  })
  .refine((row) => row.ageMin <= row.ageMax, { error: 'must not be above ageMax', path: ['ageMin'] })
  .refine((row) => row.phone !== '' || row.email !== '' || row.web !== '', { error: 'give at least one of phone, email or web', path: ['phone'] });

export interface Contact {
  readonly id: string;
  readonly serviceName: string;
  readonly kind: ContactKind;
  readonly needs: readonly string[];
  readonly ageMin: number;
  readonly ageMax: number;
  readonly whoCanRefer: readonly Referrer[];
  readonly howToRefer: string;
  readonly phone: string;
  readonly email: string;
  readonly web: string;
  readonly openingHours: string;
  readonly notes: string;
  /** YYYY-MM-DD. */
  readonly lastVerified: string;
}

/** An area with a contacts directory: its id (a slug of the name) and the name as imported. */
export interface ContactArea {
  readonly id: string;
  readonly name: string;
}

/** An area's directory as stored: the current version's contacts and who imported it. */
export interface StoredDirectory {
  readonly area: ContactArea;
  readonly version: string;
  readonly contacts: readonly Contact[];
  readonly importedBy: string;
  readonly updated: Date;
  /** The pointer row's ETag: pass it back to `replace` so two imports at once cannot both win. */
  readonly etag: string;
}

/** The row naming an area's current directory version, read without its contacts. */
export interface DirectoryPointer {
  readonly area: ContactArea;
  readonly version: string;
  readonly count: number;
  /** Entra ID object id of the coordinator who imported the current version. */
  readonly importedBy: string;
  readonly etag: string;
}

export interface RowProblem {
  /** 1-based data row number (the CSV header is not counted). */
  readonly row: number;
  readonly problems: readonly string[];
}

export type RowCheck = { readonly ok: true; readonly contacts: readonly Contact[] } | { readonly ok: false; readonly errors: readonly RowProblem[] };

/** Checks every row before anything is written; any problem rejects the whole set. */
export function checkContactRows(rows: readonly unknown[]): RowCheck {
  const errors: RowProblem[] = [];
  const contacts: Contact[] = [];
  const seen = new Map<string, number>();
  if (rows.length === 0) return { ok: false, errors: [{ row: 0, problems: ['the file has no contacts in it'] }] };
  if (rows.length > MAX_CONTACTS_PER_AREA) {
    return { ok: false, errors: [{ row: 0, problems: [`the file has ${rows.length} contacts; an area may have at most ${MAX_CONTACTS_PER_AREA}`] }] };
  }
  rows.forEach((raw, index) => {
    const row = index + 1;
    const parsed = contactRowSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({ row, problems: parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'row')} ${issue.message}`) });
      return;
    }
    const id = parsed.data.id || slugOf(parsed.data.serviceName);
    if (id === '') {
      errors.push({ row, problems: ['serviceName needs at least one letter or digit, or give an id'] });
      return;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      errors.push({ row, problems: [`id "${id}" is already used by row ${earlier}; give each contact its own id or service name`] });
      return;
    }
    seen.set(id, row);
    contacts.push({ ...parsed.data, id, needs: [...new Set(parsed.data.needs)], whoCanRefer: [...new Set(parsed.data.whoCanRefer)] });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, contacts };
}

export interface DirectoryChanges {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

export function compareDirectories(before: readonly Contact[], after: readonly Contact[]): DirectoryChanges {
  const old = new Map(before.map((c) => [c.id, canonical(c)]));
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (const contact of after) {
    const previous = old.get(contact.id);
    if (previous === undefined) added += 1;
    else if (previous === canonical(contact)) unchanged += 1;
    else changed += 1;
  }
  const kept = new Set(after.map((c) => c.id));
  const removed = before.filter((c) => !kept.has(c.id)).length;
  return { added, changed, removed, unchanged };
}

function canonical(contact: Contact): string {
  return JSON.stringify(CONTACT_COLUMNS.map((column) => contact[column]));
}

/** True when the contact was last checked more than `months` before `now`. */
export function mayBeOutOfDate(contact: Pick<Contact, 'lastVerified'>, now: Date, months: number): boolean {
  const verified = new Date(`${contact.lastVerified}T00:00:00Z`);
  const limit = new Date(verified);
  limit.setUTCMonth(limit.getUTCMonth() + months);
  return now.getTime() > limit.getTime();
}

const KIND_ALIASES: Readonly<Record<string, ContactKind>> = {
  spa: 'single-point-of-access',
  camhs: 'cypmhs',
  mhst: 'mental-health-support-team',
  slp: 'school-link-practitioner',
  'ed-psych': 'educational-psychology',
  'educational-psychologist': 'educational-psychology',
  eps: 'educational-psychology',
  voluntary: 'voluntary-sector',
  vcs: 'voluntary-sector',
  charity: 'voluntary-sector',
  'crisis-service': 'crisis',
  'crisis-line': 'crisis',
};

/** Every slug that names a kind. Built in this order so that a kind id wins over an alias, and an alias over a label. */
const KIND_BY_SLUG: ReadonlyMap<string, ContactKind> = new Map<string, ContactKind>([
  ...(Object.entries(KIND_LABELS) as [ContactKind, string][]).map(([kind, label]) => [slugOf(label), kind] as const),
  ...Object.entries(KIND_ALIASES),
  ...CONTACT_KINDS.map((kind) => [kind, kind] as const),
]);

/** Accepts a kind id or a familiar name ("CAMHS", "School Link Practitioner", "SPA"). */
export function kindFromText(raw: string): ContactKind | undefined {
  return KIND_BY_SLUG.get(slugOf(raw));
}

/** The CSV cells of one contact, in CONTACT_COLUMNS order; lists joined with "; ". */
export function contactToRecord(contact: Contact): Record<(typeof CONTACT_COLUMNS)[number], string> {
  return {
    id: contact.id,
    serviceName: contact.serviceName,
    kind: contact.kind,
    needs: contact.needs.join('; '),
    ageMin: String(contact.ageMin),
    ageMax: String(contact.ageMax),
    whoCanRefer: contact.whoCanRefer.join('; '),
    howToRefer: contact.howToRefer,
    phone: contact.phone,
    email: contact.email,
    web: contact.web,
    openingHours: contact.openingHours,
    notes: contact.notes,
    lastVerified: contact.lastVerified,
  };
}

/** A person's small choices about contacts, remembered between questions. */
export interface Preferences {
  /** The area whose referral contacts this person asks about; remembered after their first answer. */
  readonly contactsArea?: string;
}
