// GRAPH_DISABLE_INSTANCE_DISCOVERY reaches the Azure identity credential: against a login host MSAL does not know (a
// private cloud's, nock'd), MSAL first asks login.microsoftonline.com about it, unless the setting turns that off.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { loadConfig } from '../../../../bot/config';
import { credentialFromConfig, graphScope } from '../../../../bot/platform/graph/credentials';
import { selfSignedCertificate } from '../../../support/tls';

const LOGIN_HOST = 'https://login.private-cloud.example';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const PUBLIC_LOGIN = 'https://login.microsoftonline.com';

/** The OpenID configuration MSAL reads from the login host (Entra ID's shape, for the private host). */
function openIdConfiguration() {
  return {
    token_endpoint: `${LOGIN_HOST}/${TENANT}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${LOGIN_HOST}/${TENANT}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${LOGIN_HOST}/${TENANT}/v2.0`,
    authorization_endpoint: `${LOGIN_HOST}/${TENANT}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${LOGIN_HOST}/${TENANT}/oauth2/v2.0/logout`,
    tenant_region_scope: 'EU',
  };
}

/** Entra ID's instance discovery answer for a host it does not list: the host's own discovery endpoint, the known clouds. */
function instanceDiscovery() {
  return {
    tenant_discovery_endpoint: `${LOGIN_HOST}/${TENANT}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
    ],
  };
}

let certificateDir: string;
let certificatePath: string;
const unmatched: string[] = [];
const recordUnmatched = (req: { hostname?: string; path?: string }) => void unmatched.push(`${req.hostname ?? ''}${req.path ?? ''}`);

beforeAll(() => {
  certificateDir = mkdtempSync(path.join(tmpdir(), 'link-graph-cert-'));
  certificatePath = path.join(certificateDir, 'graph.pem');
  const { key, cert } = selfSignedCertificate(['link-programme-bot'], 'rsa');
  writeFileSync(certificatePath, `${key}\n${cert}`);
  nock.disableNetConnect();
  nock.emitter.on('no match', recordUnmatched);
});
afterAll(() => {
  nock.emitter.removeListener('no match', recordUnmatched);
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
  rmSync(certificateDir, { recursive: true, force: true });
});
beforeEach(() => {
  unmatched.length = 0;
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function configFor(kind: 'client-secret' | 'certificate', disableInstanceDiscovery?: 'true' | 'false') {
  return loadConfig({
    GRAPH_CREDENTIAL: kind,
    GRAPH_TENANT_ID: TENANT,
    GRAPH_CLIENT_ID: CLIENT,
    ...(kind === 'client-secret' ? { GRAPH_CLIENT_SECRET: 'test-secret' } : { GRAPH_CERTIFICATE_PATH: certificatePath }),
    GRAPH_AUTHORITY_HOST: LOGIN_HOST,
    GRAPH_BASE_URL: 'https://graph.private-cloud.example',
    ...(disableInstanceDiscovery ? { GRAPH_DISABLE_INSTANCE_DISCOVERY: disableInstanceDiscovery } : {}),
  });
}

function privateLoginHost() {
  return nock(LOGIN_HOST)
    .get(`/${TENANT}/v2.0/.well-known/openid-configuration`)
    .reply(200, openIdConfiguration())
    .post(`/${TENANT}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'private-cloud-token' });
}

describe.each(['client-secret', 'certificate'] as const)('the %s credential against a private cloud', (kind) => {
  it('asks login.microsoftonline.com about the unknown login host by default', async () => {
    const discovery = nock(PUBLIC_LOGIN)
      .get('/common/discovery/instance')
      .query({ 'api-version': '1.1', authorization_endpoint: `${LOGIN_HOST}/${TENANT}/oauth2/v2.0/authorize` })
      .reply(200, instanceDiscovery());
    const login = privateLoginHost();
    const config = configFor(kind);
    expect(config.GRAPH_DISABLE_INSTANCE_DISCOVERY).toBe(false);
    const token = await credentialFromConfig(config)!.getToken(graphScope(config));
    expect(token?.token).toBe('private-cloud-token');
    expect(discovery.isDone()).toBe(true);
    expect(login.isDone()).toBe(true);
  });

  it('signs in with the login host alone when GRAPH_DISABLE_INSTANCE_DISCOVERY=true', async () => {
    const login = privateLoginHost();
    const config = configFor(kind, 'true');
    const token = await credentialFromConfig(config)!.getToken(graphScope(config));
    expect(token?.token).toBe('private-cloud-token');
    expect(login.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });
});
