// Urgent help comes first: the lines to show when a message suggests someone may be at risk (the check is bot/features/safeguarding/domain/risk/),
// an area's safeguarding front door, and the order the card shows them in (docs: SAFEGUARDING.md).
import { z } from 'zod';

export const urgentHelpLineSchema = z.object({
  name: z.string().min(1),
  how: z.string().min(1),
  when: z.string().min(1),
  tel: z.string().regex(/^\d{3,15}$/).optional(),
  sms: z.string().regex(/^\d{3,15}$/).optional(),
});

export const urgentHelpSchema = z.object({
  lines: z.array(urgentHelpLineSchema).min(1),
}).strict();

export type UrgentHelpLine = z.infer<typeof urgentHelpLineSchema>;
export type UrgentHelp = z.infer<typeof urgentHelpSchema>;

/** Parses a pasted list of lines (JSON array, or an object with "lines") for an area's own urgent-help list. */
export function parseUrgentHelpLines(text: string): { ok: true; lines: UrgentHelpLine[] } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['The list could not be read as JSON: check for a missing comma, quote or bracket.'] };
  }
  const lines = Array.isArray(value) ? value : (value as { lines?: unknown } | null)?.lines;
  const parsed = z.array(urgentHelpLineSchema).min(1, 'give at least one line').max(12, 'give at most 12 lines').safeParse(lines);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `line ${Number(issue.path[0]) + 1} ${issue.path.slice(1).join('.')}` : 'list'}: ${issue.message}`.replace(/ :/, ':')) };
  }
  return { ok: true, lines: parsed.data };
}

/** A phone number as people write it: digits with spaces, brackets or dashes, maybe a leading +; 3 to 15 digits. */
const PHONE_AS_WRITTEN = /^\+?[0-9][0-9 ()-]*$/;
const digitCount = (phone: string) => phone.replace(/\D/g, '').length;
const phoneSchema = z
  .string()
  .trim()
  .min(1, 'give a phone number')
  .max(30, 'keep it to 30 characters')
  .regex(PHONE_AS_WRITTEN, 'must be a phone number (digits, spaces, brackets or dashes), e.g. 0161 603 4500')
  .refine((phone) => !PHONE_AS_WRITTEN.test(phone) || (digitCount(phone) >= 3 && digitCount(phone) <= 15), 'must have 3 to 15 digits');

const dialSchema = z.object({ phone: z.string().min(1).max(30), tel: z.string().regex(/^\+?\d{3,15}$/) });

/**
 * An area's safeguarding front door: the council's children's services (often the MASH), where anyone can refer a
 * child at risk of harm straight away. Shown on the urgent-help card after "tell your DSL now", before the national lines.
 */
export const frontDoorSchema = z.object({
  name: z.string().min(1).max(100),
  /** As the coordinator wrote it, for reading; `tel` is what the call button dials. */
  phone: z.string().min(1).max(30),
  tel: z.string().regex(/^\+?\d{3,15}$/),
  hours: z.string().min(1).max(120),
  outOfHours: dialSchema.optional(),
});
export type FrontDoor = z.infer<typeof frontDoorSchema>;

/** The digits a call button dials (a leading + kept), from a number as written. */
export function digitsOf(phone: string): string {
  const trimmed = phone.trim();
  return `${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** The parts of `<name>; <phone>; <hours>[; <out-of-hours phone>]`, checked one by one. */
const frontDoorInputSchema = z.tuple([
  z.string().trim().min(2, 'give the service\'s name, e.g. Salford Children\'s Services Front Door').max(100, 'keep it to 100 characters'),
  phoneSchema,
  z.string().trim().min(2, 'give the opening hours, e.g. Mon-Fri 8:30-16:30').max(120, 'keep them to 120 characters'),
  phoneSchema.optional(),
]);

export const FRONT_DOOR_FORMAT = '<name>; <phone>; <hours>[; <out-of-hours phone>]';

/** Parses a front door as a coordinator types it: `<name>; <phone>; <hours>[; <out-of-hours phone>]`. */
export function parseFrontDoor(text: string): { ok: true; frontDoor: FrontDoor } | { ok: false; problems: string[] } {
  const parts = text.split(';').map((part) => part.trim());
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length < 3 || parts.length > 4) {
    return { ok: false, problems: [`Give the front door as ${FRONT_DOOR_FORMAT}, separated by semicolons (you gave ${parts.length} part${parts.length === 1 ? '' : 's'}).`] };
  }
  const parsed = frontDoorInputSchema.safeParse(parts);
  if (!parsed.success) return { ok: false, problems: [...new Set(parsed.error.issues.map((issue) => `${PART_NAMES[Number(issue.path[0])] ?? 'front door'}: ${issue.message}`))] };
  const [name, phone, hours, outOfHours] = parsed.data;
  return {
    ok: true,
    frontDoor: { name, phone, tel: digitsOf(phone), hours, ...(outOfHours ? { outOfHours: { phone: outOfHours, tel: digitsOf(outOfHours) } } : {}) },
  };
}

const PART_NAMES = ['name', 'phone', 'hours', 'out-of-hours phone'];

/** Lines that dial 999 (or 112) are the card's first step; every other line follows the DSL step and the front door. */
export function splitEmergencyLines(lines: readonly UrgentHelpLine[]): { emergency: UrgentHelpLine[]; others: UrgentHelpLine[] } {
  const isEmergency = (line: UrgentHelpLine) => line.tel === '999' || line.tel === '112';
  return { emergency: lines.filter(isEmergency), others: lines.filter((line) => !isEmergency(line)) };
}

/** The first step when a list has no 999 line of its own: the card always starts with it. */
export const EMERGENCY_LINE: UrgentHelpLine = {
  name: 'Emergency services',
  how: 'Call 999',
  when: 'If a child or young person is in immediate danger or has seriously harmed themselves',
  tel: '999',
};

/** The urgent-help lines shown for an area: its own list, or the national one. */
export interface AreaUrgentHelp {
  readonly lines: readonly UrgentHelpLine[];
  /** False when the area has no list of its own and the national lines are shown. */
  readonly local: boolean;
  /** The area's children's services front door, when a coordinator set one. */
  readonly frontDoor?: FrontDoor;
}
