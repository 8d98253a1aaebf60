// A Teams request with a real-shaped Bot Framework token, end to end with an app id: botbuilder checks the token against
// the Bot Framework's signing keys (served by nock, holding a key made here) and the reply goes out with the bot's own
// token from Entra ID. Shapes follow "Authentication with the Bot Connector API" (learn.microsoft.com).
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { QUEUES, TABLES } from '../../bot/app';
import { channelClaims as channelClaimsFor, serveBotFrameworkSigningKeys, signedToken } from '../support/botFrameworkTokens';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { loadActivity, type Json } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

const APP_ID = '9b2f6c1e-4d3a-4f8b-a7c2-5e1d0f9a8b3c';
const ENTRA_LOGIN = 'https://login.microsoftonline.com';
const BOT_ACCESS_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bot-to-connector-token-for-tests.c2lnbmF0dXJl';

type Attachment = { contentType: string; content: { type: string } };

/** The claims of a channel-to-bot token for this bot and this activity's service URL, valid from a minute ago. */
function channelClaims(serviceUrl: string): Json {
  return channelClaimsFor(APP_ID, serviceUrl);
}

/** Entra ID's answer to the bot asking for its own token for the Bot Connector (client credentials, MultiTenant). */
function serveBotToken(options: { optional?: boolean } = {}): void {
  nock(ENTRA_LOGIN)
    .post('/botframework.com/oauth2/v2.0/token', (body: Record<string, string>) => body.client_id === APP_ID && body.grant_type === 'client_credentials' && body.scope === 'https://api.botframework.com/.default')
    .query(true)
    .optionally(options.optional ?? false)
    .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: BOT_ACCESS_TOKEN });
}

/** Total rows in the app's tables and messages in its queues: what a turn would have written. */
async function storedItems(app: RunningApp): Promise<number> {
  let count = 0;
  for (const name of TABLES) for await (const _row of app.app.services.storage.table(name).listEntities()) count += 1;
  for (const name of QUEUES) count += (await app.app.services.storage.queue(name).getProperties()).approximateMessagesCount ?? 0;
  return count;
}

describe('the bot over HTTP with an app id and a Bot Framework token', () => {
  const botFrameworkKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const someoneElsesKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    serveBotFrameworkSigningKeys(botFrameworkKey.publicKey);
    connector = await startConnectorStub();
    app = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    nock.enableNetConnect();
    nock.restore();
  });

  it('answers "help" in personal chat with the help card, sent to the Bot Connector with the bot\'s own token', async () => {
    serveBotToken();
    const activity = loadActivity('personal-message', { serviceUrl: connector.serviceUrl });
    const token = signedToken(botFrameworkKey.privateKey, channelClaims(connector.serviceUrl));

    const response = await app.post('/api/messages', activity, { authorization: `Bearer ${token}` });

    expect(response.status).toBe(200);
    const [sent] = await connector.waitForActivities(1);
    const attachment = (sent?.attachments as Attachment[])[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content.type).toBe('AdaptiveCard');
    expect(JSON.stringify(attachment?.content)).toContain('Show what I can do for you.');
    // A reply to the message Teams sent, in that person's chat.
    expect(connector.calls[0]?.path).toBe(`/v3/conversations/${encodeURIComponent(String((activity.conversation as Json).id))}/activities/${String(activity.id)}`);
    expect(connector.calls[0]?.headers.authorization).toBe(`Bearer ${BOT_ACCESS_TOKEN}`);
  });

  it('answers two messages sent at once with the same token, each in its own turn', async () => {
    // Teams reuses one token for many requests, so requests with the same Authorization header overlap. A first message
    // has the bot fetch the signing keys and its own token (kept for the process), as a running bot already has.
    serveBotToken({ optional: true });
    const token = signedToken(botFrameworkKey.privateKey, channelClaims(connector.serviceUrl));
    const authorization = `Bearer ${token}`;
    expect((await app.post('/api/messages', loadActivity('personal-message', { serviceUrl: connector.serviceUrl }), { authorization })).status).toBe(200);
    const callsBefore = connector.calls.length;
    const activitiesBefore = connector.activities().length;
    const first = loadActivity('personal-message', { serviceUrl: connector.serviceUrl });
    const second = loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: 'what can you do' });

    const responses = await Promise.all([first, second].map((activity) => app.post('/api/messages', activity, { authorization })));

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await connector.waitForActivities(activitiesBefore + 2);
    const replies = connector.calls.slice(callsBefore);
    expect(replies.map((c) => c.path.split('/').pop()).sort()).toEqual([String(first.id), String(second.id)].sort());
    expect(replies.find((c) => c.path.endsWith(String(second.id)))?.body.text).toBe("Sorry, I didn't recognise that command.");
  });

  it('runs no handler and stores nothing for a token with the right claims signed by another key', async () => {
    const callsBefore = connector.calls.length;
    const storedBefore = await storedItems(app);
    const activity = loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl });
    const forged = signedToken(someoneElsesKey.privateKey, channelClaims(connector.serviceUrl));

    const response = await app.post('/api/messages', activity, { authorization: `Bearer ${forged}` });

    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls.length).toBe(callsBefore);
    expect(await storedItems(app)).toBe(storedBefore);
  });

  it('answers a token signed by another key with 401 and logs auth.refused', async () => {
    const activity = loadActivity('personal-message', { serviceUrl: connector.serviceUrl });
    const forged = signedToken(someoneElsesKey.privateKey, channelClaims(connector.serviceUrl));

    const response = await app.post('/api/messages', activity, { authorization: `Bearer ${forged}` });

    expect(response.status).toBe(401);
    expect(app.logs.lines().at(-1)).toMatchObject({ event: 'auth.refused' });
  });

  it('refuses a valid token issued for another service URL with 401', async () => {
    const callsBefore = connector.calls.length;
    const activity = loadActivity('personal-message', { serviceUrl: connector.serviceUrl });
    const token = signedToken(botFrameworkKey.privateKey, channelClaims('https://smba.trafficmanager.net/uk/'));

    const response = await app.post('/api/messages', activity, { authorization: `Bearer ${token}` });

    expect(response.status).toBe(401);
    expect(app.logs.lines().at(-1)).toMatchObject({ event: 'auth.refused' });
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls.length).toBe(callsBefore);
  });
});
