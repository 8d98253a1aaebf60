// The anonymous case panel: what a case holds (choices, capped free text), its reference, and the identifier guard over it.
import { z } from 'zod';
import type { ConversationReference } from '../../../events';
import { AREA_ID, isAreaId } from '../../../domain/areas';
import { describeIdentifierKind, scanForIdentifiers, type IdentifierKind } from './identifiers';

export const AGE_BANDS = ['4-7', '8-11', '12-14', '15-16', '17-18', '19-25'] as const;
export const YEAR_GROUPS = ['Nursery', 'Reception', ...Array.from({ length: 13 }, (_, i) => `Year ${i + 1}`), 'Post-16 / college'] as const;
export const PRESENTING_NEEDS = [
  'Anxiety',
  'Low mood',
  'Self-harm',
  'Eating difficulties',
  'Attendance / school avoidance',
  'Behaviour that challenges',
  'Attachment or trauma',
  'Bereavement or loss',
  'Neurodevelopmental (e.g. ADHD, autism)',
  'Family circumstances',
  'Peer relationships or bullying',
  'Sleep',
  'Other',
] as const;
export const DURATIONS = ['Less than a month', '1-3 months', '3-6 months', '6-12 months', 'More than a year'] as const;
export const URGENCIES = ['Routine (next panel)', 'Soon (within two weeks)', 'Urgent (this week)', 'The child may be at immediate risk'] as const;
/** Choosing this urgency shows the urgent-help lines whatever the text says. */
export const IMMEDIATE_RISK_URGENCY: (typeof URGENCIES)[number] = 'The child may be at immediate risk';

/** Free-text fields are short on purpose: enough to describe, too short for a case file. */
export const MAX_FREE_TEXT = 600;
export const MAX_ADVICE_TEXT = 2000;

/** The labels a person sees on the form; used to say which field needs changing. */
export const FIELD_LABELS = {
  area: 'Panel',
  ageBand: 'Age band',
  yearGroup: 'Year group',
  needs: 'Presenting needs',
  duration: 'How long',
  tried: 'What has been tried',
  asking: 'What you are asking the panel',
  urgency: 'Urgency',
} as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `Choose one option for "${label}".` });

/** A multi-select ChoiceSet sends its values comma-separated. */
const needsSchema = z
  .union([z.string(), z.array(z.string())], { error: `Choose at least one of the "${FIELD_LABELS.needs}".` })
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(',')).map((v) => v.trim()).filter((v) => v.length > 0))
  .pipe(z.array(z.enum(PRESENTING_NEEDS, { error: `Choose from the list for "${FIELD_LABELS.needs}".` })).min(1, `Choose at least one of the "${FIELD_LABELS.needs}".`).max(PRESENTING_NEEDS.length));

const freeText = (label: string) =>
  z
    .string({ error: `Fill in "${label}".` })
    .transform((value) => value.trim())
    .pipe(z.string().min(3, `Fill in "${label}".`).max(MAX_FREE_TEXT, `Keep "${label}" to ${MAX_FREE_TEXT} characters or fewer.`));

export const panelCaseFormSchema = z.object({
  area: z.string({ error: 'Choose the panel to send the case to.' }).regex(AREA_ID, 'Choose the panel to send the case to.'),
  ageBand: choice(AGE_BANDS, FIELD_LABELS.ageBand),
  yearGroup: choice(YEAR_GROUPS as unknown as readonly [string, ...string[]], FIELD_LABELS.yearGroup),
  needs: needsSchema,
  duration: choice(DURATIONS, FIELD_LABELS.duration),
  tried: freeText(FIELD_LABELS.tried),
  asking: freeText(FIELD_LABELS.asking),
  urgency: choice(URGENCIES, FIELD_LABELS.urgency),
});
export type PanelCaseForm = z.infer<typeof panelCaseFormSchema>;

export interface IdentifierProblem {
  /** The field's name in the form's data (the input's id). */
  readonly name: string;
  /** The field as the person sees it (its label). */
  readonly field: string;
  readonly kinds: readonly IdentifierKind[];
}

/** Every text in the form scanned; one problem per field that holds an identifier (kinds only, never the text). */
export function identifierProblems(fields: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): IdentifierProblem[] {
  const problems: IdentifierProblem[] = [];
  for (const [name, text] of Object.entries(fields)) {
    const kinds = [...new Set(scanForIdentifiers(text).map((m) => m.kind))];
    if (kinds.length > 0) problems.push({ name, field: (Object.hasOwn(labels, name) ? labels[name] : undefined) ?? name, kinds });
  }
  return problems;
}

/** "Remove a phone number from 'What has been tried'." for each problem, plus how to write a date that is fine. */
export function describeIdentifierProblems(problems: readonly IdentifierProblem[]): string[] {
  const lines = problems.map((p) => `Remove ${p.kinds.map(describeIdentifierKind).join(' and ')} from "${p.field}".`);
  if (problems.some((p) => p.kinds.includes('date-of-birth'))) {
    lines.push('Dates are fine without the day or the year, e.g. "3 April" or "April 2026".');
  }
  return lines;
}

export function formatCaseReference(year: number, sequence: number): string {
  return `P-${year}-${String(sequence).padStart(3, '0')}`;
}

export function parseCaseReference(text: string): { reference: string; year: number; sequence: number } | undefined {
  const m = /^P-(\d{4})-(\d{3,6})$/i.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const sequence = Number(m[2]);
  return { reference: formatCaseReference(year, sequence), year, sequence };
}

/** Parses `panel create <area> <yyyy-mm-dd>...`: an area id and the meeting dates, sorted, without duplicates. */
export function parsePanelCreateArgs(args: string): { areaId: string; meetings: string[] } | { problem: string } {
  const words = args.split(/[\s,;]+/).filter((w) => w.length > 0);
  const [area, ...rest] = words;
  if (!area || !isAreaId(area.toLowerCase())) return { problem: 'Start with the area id: 2 to 40 lower-case letters, digits or hyphens, e.g. telford.' };
  const bad = rest.filter((d) => !isIsoDate(d));
  if (bad.length > 0) return { problem: `Give meeting dates as YYYY-MM-DD, e.g. 2026-12-03 (${bad.length} ${bad.length === 1 ? 'date was' : 'dates were'} not in that form).` };
  if (rest.length === 0) return { problem: 'Give at least one meeting date as YYYY-MM-DD, e.g. panel create telford 2026-12-03 2027-01-14.' };
  return { areaId: area.toLowerCase(), meetings: [...new Set(rest)].sort() };
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** The next meeting on or after a London date (yyyy-mm-dd), if any. */
export function nextMeeting(meetings: readonly string[], today: string): string | undefined {
  return [...meetings].sort().find((d) => d >= today);
}

// A panel and its cases as the bot keeps them (panelRepository.ts stores them).

/** An area's wellbeing panel: the channel cases are posted to and its meeting dates. */
export interface Panel {
  readonly tenantId: string;
  readonly areaId: string;
  readonly teamId: string;
  readonly channelId: string;
  /** The channel conversation the panel was registered in, so commands there know their area. */
  readonly conversationId: string;
  readonly meetings: readonly string[];
  readonly createdBy: string;
  readonly updated: Date;
}

export type CaseStatus = 'open' | 'advised';

/** A case put to a panel: the form as submitted (identifier-free), who sent it, and the advice once given. */
export interface PanelCase {
  readonly tenantId: string;
  readonly areaId: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly form: PanelCaseForm;
  /** Shown the urgent-help lines when submitting. */
  readonly riskShown: boolean;
  readonly submitter: {
    readonly aadObjectId: string;
    readonly name: string;
    readonly conversationId: string;
    readonly serviceUrl: string;
  };
  readonly submittedAt: Date;
  readonly thread?: ConversationReference;
  readonly advisedAt?: Date;
  readonly advice?: string;
  readonly advisedBy?: string;
}
