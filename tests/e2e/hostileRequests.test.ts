// Requests a careless or hostile client can send to the real bot process: each gets its own 4xx (or its connection
// closed), nothing in an answer echoes the input, and the same process answers the next request.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { loadActivity } from '../support/fixtures';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

/** A marker put in the input; no answer may contain it. */
const MARKER = 'zq7-echo-marker';

/** An activity the bot acknowledges without replying (no Bot Connector needed). */
function quietActivity(): string {
  return JSON.stringify(loadActivity('personal-message', { serviceUrl: 'http://127.0.0.1:9/', type: 'typing', text: undefined }));
}

interface RawAnswer {
  readonly status: number | undefined;
  readonly head: string;
  readonly body: string;
}

/**
 * Writes `parts` to a fresh connection (pausing between them), then half-closes or drops it, and returns what came back
 * before the server closed the connection (or `waitMs` passed).
 */
function raw(url: string, parts: readonly (string | Buffer)[], options: { end?: 'half-close' | 'destroy' | 'keep'; waitMs?: number } = {}): Promise<RawAnswer> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({ status: status ? Number(status) : undefined, head, body });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    socket.on('error', finish);
    timer = setTimeout(finish, options.waitMs ?? 5000);
    // The socket's listener returns nothing; the writes run on and end the socket themselves.
    socket.once('connect', () => void (async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        await new Promise((r) => setTimeout(r, 20));
      }
      if (options.end === 'destroy') {
        socket.destroy();
        finish();
      } else if (options.end !== 'keep') socket.end();
    })());
  });
}

function post(path: string, headers: Record<string, string>, body: string | Buffer = ''): string {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n${typeof body === 'string' ? body : ''}`;
}

describe('the bot process facing hostile requests', () => {
  let bot: ServerProcess;

  beforeAll(async () => {
    bot = await startServerProcess();
  }, 60_000);
  afterAll(() => bot.stop());

  /** The process is running and answers a health probe: what "survived" means. */
  async function expectAlive(): Promise<void> {
    expect(bot.alive()).toBe(true);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
  }

  async function postMessages(body: string | Buffer, headers: Record<string, string>) {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  it('refuses a gzip Content-Encoding whose body is not gzip with 415, before reading it, and keeps running', async () => {
    // This request ended the process: restify's body parser left the Gunzip stream's 'error' unhandled.
    const answer = await postMessages('{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.text)).toEqual({ error: 'unsupported-encoding', message: expect.stringContaining('without a Content-Encoding') });
    await expectAlive();
  });

  it('refuses every Content-Encoding but identity, even a well-formed gzip body', async () => {
    for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown', 'identity, gzip']) {
      const answer = await postMessages(gzipSync(quietActivity()), { 'content-type': 'application/json', 'content-encoding': encoding });
      expect([encoding, answer.status]).toEqual([encoding, 415]);
    }
    const identity = await postMessages(quietActivity(), { 'content-type': 'application/json', 'content-encoding': 'identity' });
    expect(identity.status).toBe(200);
    await expectAlive();
  });

  it('refuses a body that is not JSON by its Content-Type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) {
      const answer = await postMessages(quietActivity(), { 'content-type': type });
      expect([type, answer.status]).toEqual([type, 415]);
    }
    const none = await raw(bot.url, [post('/api/messages', { 'Content-Length': String(Buffer.byteLength(quietActivity())) }, quietActivity())]);
    expect(none.status).toBe(415);
    await expectAlive();
  });

  it('refuses a body declared larger than 1 MiB with 413 without waiting for it', async () => {
    const answer = await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) }, '{"type":')], { end: 'keep' });
    expect(answer.status).toBe(413);
    expect(answer.head.toLowerCase()).toContain('connection: close');
    await expectAlive();
  });

  it('stops reading a chunked body at 1 MiB with 413 and closes the connection', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a').toString();
    const chunked = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const parts = [post('/api/messages', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), chunked(`{"text":"${chunk}`), ...Array.from({ length: 8 }, () => chunked(chunk))];
    const answer = await raw(bot.url, parts, { end: 'keep' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.replace(/^[0-9a-f]+\r\n/, '').split('\r\n')[0] ?? '{}')).toMatchObject({ error: 'too-large' });
    await expectAlive();
  });

  it('answers a Content-Length that is not a number, and a request line that is not HTTP, with 400', async () => {
    const badLength = await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Content-Length': 'abc' }, '{}')]);
    expect(badLength.status).toBe(400);
    expect(badLength.head).toContain('X-Content-Type-Options: nosniff');
    const twoLengths = await raw(bot.url, [`POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}`]);
    expect(twoLengths.status).toBe(400);
    const garbage = await raw(bot.url, [`\u0000\u0001 ${MARKER} \r\n\r\n`]);
    expect(garbage.status).toBe(400);
    expect(garbage.body).not.toContain(MARKER);
    await expectAlive();
  });

  it('answers headers too large with 431', async () => {
    const answer = await raw(bot.url, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`]);
    expect(answer.status).toBe(431);
    await expectAlive();
  });

  it('survives bodies cut short: a client that stops mid-body, and one that resets the connection', async () => {
    const body = quietActivity();
    const truncated = await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Content-Length': String(body.length + 100) }, body)], { end: 'half-close', waitMs: 1500 });
    // Nothing sensible can be answered to a body that never arrives; the point is the process.
    expect([undefined, 400]).toContain(truncated.status);
    await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), '10\r\n{"type":"mess'], { end: 'destroy' });
    await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Content-Length': '5000' }, body.slice(0, 100))], { end: 'destroy' });
    await new Promise((r) => setTimeout(r, 200));
    await expectAlive();
  });

  it('answers bodies that are not JSON with a fixed 400 that never repeats the parser or the input', async () => {
    const bodies = [`{"type": "message", "text": "${MARKER}`, MARKER, '', '   ', '[1,2', `{"a":1}${MARKER}`];
    for (const body of bodies) {
      const answer = await postMessages(body, { 'content-type': 'application/json' });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'bad-json' });
      expect(answer.text).not.toMatch(new RegExp(`${MARKER}|position|Unexpected|Unterminated|JSON at`));
    }
    const notUtf8 = await postMessages(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { 'content-type': 'application/json' });
    expect(JSON.parse(notUtf8.text)).toEqual({ error: 'bad-json', message: 'The request body is not valid UTF-8 text.' });
    const deep = await postMessages(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, { 'content-type': 'application/json' });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.text)).toMatchObject({ error: 'bad-json' });
    await expectAlive();
  });

  it('answers unknown addresses and methods in fixed words, with no echo of the path', async () => {
    const missing = await fetch(`${bot.url}/${MARKER}/x?y=${MARKER}`);
    expect(missing.status).toBe(404);
    const missingText = await missing.text();
    expect(JSON.parse(missingText)).toEqual({ error: 'not-found', message: 'There is nothing at this address.' });
    const wrongMethod = await fetch(`${bot.url}/api/messages`, { method: 'PUT', body: MARKER });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.text()).not.toContain('PUT');
    const badEscape = await raw(bot.url, [`GET /downloads/%E0%A4%A?sig=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n`]);
    expect(badEscape.status).toBeGreaterThanOrEqual(400);
    expect(badEscape.status).toBeLessThan(500);
    await expectAlive();
  });

  it('answers a request that waits for 100-continue', async () => {
    const body = quietActivity();
    const answer = await raw(bot.url, [post('/api/messages', { 'Content-Type': 'application/json', 'Content-Length': String(body.length), Expect: '100-continue' }), body], { waitMs: 3000 });
    expect(answer.head).toContain('100 Continue');
    await expectAlive();
  });

  it('wrote no unhandled error or stack trace to its output through all of this', () => {
    expect(bot.output()).not.toMatch(/Unhandled|uncaught| {4}at /i);
  });
});
