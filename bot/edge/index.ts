// What the rest of the app gets from the edge: a request handler for /api/messages and a proactive sender.
import { ShowTypingMiddleware, type Activity, type Request, type Response } from 'botbuilder';
import type { Config } from '../config';
import type { Dispatcher } from '../routing/dispatch';
import type { ConversationSender } from '../platform/messaging/sender';
import type { Logger } from '../logger';
import { createAdapter, SigningKeysUnavailableError } from './adapter';
import { tenantsNamedBy } from './activities';
import { createConversationSender } from './proactive';
import { TeamsBot } from './teamsBot';
import { createTurnErrorHandler } from './turnError';
import { describeEnvelopeProblems, HANDLED_ACTIVITY_TYPES } from './envelope';

interface HttpRequest {
  readonly body?: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

interface HttpResponse {
  status(code: number): void;
  header(name: string, value: string): void;
  send(code: number, body?: unknown): void;
}

/** Seconds Teams is asked to wait before retrying while the Bot Framework's signing keys cannot be fetched. */
export const KEYS_RETRY_AFTER_SECONDS = 10;

/** Logs the start and the end of a signing-key outage once each, however many requests meet it. */
class KeyOutageLog {
  private since: Date | undefined;

  constructor(private readonly logger: Logger) {}

  failed(error: SigningKeysUnavailableError): void {
    if (this.since) return;
    this.since = new Date();
    const cause = error.cause as { name?: string; code?: string; statusCode?: number } | undefined;
    this.logger.error(
      { event: 'auth.signing-keys-unavailable', cause: cause ? { name: cause.name, code: cause.code, statusCode: cause.statusCode } : 'timeout' },
      'the Bot Framework signing keys cannot be fetched: requests are answered 503 until they can',
    );
  }

  fetched(): void {
    if (!this.since) return;
    this.logger.info({ event: 'auth.signing-keys-restored', outageMs: Date.now() - this.since.getTime() }, 'the Bot Framework signing keys can be fetched again');
    this.since = undefined;
  }
}

/** Whether the activity's tenant may use the bot: every tenant named is in the list (an empty list allows all). */
function tenantAllowed(allowed: readonly string[], activity: Activity): boolean {
  if (allowed.length === 0) return true;
  const named = tenantsNamedBy(activity);
  return named.length > 0 && named.every((tenant) => allowed.includes(tenant));
}

/** A turn taking longer than this shows a typing indicator, repeated every TYPING_EVERY_MS until it answers. */
export const TYPING_AFTER_MS = 1000;
const TYPING_EVERY_MS = 3000;

export type MessageEndpoint = (req: unknown, res: unknown) => Promise<void>;

export interface Edge {
  readonly sender: ConversationSender;
  /** Connects the dispatcher; returns the handler for POST /api/messages. */
  attach(dispatcher: Dispatcher): MessageEndpoint;
}

export function createEdge(config: Config): Edge {
  const adapter = createAdapter(config);
  return {
    sender: createConversationSender(adapter),
    attach(dispatcher) {
      adapter.onTurnError = createTurnErrorHandler(dispatcher.services);
      // Long work (Graph calls, imports) shows "typing…" in Teams; quick answers send nothing extra.
      adapter.use(new ShowTypingMiddleware(TYPING_AFTER_MS, TYPING_EVERY_MS));
      const bot = new TeamsBot(dispatcher);
      const { logger } = dispatcher.services;
      const keyOutage = new KeyOutageLog(logger);
      const allowedTenants = config.ALLOWED_TENANT_IDS;
      return async (req, res) => {
        const request = req as HttpRequest;
        const response = res as HttpResponse;
        // Refuse before parsing when a token is required and none came: nothing unauthenticated reaches a handler.
        if (!config.localMode && !request.headers.authorization) {
          response.send(401, { error: 'unauthorized', message: 'A Bot Framework bearer token is required.' });
          return;
        }
        const problems = describeEnvelopeProblems(request.body);
        if (problems.length > 0) {
          response.send(400, { error: 'bad-activity', message: 'The request body is not a Bot Framework activity.', problems });
          return;
        }
        const activity = request.body as Activity;
        if (!config.localMode) {
          let accepted;
          try {
            accepted = await adapter.authenticate(activity, String(request.headers.authorization ?? ''));
          } catch (error) {
            if (!(error instanceof SigningKeysUnavailableError)) throw error;
            keyOutage.failed(error);
            response.header('Retry-After', String(KEYS_RETRY_AFTER_SECONDS));
            response.send(503, { error: 'auth-unavailable', message: 'The Bot Framework signing keys cannot be fetched just now, so the request could not be checked. Try again shortly.' });
            return;
          }
          // Accepted or not, the token was checked against the keys, so they could be fetched.
          keyOutage.fetched();
          if (!accepted) {
            logger.warn({ event: 'auth.refused' }, 'refused a request whose Bot Framework token was not accepted');
            response.send(401, { error: 'unauthorized', message: 'The Bot Framework token was not accepted.' });
            return;
          }
        }
        // What the bot does not act on (reactions, typing, message edits, meeting events) is acknowledged here.
        if (!HANDLED_ACTIVITY_TYPES.has(activity.type)) {
          response.send(200);
          return;
        }
        // The one tenant check, before any handler: a refused tenant's activity reads and writes nothing.
        if (!tenantAllowed(allowedTenants, activity)) {
          logger.warn({ event: 'tenant.refused', tenantIds: tenantsNamedBy(activity), type: activity.type }, 'refused an activity from a tenant not in ALLOWED_TENANT_IDS');
          await adapter.process(req as Request, res as Response, (context) => bot.refuseTenant(context));
          return;
        }
        await adapter.process(req as Request, res as Response, (context) => bot.run(context));
      };
    },
  };
}
