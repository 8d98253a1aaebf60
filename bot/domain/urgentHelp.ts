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

function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9-]+/g, ' ').trim()} `;
}

/** True when the text contains any of the risk phrases as whole words (case, punctuation and spacing ignored). */
export function suggestsImmediateRisk(text: string, riskPhrases: readonly string[]): boolean {
  const haystack = normalise(text);
  return riskPhrases.some((phrase) => haystack.includes(normalise(phrase)));
}
