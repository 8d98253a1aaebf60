// The HTTP surface: POST /api/messages for Teams, GET /healthz for the platform's probes.
import restify, { type Server } from 'restify';
import type { MessageEndpoint } from './edge';
import type { Logger } from './logger';
import type { StorageAccount } from './services/storage/account';
import type { DownloadLinks } from './services/files/downloadLinks';
import type { Clock } from './services/clock';

export interface ServerParts {
  readonly messages: MessageEndpoint;
  readonly storage: StorageAccount;
  readonly logger: Logger;
  readonly mode: 'local' | 'authenticated';
  readonly downloads: DownloadLinks;
  readonly clock: Clock;
}

const downloadProblems = {
  'bad-signature': { status: 403, message: 'This download link is not valid. Ask the bot for the file again.' },
  expired: { status: 410, message: 'This download link has expired. Ask the bot for the file again.' },
  'not-found': { status: 404, message: 'This file is no longer available. Ask the bot for it again.' },
} as const;

export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'link-programme-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    try {
      await parts.messages(req, res);
    } catch (error) {
      // The adapter answers bad requests itself; this is only for what escaped it.
      parts.logger.error({ event: 'http.messages.failed', name: (error as Error).name }, 'message endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
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
    const outcome = await parts.downloads.open(String(req.params.id ?? ''), query.get('expires') ?? '', query.get('sig') ?? '', parts.clock.now());
    if (outcome.kind !== 'file') {
      const problem = downloadProblems[outcome.kind];
      res.send(problem.status, { error: outcome.kind, message: problem.message });
      return;
    }
    const { file } = outcome;
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.content.length,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.\- ]/g, '_')}"`,
      'cache-control': 'no-store',
    });
    res.end(file.content);
  });

  server.on('restifyError', (req, _res, error, callback) => {
    // Local clients probe /api/messages with GET to see whether the bot is up: not worth a warning.
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 405) return callback();
    parts.logger.warn({ event: 'http.error', status: (error as { statusCode?: number }).statusCode, path: req.path() }, 'request refused');
    return callback();
  });

  return server;
}
