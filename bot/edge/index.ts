// What the rest of the app gets from the edge: a request handler for /api/messages and a proactive sender.
import { ShowTypingMiddleware, type Activity, type Request, type Response } from 'botbuilder';
import type { Config } from '../config';
import type { Dispatcher } from '../dispatch';
import type { ConversationSender } from '../services/messaging/sender';
import { createAdapter } from './adapter';
import { createConversationSender } from './proactive';
import { TeamsBot } from './teamsBot';
import { createTurnErrorHandler } from './turnError';
import { describeEnvelopeProblems } from './envelope';

interface HttpRequest {
  readonly body?: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

interface HttpResponse {
  status(code: number): void;
  send(code: number, body: unknown): void;
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
        const authHeader = String(request.headers.authorization ?? '');
        if (!config.localMode && !(await adapter.authenticate(request.body as Activity, authHeader))) {
          dispatcher.services.logger.warn({ event: 'auth.refused' }, 'refused a request whose Bot Framework token was not accepted');
          response.send(401, { error: 'unauthorized', message: 'The Bot Framework token was not accepted.' });
          return;
        }
        await adapter.process(req as Request, res as Response, (context) => bot.run(context));
      };
    },
  };
}
