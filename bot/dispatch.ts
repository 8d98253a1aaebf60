// Turns plain events into handler calls through the route table. The edge calls this; nothing here knows botbuilder.
import { handleInstallation } from './conversations/installation';
import { AppError, validationError } from './errors';
import type {
  CardActionInput,
  CardActionResult,
  CommandInput,
  InstallationEvent,
  QueryInput,
  QueryResult,
  Reply,
} from './events';
import type { RouteTable } from './routeTable';
import type { Services } from './services';
import * as help from './commands/help';
import { urgentHelpFirst } from './conversations/urgentHelp';

/** Longer than any real command; protects every handler from pasted essays. */
export const MAX_COMMAND_TEXT = 4000;

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
      // Urgent help comes first even for a message too long to act on.
      const urgent = await urgentHelpFirst(text, undefined, this.services);
      if (urgent.length > 0) return { messages: [...urgent, { text: tooLong }] };
      throw validationError(tooLong);
    }
    if (text.length === 0 && (input.files ?? []).length === 0) return help.handle(input, this.services);
    const match = this.routes.matchCommand(text);
    if (match) {
      return match.route.handle({ ...input, command: match.route.name, args: match.args }, this.services);
    }
    const fallback = this.routes.unknownTextHandler();
    if (!fallback) return help.handle(input, this.services);
    return fallback({ ...input, command: '', args: text }, this.services);
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

  async onInstallation(event: InstallationEvent): Promise<void> {
    await handleInstallation(event, this.services);
  }

  async runJob(kind: string, payload: unknown): Promise<void> {
    const handler = this.routes.jobFor(kind);
    if (!handler) throw validationError(`No job of kind "${kind}" is registered.`);
    await handler(payload, this.services);
  }
}
