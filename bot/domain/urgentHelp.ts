// Urgent help comes first: the lines to show when a message suggests someone may be at risk (the check is bot/domain/risk/).
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
