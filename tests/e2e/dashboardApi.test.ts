// The dashboard tab's JSON API over the real server (Azurite storage): every call is signed in with the Teams SSO
// token, checked against Entra's signing keys, answered here by nock at the address Entra publishes them; a coordinator
// sees their area, anyone else is told why not, and a bad question gets a 400 that says what to ask.
import ExcelJS from 'exceljs';
import nock from 'nock';
import type { RegisterEntry } from '../../bot/features/schools/domain/register';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { FIXTURE_TENANT } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

const appId = '11111111-2222-3333-4444-555555555555';
const host = 'link-bot.example.org';
const coordinator = '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const teacher = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

let signingKey: KeyLike;
let app: RunningApp;
let keyRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'entra-key-1', use: 'sig', alg: 'RS256' };
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock('https://login.microsoftonline.com')
    .get(`/${FIXTURE_TENANT}/discovery/v2.0/keys`)
    .reply(() => {
      keyRequests += 1;
      return [200, { keys: [jwk] }];
    })
    .persist();
  app = await startTestApp({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: FIXTURE_TENANT,
    PUBLIC_BASE_URL: `https://${host}`,
    COORDINATOR_IDS: coordinator,
  });
  await app.app.services.schools.repository.replace(FIXTURE_TENANT, 'salford', REGISTER, { generation: 'g1', importedBy: coordinator, now: new Date() });
});

const REGISTER: RegisterEntry[] = [
  { urn: '105900', name: 'St Mary’s RC Primary School', kind: 'school', phase: 'primary', postcode: 'M27 4AS' },
  { urn: '105901', name: 'Buile Hill Academy', kind: 'school', phase: 'secondary', postcode: 'M6 8RD' },
  ...Array.from({ length: 10 }, (_, i): RegisterEntry => ({ urn: String(106000 + i), name: `Salford School ${i}`, kind: 'school', phase: 'primary' })),
];

afterAll(async () => {
  await app.stop();
  // Undo the interception so it never leaks into the next test file this worker runs (tests/support/graph.ts does the same).
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

async function ssoToken(oid: string, options: { audience?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ oid, tid: FIXTURE_TENANT, name: 'Teams person' })
    .setProtectedHeader({ alg: 'RS256', kid: 'entra-key-1' })
    .setIssuer(`https://login.microsoftonline.com/${FIXTURE_TENANT}/v2.0`)
    .setAudience(options.audience ?? `api://${host}/${appId}`)
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
}

async function ask(path: string, token?: string, method = 'GET'): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${app.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the dashboard tab API', () => {
  it('refuses a call without a sign-in token with 401 and a reason, without reading anything', async () => {
    const before = keyRequests;
    const answer = await ask('/tab/api/me');
    expect(answer.status).toBe(401);
    expect(typeof answer.json.message).toBe('string');
    expect(keyRequests).toBe(before);
  });

  it('refuses a token made for another app with 401', async () => {
    const answer = await ask('/tab/api/me', await ssoToken(coordinator, { audience: 'api://elsewhere.example.org/99999999-0000-0000-0000-000000000000' }));
    expect(answer.status).toBe(401);
    expect(String(answer.json.message)).not.toHaveLength(0);
  });

  it('names a signed-in coordinator and their roles', async () => {
    const answer = await ask('/tab/api/me', await ssoToken(coordinator));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ local: false, name: 'Teams person' });
    expect(answer.json.roles).toContain('coordinator');
  });

  it('answers a programme question without a scope with a 400 saying what to ask', async () => {
    const answer = await ask('/tab/api/programme', await ssoToken(coordinator));
    expect(answer.status).toBe(400);
    expect(String(answer.json.message)).toContain('?area=');
  });

  it('tells a coordinator that an area has no cohorts or register yet, with 404 and what to do', async () => {
    const answer = await ask('/tab/api/programme?area=kent', await ssoToken(coordinator));
    expect(answer.status).toBe(404);
    expect(answer.json.message).toContain('no area "kent"');
  });

  it('does not show an area to someone with no role', async () => {
    const answer = await ask('/tab/api/programme?area=kent', await ssoToken(teacher));
    expect(answer.status).toBe(403);
    expect(answer.json.message).toContain('Only coordinators and facilitators');
    expect(answer.json).not.toHaveProperty('uptake');
  });

  it('asks for a report format it knows', async () => {
    const answer = await ask('/tab/api/report?area=kent&format=docx', await ssoToken(coordinator), 'POST');
    expect(answer.status).toBe(400);
    expect(String(answer.json.message)).toContain('format=pdf');
  });

  it('shows a coordinator an area with a school register: its schools open and none taken part yet', async () => {
    const token = await ssoToken(coordinator);
    const me = await ask('/tab/api/me', token);
    expect(me.json.areas).toContain('salford');
    const answer = await ask('/tab/api/programme?area=salford', token);
    expect(answer.status).toBe(200);
    expect(answer.json.scope).toMatchObject({ kind: 'area', id: 'salford' });
    expect(answer.json.uptake).toMatchObject({ available: true, open: 12, takenPart: 0 });
  });

  it('makes the evaluation report as a workbook and a PDF behind signed download links', async () => {
    const token = await ssoToken(coordinator);
    const excel = await ask('/tab/api/report?area=salford&format=xlsx', token, 'POST');
    expect(excel.status).toBe(200);
    const workbookFile = await fetch(String(excel.json.url).replace(/^https?:\/\/[^/]+/, app.url));
    expect(workbookFile.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await workbookFile.arrayBuffer());
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const pdf = await ask('/tab/api/report?area=salford&format=pdf', token, 'POST');
    expect(pdf.status).toBe(200);
    const pdfFile = await fetch(String(pdf.json.url).replace(/^https?:\/\/[^/]+/, app.url));
    expect(Buffer.from(await pdfFile.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
