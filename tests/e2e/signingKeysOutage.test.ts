// When the Bot Framework's signing keys cannot be fetched (login.botframework.com answering 500, or not at all), no
// token can be checked: the bot answers 503 with Retry-After so Teams tries again, and logs the outage once, not per
// request. nock stands in for the OpenID metadata and key set botframework-connector fetches.
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import {
  BOT_FRAMEWORK_LOGIN,
  channelClaims,
  KEYS_PATH,
  keySet,
  OPENID_CONFIGURATION,
  OPENID_CONFIGURATION_PATH,
  signedToken,
} from '../support/botFrameworkTokens';
import { FIXTURE_TENANT, loadActivity } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

const APP_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
// No reply is sent for an installation, so no Bot Connector or Entra ID stand-in is needed.
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';

describe('the Bot Framework signing keys out of reach', () => {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let app: RunningApp;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await startTestApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(async () => {
    await app.stop();
    nock.enableNetConnect();
    nock.restore();
  });

  const installation = () => loadActivity('installation-add-team', { serviceUrl: SERVICE_URL });
  const authorization = () => `Bearer ${signedToken(key.privateKey, channelClaims(APP_ID, SERVICE_URL))}`;
  const outageLogs = () => app.logs.lines().filter((line) => line.event === 'auth.signing-keys-unavailable');

  async function expectRetryLater(): Promise<void> {
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: authorization() }, body: JSON.stringify(installation()) });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await response.json()).toEqual({ error: 'auth-unavailable', message: expect.stringContaining('Try again shortly') });
  }

  it('answers 503 with Retry-After when the OpenID metadata answers 500, and logs it once', async () => {
    nock(BOT_FRAMEWORK_LOGIN).get(OPENID_CONFIGURATION_PATH).twice().reply(500, 'Internal Server Error');
    await expectRetryLater();
    await expectRetryLater();
    expect(outageLogs()).toHaveLength(1);
    expect(outageLogs()[0]).toMatchObject({ level: 'error', cause: { statusCode: 500 } });
  });

  it('answers 503 when the key set answers 500, still within the same logged outage', async () => {
    nock(BOT_FRAMEWORK_LOGIN).get(OPENID_CONFIGURATION_PATH).reply(200, OPENID_CONFIGURATION).get(KEYS_PATH).reply(500);
    await expectRetryLater();
    expect(outageLogs()).toHaveLength(1);
  });

  it('answers 503 when login.botframework.com refuses the connection', async () => {
    nock(BOT_FRAMEWORK_LOGIN).get(OPENID_CONFIGURATION_PATH).replyWithError(Object.assign(new Error('connect ECONNREFUSED 20.190.0.1:443'), { code: 'ECONNREFUSED' }));
    await expectRetryLater();
    expect(outageLogs()).toHaveLength(1);
  });

  it('runs the request once the keys can be fetched again, and logs that the outage ended', async () => {
    nock(BOT_FRAMEWORK_LOGIN).get(OPENID_CONFIGURATION_PATH).reply(200, OPENID_CONFIGURATION).get(KEYS_PATH).reply(200, keySet(key.publicKey));
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: authorization() }, body: JSON.stringify(installation()) });
    expect(response.status).toBe(200);
    expect(await app.app.services.installations.listActive(FIXTURE_TENANT)).toHaveLength(1);
    expect(app.logs.lines().filter((line) => line.event === 'auth.signing-keys-restored')).toHaveLength(1);
    expect(outageLogs()).toHaveLength(1);
  });
});
