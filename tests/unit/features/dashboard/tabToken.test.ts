// The tab's SSO check against a JWKS served by a local listener, as Entra publishes it: every way a token can be wrong
// is refused with its own reason.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createTabTokenVerifier, type TabTokenVerifier } from '../../../../bot/features/dashboard/tabToken';

const tenantId = '11111111-2222-3333-4444-555555555555';
const appId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const host = 'link-bot.example.org';
const audience = `api://${host}/${appId}`;
const now = new Date('2026-12-04T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

let server: Server;
let signingKey: KeyLike;
let strangerKey: KeyLike;
let verifier: TabTokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'entra-key-1', use: 'sig', alg: 'RS256' };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  verifier = createTabTokenVerifier({ tenantId, appId, host, jwksUrl: `http://127.0.0.1:${port}/keys` });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface TokenOptions {
  issuer?: string;
  audience?: string;
  expiresAt?: Date;
  notBefore?: Date;
  key?: KeyLike;
  kid?: string;
  claims?: Record<string, unknown>;
}

async function token(options: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ oid: 'user-oid-1', tid: tenantId, name: 'Asha Coordinator', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'entra-key-1' })
    .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tenantId}/v2.0`)
    .setAudience(options.audience ?? audience)
    .setIssuedAt(seconds(options.notBefore ?? new Date(now.getTime() - 60_000)))
    .setNotBefore(seconds(options.notBefore ?? new Date(now.getTime() - 60_000)))
    .setExpirationTime(seconds(options.expiresAt ?? new Date(now.getTime() + 3600_000)));
  return jwt.sign(options.key ?? signingKey);
}

describe('the dashboard tab checks the Teams SSO token itself', () => {
  it('accepts a v2 token for this app and names the person', async () => {
    const outcome = await verifier.verify(`Bearer ${await token()}`, now);
    expect(outcome).toEqual({ ok: true, user: { aadObjectId: 'user-oid-1', tenantId, name: 'Asha Coordinator' } });
  });

  it('accepts the v1 issuer form (sts.windows.net)', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ issuer: `https://sts.windows.net/${tenantId}/` })}`, now);
    expect(outcome.ok).toBe(true);
  });

  it.each([
    ['no header', undefined, 'missing'],
    ['an empty header', '   ', 'missing'],
    ['a scheme other than Bearer', 'Basic dXNlcjpwYXNz', 'malformed'],
    ['a token that is not a JWT', 'Bearer not-a-jwt', 'malformed'],
  ])('refuses %s', async (_label, header, reason) => {
    const outcome = await verifier.verify(header, now);
    expect(outcome).toMatchObject({ ok: false, reason });
  });

  it('refuses a token signed by another key', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ key: strangerKey })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token naming a key the tenant does not publish', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ kid: 'unknown-key' })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token with its payload altered after signing', async () => {
    const [head, , signature] = (await token()).split('.');
    const forged = Buffer.from(JSON.stringify({ oid: 'someone-else', tid: tenantId, iss: `https://login.microsoftonline.com/${tenantId}/v2.0`, aud: audience, exp: seconds(now) + 3600 })).toString('base64url');
    const outcome = await verifier.verify(`Bearer ${head}.${forged}.${signature}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token from another tenant', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ issuer: 'https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0' })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'wrong-issuer' });
  });

  it('refuses a token whose tid is not this tenant even with the right issuer', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ claims: { tid: 'another-tenant' } })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'wrong-issuer' });
  });

  it('refuses a token for another app', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ audience: `api://${host}/another-app` })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'wrong-audience' });
  });

  it('refuses an expired token (beyond a minute of clock skew)', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ expiresAt: new Date(now.getTime() - 120_000), notBefore: new Date(now.getTime() - 3600_000) })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'expired', message: expect.stringContaining('Reload') });
  });

  it('refuses a token not valid yet', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ notBefore: new Date(now.getTime() + 600_000) })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('refuses a token that names no person', async () => {
    const outcome = await verifier.verify(`Bearer ${await token({ claims: { oid: undefined } })}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'no-user' });
  });

  it('says the keys could not be fetched when Entra is unreachable', async () => {
    const offline = createTabTokenVerifier({ tenantId, appId, host, jwksUrl: 'http://127.0.0.1:1/keys' });
    const outcome = await offline.verify(`Bearer ${await token()}`, now);
    expect(outcome).toMatchObject({ ok: false, reason: 'keys-unavailable' });
  });
});
