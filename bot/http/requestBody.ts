// Reads a JSON request body by hand, with every way it can go wrong answered by a fixed 4xx: the bot's own reader, so no
// decompression stream, parser message or half-read body is left to a library that might throw it at the process.
import type { IncomingMessage } from 'node:http';

/** A refusal to send as it is: status and a body in our words, never the parser's message or any of the input. */
export interface BodyRefusal {
  readonly status: number;
  readonly body: { readonly error: string; readonly message: string };
  /** The rest of the body will not be read: the connection is closed after the answer. */
  readonly closeConnection?: boolean;
}

export type BodyOutcome = { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & BodyRefusal);

/** Deeper than any activity (a card's data is a few levels); a deeper body is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

const refusals = {
  encoding: {
    status: 415,
    body: { error: 'unsupported-encoding', message: 'Send the request body without a Content-Encoding (no gzip, deflate or br).' },
  },
  contentType: {
    status: 415,
    body: { error: 'unsupported-media-type', message: 'Send the request body as JSON, with Content-Type: application/json (UTF-8).' },
  },
  tooLarge: { status: 413, body: { error: 'too-large', message: 'The request body is larger than the bot accepts.' }, closeConnection: true },
  unreadable: { status: 400, body: { error: 'bad-body', message: 'The request body could not be read in full.' }, closeConnection: true },
  notUtf8: { status: 400, body: { error: 'bad-json', message: 'The request body is not valid UTF-8 text.' } },
  empty: { status: 400, body: { error: 'bad-json', message: 'The request body is empty: send a Bot Framework activity as JSON.' } },
  badJson: { status: 400, body: { error: 'bad-json', message: 'The request body is not valid JSON.' } },
  tooDeep: { status: 400, body: { error: 'bad-json', message: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.` } },
} as const satisfies Record<string, BodyRefusal>;

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Any Content-Encoding but identity is refused before a byte of the body is read (nothing the bot needs is compressed). */
export function encodingRefusal(req: IncomingMessage): BodyRefusal | undefined {
  const encoding = headerOf(req, 'content-encoding');
  if (encoding === undefined) return undefined;
  const codings = encoding.split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding.length > 0);
  return codings.every((coding) => coding === 'identity') ? undefined : refusals.encoding;
}

/** application/json, with no charset or UTF-8: what Teams, the Emulator and the Agents Playground send. */
function contentTypeRefusal(req: IncomingMessage): BodyRefusal | undefined {
  const [type, ...parameters] = (headerOf(req, 'content-type') ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return refusals.contentType;
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=').map((part) => part.trim());
    if (name === 'charset' && !['utf-8', 'utf8'].includes(value.replace(/^"|"$/g, ''))) return refusals.contentType;
  }
  return undefined;
}

function depthOf(value: unknown): number {
  // Iterative, so a deep body cannot overflow the stack here.
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: next, depth } = item;
    if (typeof next !== 'object' || next === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(next)) stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

function parse(bytes: Buffer): BodyOutcome {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, ...refusals.notUtf8 };
  }
  if (text.trim().length === 0) return { ok: false, ...refusals.empty };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, ...refusals.badJson };
  }
  if (depthOf(value) > MAX_JSON_DEPTH) return { ok: false, ...refusals.tooDeep };
  return { ok: true, value };
}

/**
 * The request's JSON body, or why not. Checks the headers first (type, size), so a refused body is never read; stops
 * reading once the body is over `maxBytes`; settles exactly once, whether the body ends, errors or the client goes away.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const refused = encodingRefusal(req) ?? contentTypeRefusal(req);
  if (refused) return Promise.resolve({ ok: false, ...refused });
  // Node has already refused a Content-Length that is not a number (400 from its parser).
  const declared = Number(headerOf(req, 'content-length') ?? '0');
  if (declared > maxBytes) return Promise.resolve({ ok: false, ...refusals.tooLarge });
  return new Promise<BodyOutcome>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      // Later errors on this request (the client resetting after a refusal) have a listener still: see server.ts.
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        settle({ ok: false, ...refusals.tooLarge });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle(parse(Buffer.concat(chunks)));
    const onClose = () => settle({ ok: false, ...refusals.unreadable });
    req.on('data', onData);
    req.once('end', onEnd);
    // 'close' before 'end': the client went away or the socket failed mid-body; 'error' is followed by 'close'.
    req.once('close', onClose);
    req.once('error', onClose);
  });
}
