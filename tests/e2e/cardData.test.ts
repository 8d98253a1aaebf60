// Each card verb's data is parsed with the schema declared beside its handler before the handler runs: a card that
// does not fit (changed, out of date, not ours) gets that handler's own words, as Teams shows them, and nothing else.
import { FEATURES } from '../../bot/features';
import { appWithConnector } from '../support/connectorStub';
import type { Json } from '../support/fixtures';
import { cardAction, type Person } from '../support/teams';

const lead: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };
const routes = FEATURES.flatMap((feature) => feature.cardActions ?? []);

describe('card data that does not fit its verb', () => {
  const running = appWithConnector();

  it.each(routes.map((route) => [route.verb, route.outOfDate] as const))('answers %s with its own "out of date" wording', async (verb, outOfDate) => {
    for (const data of [5, 'a string', [] as Json[]]) {
      const response = await running.app.post('/api/messages', cardAction(running.connector.serviceUrl, lead, verb, data as unknown as Json));
      expect([data, response.status, (response.json as { value?: { message?: string } }).value?.message]).toEqual([data, 400, outOfDate]);
    }
  });
});
