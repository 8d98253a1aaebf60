// The HTTP surface: POST /api/messages for Teams, GET /healthz for the platform's probes.
import restify, { type Server } from 'restify';
import type { MessageEndpoint } from './edge';
import type { Logger } from './logger';
import type { StorageAccount } from './services/storage/account';

export interface ServerParts {
  readonly messages: MessageEndpoint;
  readonly storage: StorageAccount;
  readonly logger: Logger;
  readonly mode: 'local' | 'authenticated';
}

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

  server.on('restifyError', (req, _res, error, callback) => {
    parts.logger.warn({ event: 'http.error', status: (error as { statusCode?: number }).statusCode, path: req.path() }, 'request refused');
    return callback();
  });

  return server;
}
