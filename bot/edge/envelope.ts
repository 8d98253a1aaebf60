// The least an activity must carry before the adapter sees it; anything less is a 400 that names what is missing.
import { z } from 'zod';

// Checked, never used as output: plain objects, so the extra fields an activity carries are skipped, not copied.
const account = z.object({ id: z.string().min(1) });

export const activityEnvelopeSchema = z.object({
  type: z.string().min(1),
  serviceUrl: z.string().url(),
  channelId: z.string().min(1),
  conversation: account,
  from: account,
  recipient: account,
  text: z.string().max(100_000).optional(),
});

export function describeEnvelopeProblems(body: unknown): string[] {
  const parsed = activityEnvelopeSchema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}
