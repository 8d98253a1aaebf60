// A card verb declared with its data schema: its route parses the data before the handler runs, so the handler gets
// typed data and a card that does not fit is refused with the handler's own wording, the handler never called.
import { z } from 'zod';
import { AppError } from '../../../bot/errors';
import type { CardActionInput } from '../../../bot/events';
import { cardFields, defineCardAction } from '../../../bot/routing/cardAction';
import type { Services } from '../../../bot/platform/services';

const services = {} as Services;

function input(data: unknown): CardActionInput {
  return {
    verb: 'workshop.move',
    data,
    caller: { aadObjectId: 'a1', name: 'A', tenantId: 't1' },
    place: { conversationId: 'c1', scope: 'personal', tenantId: 't1', serviceUrl: 'https://smba.example/' },
    now: new Date('2027-01-04T09:00:00Z'),
    activityId: 'x1',
  };
}

describe('a card verb declared with its data schema', () => {
  const seen: unknown[] = [];
  const move = defineCardAction({
    verb: 'workshop.move',
    data: z.object({ cohort: z.string().min(1), number: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])) }),
    outOfDate: 'This card is out of date, so nothing was moved. Send the "workshop move" command again.',
    handle: async ({ data }) => {
      seen.push(data);
      return { card: { moved: `${data.cohort} ${data.number + 0}` } };
    },
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('hands the handler the data as its schema reads it (a button sends "2" as a string)', async () => {
    await expect(move.handle(input({ cohort: 'kent-2027', number: '2', verb: 'workshop.move' }), services)).resolves.toEqual({ card: { moved: 'kent-2027 2' } });
    expect(seen).toEqual([{ cohort: 'kent-2027', number: 2 }]);
  });

  it.each([[null], ['kent-2027'], [[]], [{ cohort: '', number: 1 }], [{ cohort: 'kent-2027', number: 3 }]])(
    'refuses %j with the handler\'s own "out of date" wording and never calls the handler',
    async (data) => {
      const refusal = await move.handle(input(data), services).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: 'validation', userMessage: 'This card is out of date, so nothing was moved. Send the "workshop move" command again.' });
      expect(seen).toEqual([]);
    },
  );

  it('passes a form on as it came when the handler reads what was typed first (cardFields)', async () => {
    const fields: unknown[] = [];
    const submit = defineCardAction({ verb: 'post.submit', data: cardFields, outOfDate: 'This form is out of date.', handle: async ({ data }) => (fields.push(data), { card: {} }) });
    const form = { kind: 5, title: 'Anything at all', extra: ['kept'] };
    await submit.handle(input(form), services);
    expect(fields[0]).toBe(form);
    await expect(submit.handle(input('not a form'), services)).rejects.toMatchObject({ code: 'validation', userMessage: 'This form is out of date.' });
  });
});
