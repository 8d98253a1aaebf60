// Urgent help comes first: a pure check of whether text suggests immediate risk, and the lines to show when it does.
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
  riskPhrases: z.array(z.string().min(2)).min(1),
});

export type UrgentHelpLine = z.infer<typeof urgentHelpLineSchema>;
export type UrgentHelp = z.infer<typeof urgentHelpSchema>;

/** Lower case, apostrophes dropped, hyphens and punctuation as spaces: "Self-harm" and "self harm" read alike. */
function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** True when the text contains any of the risk phrases as whole words (case, punctuation and spacing ignored). */
export function suggestsImmediateRisk(text: string, riskPhrases: readonly string[]): boolean {
  return riskMatcher(riskPhrases)(text);
}

/** The same check with the phrases prepared once, for a service that checks every message against a fixed list. */
export function riskMatcher(riskPhrases: readonly string[]): (text: string) => boolean {
  const phrases = riskPhrases.map(normalise);
  return (text) => {
    const haystack = normalise(text);
    return phrases.some((phrase) => haystack.includes(phrase));
  };
}

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
