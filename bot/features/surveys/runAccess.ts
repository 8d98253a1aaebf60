// Finds the run a survey card points at and checks the caller may answer it; card data is untrusted.
import { z } from 'zod';
import type { Survey } from './domain/definition';
import { mayAnswer, type SurveyRun } from './domain/runs';
import { forbidden, notFound, validationError } from '../../errors';
import type { CardActionInput } from '../../events';
import type { Services } from '../../platform/services';

/** Every survey card action carries the run and its target; the card's inputs ride alongside. */
export const runReferenceSchema = z
  .object({ run: z.string().min(1).max(100), target: z.string().min(1).max(400), page: z.string().min(1).max(40).optional() })
  .loose();

export type RunReference = z.infer<typeof runReferenceSchema>;

/** What a survey card that does not say which run it is for (changed, or not ours) gets. */
export const INCOMPLETE_CARD = 'This survey card is incomplete or was changed, so nothing was saved. Open the latest survey card and try again.';

export function parseRunReference(data: unknown): RunReference {
  const parsed = runReferenceSchema.safeParse(data);
  if (!parsed.success) throw validationError(INCOMPLETE_CARD);
  return parsed.data;
}

/** The run and its survey, or a clear error: not found for unknown (or forged) runs, forbidden for non-members. */
export async function runForCaller(
  reference: RunReference,
  input: Pick<CardActionInput, 'caller' | 'place' | 'now'>,
  services: Services,
  read: 'fresh' | 'cached' = 'cached',
): Promise<{ run: SurveyRun; survey: Survey }> {
  // The run is looked up in the caller's own tenant: a card from another tenant's run finds nothing.
  const { tenantId } = input.caller;
  const run =
    read === 'fresh'
      ? await services.surveyRuns.get(tenantId, reference.target, reference.run)
      : await services.surveyRuns.getForAnswer(tenantId, reference.target, reference.run, input.now);
  if (!run) throw notFound('I could not find this survey, so nothing was saved. It may have been removed; ask your coordinator for a new one.');
  if (!mayAnswer(run, input.caller.aadObjectId, input.place.conversationId)) {
    throw forbidden('This survey was sent to a different group, so your answers were not saved. Ask your coordinator if you think you should be included.');
  }
  return { run, survey: services.surveys.get(run.kind) };
}

export function userIdsOf(input: Pick<CardActionInput, 'caller'>): string[] {
  return input.caller.teamsUserId ? [input.caller.teamsUserId] : [];
}
