// Every response the server makes carries the security headers: downloads, health probes, activities, refusals, errors.
import { connect } from 'node:net';
import type { Clock } from '../../bot/platform/clock';
import { deliverFile } from '../../bot/platform/files/deliver';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

const EVERY_RESPONSE = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers.entries()]);
}

/** The raw answer to a request Node's HTTP parser refuses (it never reaches restify). */
function parserRefusal(url: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
  });
}

describe('security headers', () => {
  let app: RunningApp;
  const now = new Date('2026-11-23T10:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_BASE_URL: 'https://linkbot.example.org' }, { clock });
  });
  afterAll(() => app.stop());

  async function responses(): Promise<[string, Response][]> {
    const message = await deliverFile(
      { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen', tenantId: FIXTURE_TENANT },
      { fileName: 'results.csv', contentType: 'text/csv', content: 'a,b\n', title: 't', description: 'd' },
      now,
      app.app.services,
    );
    const link = (message.card?.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url.replace('https://linkbot.example.org', app.url);
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${app.url}/api/messages`, { method: 'POST', headers, body });
    const quiet = JSON.stringify(loadActivity('personal-message', { serviceUrl: 'http://127.0.0.1:9/', type: 'typing', text: undefined }));
    return [
      ['a download', await fetch(link)],
      ['a refused download', await fetch(`${app.url}/downloads/nope?expires=1&sig=x`)],
      ['/healthz', await fetch(`${app.url}/healthz`)],
      ['an activity', await post(quiet)],
      ['a bad activity', await post('{}')],
      ['bad JSON', await post('{')],
      ['a compressed body', await post(quiet, { 'content-type': 'application/json', 'content-encoding': 'gzip' })],
      ['a wrong content type', await post(quiet, { 'content-type': 'text/plain' })],
      ['an unknown path', await fetch(`${app.url}/nothing/here`)],
      ['a wrong method', await fetch(`${app.url}/api/messages`)],
    ];
  }

  it('sets nosniff, no-referrer, DENY framing, a CSP, no-store and HSTS (https base URL) on every response, and no Server header', async () => {
    for (const [what, response] of await responses()) {
      const headers = headersOf(response);
      expect([what, headers]).toEqual([what, expect.objectContaining({ ...EVERY_RESPONSE, 'strict-transport-security': 'max-age=31536000; includeSubDomains' })]);
      expect([what, headers.server]).toEqual([what, undefined]);
    }
  });

  it('serves a download with its own type and the same headers', async () => {
    const [, download] = (await responses())[0]!;
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sets them on the answer to a request the HTTP parser refuses', async () => {
    const answer = await parserRefusal(app.url);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(answer.toLowerCase()).toContain(`${name}: ${value}`.toLowerCase());
    expect(answer).toContain('Strict-Transport-Security: max-age=31536000; includeSubDomains');
  });
});

describe('security headers without https', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('sends no Strict-Transport-Security when the bot is not reached over https', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
