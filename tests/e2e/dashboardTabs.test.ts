// The app manifest's tabs against the running server: the personal "Programme" tab and the channel tab's configuration
// page are pages the server really serves (Teams may frame them, their scripts and stylesheet load), and a Teams SSO
// token asked for the manifest's webApplicationInfo.resource is the one the server accepts. Entra's signing keys are
// answered by nock at the address Entra publishes them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { fillPlaceholders, SAMPLE_VALUES } from '../../scripts/appPackage';
import { FIXTURE_TENANT } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

interface Tab { readonly entityId?: string; readonly name?: string; readonly contentUrl?: string; readonly websiteUrl?: string; readonly configurationUrl?: string; readonly scopes: readonly string[]; readonly context?: readonly string[] }
interface Manifest {
  readonly staticTabs: readonly Tab[];
  readonly configurableTabs: readonly Tab[];
  readonly webApplicationInfo: { readonly id: string; readonly resource: string };
  readonly validDomains: readonly string[];
}

const botDomain = SAMPLE_VALUES.BOT_DOMAIN as string;
const botId = SAMPLE_VALUES.BOT_ID as string;
const coordinator = '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const manifest = JSON.parse(fillPlaceholders(readFileSync(path.join(__dirname, '..', '..', 'appPackage', 'manifest.json'), 'utf8'), {}).text) as Manifest;

let app: RunningApp;
let signingKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'entra-key-1', use: 'sig', alg: 'RS256' };
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock('https://login.microsoftonline.com').get(`/${FIXTURE_TENANT}/discovery/v2.0/keys`).reply(200, { keys: [jwk] }).persist();
  // The bot as provisioned: its app id is the manifest's BOT_ID, its public address the manifest's BOT_DOMAIN.
  app = await startTestApp({
    MicrosoftAppId: botId,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: FIXTURE_TENANT,
    PUBLIC_BASE_URL: `https://${botDomain}`,
    COORDINATOR_IDS: coordinator,
  });
});

afterAll(async () => {
  await app.stop();
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

/** What a Teams client gets for one of the manifest's addresses, asked of the test server instead of the bot's host. */
async function open(url: string): Promise<Response> {
  const address = new URL(url);
  expect(address.protocol).toBe('https:');
  expect(manifest.validDomains).toContain(address.host);
  return fetch(`${app.url}${address.pathname}${address.search}`);
}

/** The page, and every script and stylesheet it names, answered 200. */
async function expectFramablePage(url: string, script: string): Promise<string> {
  const page = await open(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  // Teams shows a tab in a frame: the page must name Teams among its frame ancestors and not forbid every frame.
  expect(page.headers.get('content-security-policy')).toContain('https://teams.microsoft.com');
  expect(page.headers.get('x-frame-options')).toBeNull();
  const html = await page.text();
  expect(html).toContain(`<script src="${script}"></script>`);
  for (const [, asset] of html.matchAll(/(?:src|href)="(\/tab\/[^"]+)"/g)) {
    const answer = await fetch(`${app.url}${asset}`);
    expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
    expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }
  return html;
}

describe('the dashboard tabs in the app manifest', () => {
  it('pins a personal "Programme" tab whose page the server serves, scripts and styles included', async () => {
    expect(manifest.staticTabs).toHaveLength(1);
    const [tab] = manifest.staticTabs;
    expect(tab).toMatchObject({ name: 'Programme', scopes: ['personal'] });
    const html = await expectFramablePage(tab!.contentUrl!, '/tab/app.js');
    expect(html).toContain('Programme dashboard');
    expect((await open(tab!.websiteUrl!)).status).toBe(200);
  });

  it('offers a channel tab whose configuration page the server serves', async () => {
    expect(manifest.configurableTabs).toHaveLength(1);
    const [tab] = manifest.configurableTabs;
    expect(tab!.scopes).toEqual(['team']);
    expect(tab!.context).toContain('channelTab');
    const html = await expectFramablePage(tab!.configurationUrl!, '/tab/config.js');
    expect(html).toContain('Choose what this channel');
  });

  it('declares single sign-on for the bot, and the server accepts a token asked for that resource', async () => {
    expect(manifest.webApplicationInfo).toEqual({ id: botId, resource: `api://${botDomain}/${botId}` });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ oid: coordinator, tid: FIXTURE_TENANT, name: 'Cora Ordinator' })
      .setProtectedHeader({ alg: 'RS256', kid: 'entra-key-1' })
      .setIssuer(`https://login.microsoftonline.com/${FIXTURE_TENANT}/v2.0`)
      .setAudience(manifest.webApplicationInfo.resource)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 3600)
      .sign(signingKey);
    const me = await fetch(`${app.url}/tab/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Cora Ordinator', local: false, roles: expect.arrayContaining(['coordinator']) as unknown });
    const refused = await fetch(`${app.url}/tab/api/me`);
    expect(refused.status).toBe(401);
  });
});
