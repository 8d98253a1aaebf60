// The HTTP surface: POST /api/messages for Teams, GET /healthz for the platform's probes, GET /downloads/:id for files,
// and the routes features add (the dashboard tab's page and JSON API under /tab/).
// No request can end the process: bodies are read by our own reader, and every stream, socket and parser error is
// answered (or the connection closed) for that request alone.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { restify, type Request, type Response, type Server } from './http/restify';
import type { MessageEndpoint } from './edge';
import type { Logger } from './logger';
import type { StorageAccount } from './platform/storage/account';
import type { DownloadLinks } from './platform/files/downloadLinks';
import type { Clock } from './platform/clock';
import { encodingRefusal, readJsonBody, type BodyRefusal } from './http/requestBody';
import { securityHeaders, type ResponseKind } from './http/securityHeaders';
import type { HttpRoute } from './http/httpRoute';

const downloadParamsSchema = z.object({ id: z.string() });

export interface ServerParts {
  readonly messages: MessageEndpoint;
  readonly storage: StorageAccount;
  readonly logger: Logger;
  readonly mode: 'local' | 'authenticated';
  readonly downloads: DownloadLinks;
  readonly clock: Clock;
  /** The bot's public address (PUBLIC_BASE_URL), when set: https turns on Strict-Transport-Security. */
  readonly publicBaseUrl?: string;
  /** Routes the features add (FeatureManifest.httpRoutes). */
  readonly routes?: readonly HttpRoute[];
}

/** The largest activity accepted; Teams' own limit for a message is about 28 KB, so this is far above any real one. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A client has this long to send its whole request (Teams gives the bot 15 s to answer, so none is slower). */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;

const downloadProblems = {
  'bad-signature': { status: 403, message: 'This download link is not valid. Ask the bot for the file again.' },
  expired: { status: 410, message: 'This download link has expired. Ask the bot for the file again.' },
  'not-found': { status: 404, message: 'This file is no longer available. Ask the bot for it again.' },
} as const;

/** restify's own error answers name the path or method asked for; ours are fixed words. */
const restifyErrorAnswers: Record<number, { error: string; message: string }> = {
  404: { error: 'not-found', message: 'There is nothing at this address.' },
  405: { error: 'method-not-allowed', message: 'This address does not accept that method.' },
};

const connectionErrorAnswers: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function createServer(parts: ServerParts): Server {
  // An empty name: restify then sends no Server header.
  const server = restify.createServer({ name: '', handleUncaughtExceptions: false });
  const headerOptions = { https: parts.publicBaseUrl?.startsWith('https:') ?? false };
  const setHeaders = (res: ServerResponse, kind: ResponseKind) => {
    const headers = securityHeaders(kind, headerOptions);
    // Every request starts with the api headers; a page drops those it does not use (X-Frame-Options: DENY would stop
    // Teams framing a tab, whatever the CSP's frame-ancestors say).
    for (const name of Object.keys(securityHeaders('api', headerOptions))) if (!(name in headers)) res.removeHeader(name);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  };

  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  // A request Node's parser refuses (bad Content-Length, a header too large, garbage) never reaches restify: answer it
  // on the socket, with the same headers as every other answer, and close it.
  server.server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const status = connectionErrorAnswers[error.code ?? ''] ?? 400;
    parts.logger.warn({ event: 'http.client-error', status, code: error.code }, 'refused a request the HTTP parser could not read');
    const body = JSON.stringify({ error: 'bad-request', message: 'The request could not be read as HTTP.' });
    const headers = { ...securityHeaders('api', headerOptions), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
    const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
    socket.end(`${head}\r\n\r\n${body}`);
  });

  // First, for every request: the security headers, and a listener for each stream's errors, so none is unhandled.
  // (Node's own events, put ahead of restify's listeners; a request with `Expect: 100-continue` comes as checkContinue.)
  const onEveryRequest = (req: IncomingMessage, res: ServerResponse) => {
    setHeaders(res, 'api');
    req.on('error', (error: NodeJS.ErrnoException) => parts.logger.debug({ event: 'http.request-stream-error', code: error.code }, 'request stream failed'));
    res.on('error', (error: NodeJS.ErrnoException) => parts.logger.debug({ event: 'http.response-stream-error', code: error.code }, 'response stream failed'));
  };
  server.server.prependListener('request', onEveryRequest);
  server.server.prependListener('checkContinue', onEveryRequest);

  // Before routing, and before a byte of any body is read: nothing the bot serves takes a compressed body.
  server.pre((req, res, next) => {
    const refused = encodingRefusal(req);
    if (!refused) {
      next();
      return;
    }
    refuse(req, res, refused);
    next(false);
  });

  server.post('/api/messages', async (req, res) => {
    try {
      // Checked again by the edge; here so an unauthenticated body is never even read.
      if (parts.mode === 'authenticated' && !req.headers.authorization) {
        res.send(401, { error: 'unauthorized', message: 'A Bot Framework bearer token is required.' });
        return;
      }
      const body = await readJsonBody(req, MAX_BODY_BYTES);
      if (!body.ok) {
        refuse(req, res, body);
        return;
      }
      (req as Request & { body: unknown }).body = body.value;
      await parts.messages(req, res);
    } catch (error) {
      // The adapter answers bad requests itself; this is only for what escaped it.
      parts.logger.error({ event: 'http.messages.failed', name: (error as Error).name }, 'message endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal', message: 'Something went wrong on our side.' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await parts.storage.ping(2000);
      res.send(200, { status: 'ok', storage: 'ok', mode: parts.mode });
    } catch {
      res.send(503, { status: 'degraded', storage: 'unreachable', mode: parts.mode });
    }
  });

  server.get('/downloads/:id', async (req, res) => {
    const query = new URL(req.url ?? '', 'http://localhost').searchParams;
    // restify leaves route parameters untyped: read the id through a schema (a missing one is refused as not found).
    const id = downloadParamsSchema.safeParse(req.params).data?.id ?? '';
    const outcome = await parts.downloads.open(id, query.get('expires') ?? '', query.get('sig') ?? '', parts.clock.now());
    if (outcome.kind !== 'file') {
      const problem = downloadProblems[outcome.kind];
      res.send(problem.status, { error: outcome.kind, message: problem.message });
      return;
    }
    const { file } = outcome;
    setHeaders(res, 'file');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.content.length,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.\- ]/g, '_')}"`,
    });
    res.end(file.content);
  });

  for (const route of parts.routes ?? []) {
    const handler = async (req: Request, res: Response) => {
      try {
        const answer = await route.handle({ query: new URL(req.url ?? '', 'http://localhost').searchParams, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        if ('json' in answer) {
          res.send(answer.status, answer.json);
          return;
        }
        setHeaders(res, answer.kind === 'page' ? 'page' : 'api');
        res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      } catch (error) {
        parts.logger.error({ event: 'http.route.failed', path: route.path, name: (error as Error).name }, 'feature route failed');
        if (!res.headersSent) res.send(500, { error: 'internal', message: 'Something went wrong on our side.' });
      }
    };
    if (route.method === 'GET') server.get(route.path, handler);
    else server.post(route.path, handler);
  }

  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    // Local clients probe /api/messages with GET to see whether the bot is up: not worth a warning.
    if (status !== 405) parts.logger.warn({ event: 'http.error', status, path: req.path() }, 'request refused');
    if (!res.headersSent) {
      const answer = restifyErrorAnswers[status] ?? (status >= 500 ? { error: 'internal', message: 'Something went wrong on our side.' } : { error: 'bad-request', message: 'The request was refused.' });
      res.send(status, answer);
    }
    return callback();
  });

  return server;
}

/** Sends a body refusal; when the rest of the body will not be read, closes the connection once the answer is out. */
function refuse(req: Request, res: Response, refusal: BodyRefusal): void {
  if (refusal.closeConnection) {
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.destroy());
  }
  res.send(refusal.status, refusal.body);
}
