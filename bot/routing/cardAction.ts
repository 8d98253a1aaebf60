// A card verb declared once, beside its handler: the verb, the zod schema of the data its card sends back, and the
// handler's own wording for data that does not fit. The route parses the data before the handler runs, so handlers get
// typed data and a card that is out of date (or not ours) is refused in one place, nothing done.
import { z } from 'zod';
import { validationError } from '../errors';
import type { CardActionInput, CardActionResult } from '../events';
import type { Services } from '../platform/services';
import type { CardActionRoute } from './feature';

/** What a card action's handler gets: the input with its data parsed by the verb's schema. */
export type CardActionInputOf<S extends z.ZodType> = Omit<CardActionInput, 'data'> & { readonly data: z.output<S> };

export interface CardActionDeclaration<S extends z.ZodType> {
  readonly verb: string;
  /** The data the verb's cards send back (Action.Execute data, or an Action.Submit's fields beside the verb). */
  readonly data: S;
  /**
   * What the person is told when the data does not fit the schema: the card is out of date or was not sent by this
   * bot, and nothing was done (e.g. 'This card is out of date. Type "privacy delete" for a new one. Nothing was deleted.').
   */
  readonly outOfDate: string;
  readonly handle: (input: CardActionInputOf<S>, services: Services) => Promise<CardActionResult>;
}

/** A verb's route for its feature's manifest (`cardActions: [privacyDelete.action]`). */
export function defineCardAction<S extends z.ZodType>(declaration: CardActionDeclaration<S>): CardActionRoute {
  const { verb, data, outOfDate, handle } = declaration;
  return {
    verb,
    data,
    outOfDate,
    handle: async (input, services) => {
      const parsed = data.safeParse(input.data);
      if (!parsed.success) throw validationError(outOfDate);
      return handle({ ...input, data: parsed.data }, services);
    },
  };
}

/**
 * Any object of fields, passed on as it came (not copied, so nothing is dropped or changed): for the verbs whose
 * handler must look at what was typed before anything else (the risk check comes first) and reads the rest itself.
 */
export const cardFields = z.custom<Readonly<Record<string, unknown>>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);
