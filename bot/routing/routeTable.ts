// The route table type: text command, card verb, message-extension command and job kind, each to one handler.
// Registering a name twice throws at start-up, so a clash never ships. The registrations live in routes.ts.
import type { CardActionInput, CardActionResult, CommandInput, QueryInput, QueryResult, Reply } from '../events';
import type { Services } from '../platform/services';
import type { Role } from '../features/roles/domain/roles';
import type { FanoutJob } from '../platform/messaging/fanout';

export type CommandHandler = (input: CommandInput, services: Services) => Promise<Reply>;
export type CardActionHandler = (input: CardActionInput, services: Services) => Promise<CardActionResult>;
export type QueryHandler = (input: QueryInput, services: Services) => Promise<QueryResult>;
export type JobHandler = (payload: unknown, services: Services) => Promise<void>;
/** One target of a fan-out run: the worker has parsed the queue message, so only the job's own payload needs checking. */
export type FanoutJobHandler = (job: FanoutJob, services: Services) => Promise<void>;

export type JobRoute = { readonly fanout: false; readonly handle: JobHandler } | { readonly fanout: true; readonly handle: FanoutJobHandler };

export interface CommandRoute {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  /** Who may see it in help; the handler itself enforces the role with `requireRole`. */
  readonly audience: 'everyone' | Role;
  readonly handle: CommandHandler;
}

export interface CommandMatch {
  readonly route: CommandRoute;
  readonly args: string;
}

export class RouteTable {
  private readonly commands = new Map<string, CommandRoute>();
  private readonly cardActions = new Map<string, CardActionHandler>();
  private readonly queries = new Map<string, QueryHandler>();
  private readonly jobs = new Map<string, JobRoute>();
  private fallback?: CommandHandler;

  command(route: CommandRoute): this {
    const name = normaliseCommandName(route.name);
    if (name.length === 0) throw new Error('A command needs a name.');
    claim(this.commands, name, { ...route, name }, 'command');
    return this;
  }

  cardAction(verb: string, handle: CardActionHandler): this {
    claim(this.cardActions, verb, handle, 'card verb');
    return this;
  }

  query(commandId: string, handle: QueryHandler): this {
    claim(this.queries, commandId, handle, 'message-extension command');
    return this;
  }

  job(kind: string, handle: JobHandler): this {
    claim(this.jobs, kind, { fanout: false, handle }, 'job kind');
    return this;
  }

  fanoutJob(kind: string, handle: FanoutJobHandler): this {
    claim(this.jobs, kind, { fanout: true, handle }, 'job kind');
    return this;
  }

  /** What runs when text matches no command. */
  unknownText(handle: CommandHandler): this {
    if (this.fallback) throw new Error('The unknown-text handler is registered twice; register it once in bot/routes.ts.');
    this.fallback = handle;
    return this;
  }

  /** Longest registered command name that the text starts with, at a word boundary, ignoring case. */
  matchCommand(text: string): CommandMatch | undefined {
    const normalised = normaliseCommandName(text);
    let best: CommandRoute | undefined;
    for (const route of this.commands.values()) {
      if (normalised === route.name || normalised.startsWith(`${route.name} `)) {
        if (!best || route.name.length > best.name.length) best = route;
      }
    }
    if (!best) return undefined;
    return { route: best, args: restOfText(text, best.name.split(' ').length) };
  }

  allCommands(): readonly CommandRoute[] {
    return [...this.commands.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every registered card verb, e.g. for tests that exercise each one. */
  allCardVerbs(): readonly string[] {
    return [...this.cardActions.keys()].sort();
  }

  /** Every registered message-extension command id. */
  allQueryCommands(): readonly string[] {
    return [...this.queries.keys()].sort();
  }

  cardActionFor(verb: string): CardActionHandler | undefined {
    return this.cardActions.get(verb);
  }

  queryFor(commandId: string): QueryHandler | undefined {
    return this.queries.get(commandId);
  }

  jobFor(kind: string): JobRoute | undefined {
    return this.jobs.get(kind);
  }

  unknownTextHandler(): CommandHandler | undefined {
    return this.fallback;
  }
}

function claim<T>(map: Map<string, T>, key: string, value: T, what: string): void {
  if (map.has(key)) throw new Error(`The ${what} "${key}" is registered twice; each must be registered once in bot/routes.ts.`);
  map.set(key, value);
}

function normaliseCommandName(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).join(' ');
}

/** The original text after the first `words` words, keeping its inner spacing and line breaks (pasted lists). */
function restOfText(text: string, words: number): string {
  const pattern = new RegExp(`^\\s*(?:\\S+\\s+){${words}}`);
  const match = pattern.exec(`${text} `);
  return match ? `${text} `.slice(match[0].length).trim() : '';
}
