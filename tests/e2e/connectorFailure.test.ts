// When Teams (the Bot Connector) fails while the bot replies, the person is not told the bot's storage is down:
// storage is fine, so they get the general "went wrong on our side" card, and the log says `internal`.
import { appWithConnector } from '../support/connectorStub';
import { personalMessage, type Person } from '../support/teams';

const megan: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };

describe('Bot Connector failing while the bot replies', () => {
  const ctx = appWithConnector();

  /** The error card the bot sent after the refused reply (and any retries of it). */
  async function errorCardSince(before: number): Promise<string> {
    for (let count = before + 1; ; count += 1) {
      const seen = await ctx.connector.waitForActivities(count, 20_000);
      const card = seen.slice(before).find((activity) => JSON.stringify(activity).includes('"color":"attention"'));
      if (card) return JSON.stringify(card);
    }
  }

  it.each([500, 503])('answers a %i from Teams with the general error card, not "cannot reach its storage"', async (status) => {
    // Teams refuses the reply itself; the error card that follows goes through, so we can read what the person saw.
    ctx.connector.respondWith((call) =>
      call.method === 'POST' && /\/activities/.test(call.path) && !JSON.stringify(call.body).includes('"color":"attention"')
        ? { status, body: { error: { code: 'ServiceError', message: 'Teams is having a moment.' } } }
        : undefined,
    );
    const before = ctx.connector.activities().length;
    await ctx.app.post('/api/messages', personalMessage(ctx.connector.serviceUrl, megan, 'help'));
    const card = await errorCardSince(before);
    expect(card).toContain('Something went wrong on our side');
    expect(card).not.toContain('cannot reach its storage');
    expect(card).not.toContain('Teams is having a moment');
    const errorLine = ctx.app.logs.lines().filter((line) => line.event === 'turn.error').pop();
    expect(errorLine).toMatchObject({ code: 'internal' });
  });
});
