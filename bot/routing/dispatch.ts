// Turns plain events into handler calls through the route table. The edge calls this; nothing here knows botbuilder.
import { handleInstallation } from '../platform/conversations/installation';
import { AppError, validationError } from '../errors';
import type {
  CardActionInput,
  CardActionResult,
  CommandInput,
  DataQueryInput,
  DataQueryResult,
  InstallationEvent,
  QueryInput,
  QueryResult,
  Reply,
} from '../events';
import type { JobRoute, RouteTable } from './routeTable';
import { fanoutMessageSchema, type FanoutJob } from '../platform/messaging/fanout';
import type { Services } from '../platform/services';

/** Longer than any real command; protects every handler from pasted essays. */
export const MAX_COMMAND_TEXT = 4000;

/** A fan-out job handed over untyped (not by the worker, which passes the queue message it has already parsed). */
const fanoutJobSchema = fanoutMessageSchema.pick({ runId: true, target: true, payload: true });

export type TextInput = Omit<CommandInput, 'command' | 'args'> & { readonly text: string };

export class Dispatcher {
  constructor(
    private readonly routes: RouteTable,
    readonly services: Services,
  ) {}

  async onText(input: TextInput): Promise<Reply> {
    const text = input.text.trim();
    if (text.length > MAX_COMMAND_TEXT) {
      const tooLong = `That message is too long for a command (${text.length} characters; the limit is ${MAX_COMMAND_TEXT}). Shorten it and try again.`;
      // Urgent help comes first even for a message too long to act on (safeguarding registers the check).
      const check = this.routes.tooLongTextHandler();
      const first = check ? await check({ ...input, command: '', args: text }, this.services) : undefined;
      if (first && first.messages.length > 0) return { messages: [...first.messages, { text: tooLong }] };
      throw validationError(tooLong);
    }
    if (text.length === 0 && (input.files ?? []).length === 0) return this.answerEmpty(input);
    const match = this.routes.matchCommand(text);
    if (match) {
      return match.route.handle({ ...input, command: match.route.name, args: match.args }, this.services);
    }
    const fallback = this.routes.unknownTextHandler();
    if (!fallback) return this.answerEmpty(input);
    return fallback({ ...input, command: '', args: text }, this.services);
  }

  /** A message with nothing to act on (help registers what answers it). */
  private answerEmpty(input: TextInput): Promise<Reply> {
    const handle = this.routes.emptyTextHandler();
    if (!handle) throw validationError('I did not find a command in that message. Type "help" to see what I can do.');
    return handle({ ...input, command: '', args: '' }, this.services);
  }

  async onCardAction(input: CardActionInput): Promise<CardActionResult> {
    const handler = this.routes.cardActionFor(input.verb);
    if (!handler) {
      throw validationError('This card is out of date or was not sent by this bot, so nothing was saved. Ask for a new one with "help".');
    }
    return handler(input, this.services);
  }

  async onQuery(input: QueryInput): Promise<QueryResult> {
    const handler = this.routes.queryFor(input.commandId);
    if (!handler) throw new AppError('not-found', 'This search is not available. Update the app and try again.');
    return handler(input, this.services);
  }

  async onDataQuery(input: DataQueryInput): Promise<DataQueryResult> {
    const handler = this.routes.dataQueryFor(input.dataset);
    if (!handler) throw new AppError('not-found', 'This search is not available. Ask for a new card and try again.');
    return handler(input, this.services);
  }

  /** Records the installation; when the app was added, also what greets the conversation (nothing if greeted before). */
  async onInstallation(event: InstallationEvent): Promise<Reply> {
    await handleInstallation(event, this.services);
    const greet = this.routes.installedHandler();
    if (event.action !== 'added' || !greet) return { messages: [] };
    return greet(event, this.services);
  }

  /** Runs a job from untyped input: a daily job's payload, or one fan-out job, whose shape is checked here. */
  async runJob(kind: string, input: unknown): Promise<void> {
    const route = this.jobRoute(kind);
    if (route.fanout) await route.handle(fanoutJobSchema.parse(input), this.services);
    else await route.handle(input, this.services);
  }

  /** Sends one target of a fan-out run, from a queue message the worker has parsed. */
  async runFanoutJob(kind: string, job: FanoutJob): Promise<void> {
    const route = this.jobRoute(kind);
    if (!route.fanout) throw validationError(`The job kind "${kind}" is not a fan-out job; list it under fanoutJobs in its feature's manifest (bot/features/<feature>/feature.ts).`);
    await route.handle(job, this.services);
  }

  private jobRoute(kind: string): JobRoute {
    const route = this.routes.jobFor(kind);
    if (!route) throw validationError(`No job of kind "${kind}" is registered.`);
    return route;
  }
}
