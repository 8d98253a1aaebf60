// The route table type: text command, card verb, message-extension command and job kind, each to one handler.
// Registering a name twice throws at start-up, so a clash never ships. The registrations live in each feature's
// manifest (bot/features/<feature>/feature.ts); registerFeatures.ts puts them in the table.
import type { CardActionInput, CardActionResult, CommandInput, DataQueryInput, DataQueryResult, InstallationEvent, QueryInput, QueryResult, Reply } from '../events';
import type { Services } from '../platform/services';
import type { Role } from '../domain/roleNames';
import type { FanoutJob } from '../platform/messaging/fanout';

export type CommandHandler = (input: CommandInput, services: Services) => Promise<Reply>;
export type CardActionHandler = (input: CardActionInput, services: Services) => Promise<CardActionResult>;
export type QueryHandler = (input: QueryInput, services: Services) => Promise<QueryResult>;
export type DataQueryHandler = (input: DataQueryInput, services: Services) => Promise<DataQueryResult>;
/** What greets a conversation the app was just added to: the messages to send there (none when it was greeted before). */
export type InstalledHandler = (event: InstallationEvent, services: Services) => Promise<Reply>;
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

/**
 * Every method takes the name of the feature registering (optional, for tests), so a clash names both features.
 */
export class RouteTable {
  private readonly commands = new Map<string, Claimed<CommandRoute>>();
  private readonly cardActions = new Map<string, Claimed<CardActionHandler>>();
  private readonly queries = new Map<string, Claimed<QueryHandler>>();
  private readonly dataQueries = new Map<string, Claimed<DataQueryHandler>>();
  private readonly jobs = new Map<string, Claimed<JobRoute>>();
  private fallback?: Claimed<CommandHandler>;
  private empty?: Claimed<CommandHandler>;
  private tooLong?: Claimed<CommandHandler>;
  private greeting?: Claimed<InstalledHandler>;

  command(route: CommandRoute, feature?: string): this {
    const name = normaliseCommandName(route.name);
    if (name.length === 0) throw new Error('A command needs a name.');
    claim(this.commands, name, { value: { ...route, name }, feature }, 'command');
    return this;
  }

  cardAction(verb: string, handle: CardActionHandler, feature?: string): this {
    claim(this.cardActions, verb, { value: handle, feature }, 'card verb');
    return this;
  }

  query(commandId: string, handle: QueryHandler, feature?: string): this {
    claim(this.queries, commandId, { value: handle, feature }, 'message-extension command');
    return this;
  }

  /** The type-ahead search of a card input whose `Data.Query.dataset` is `dataset`. */
  dataQuery(dataset: string, handle: DataQueryHandler, feature?: string): this {
    claim(this.dataQueries, dataset, { value: handle, feature }, 'type-ahead dataset');
    return this;
  }

  job(kind: string, handle: JobHandler, feature?: string): this {
    claim(this.jobs, kind, { value: { fanout: false, handle }, feature }, 'job kind');
    return this;
  }

  fanoutJob(kind: string, handle: FanoutJobHandler, feature?: string): this {
    claim(this.jobs, kind, { value: { fanout: true, handle }, feature }, 'job kind');
    return this;
  }

  /** What runs when text matches no command. */
  unknownText(handle: CommandHandler, feature?: string): this {
    if (this.fallback) throw new Error(`The unknown-text handler is registered twice${byWhom(this.fallback.feature, feature)}; only one feature's manifest may give unknownText.`);
    this.fallback = { value: handle, feature };
    return this;
  }

  /** What runs when a message has no text and no file. */
  emptyText(handle: CommandHandler, feature?: string): this {
    if (this.empty) throw new Error(`The empty-message handler is registered twice${byWhom(this.empty.feature, feature)}; only one feature's manifest may give emptyText.`);
    this.empty = { value: handle, feature };
    return this;
  }

  /** What checks a message too long to be a command before it is refused. */
  tooLongText(handle: CommandHandler, feature?: string): this {
    if (this.tooLong) throw new Error(`The too-long-message handler is registered twice${byWhom(this.tooLong.feature, feature)}; only one feature's manifest may give tooLongText.`);
    this.tooLong = { value: handle, feature };
    return this;
  }

  /** What runs when the app is added to a conversation (after the installation is recorded). */
  installed(handle: InstalledHandler, feature?: string): this {
    if (this.greeting) throw new Error(`The installed handler is registered twice${byWhom(this.greeting.feature, feature)}; only one feature's manifest may give installed.`);
    this.greeting = { value: handle, feature };
    return this;
  }

  /** Longest registered command name that the text starts with, at a word boundary, ignoring case. */
  matchCommand(text: string): CommandMatch | undefined {
    const normalised = normaliseCommandName(text);
    let best: CommandRoute | undefined;
    for (const { value: route } of this.commands.values()) {
      if (normalised === route.name || normalised.startsWith(`${route.name} `)) {
        if (!best || route.name.length > best.name.length) best = route;
      }
    }
    if (!best) return undefined;
    return { route: best, args: restOfText(text, best.name.split(' ').length) };
  }

  allCommands(): readonly CommandRoute[] {
    return [...this.commands.values()].map((claimed) => claimed.value).sort((a, b) => a.name.localeCompare(b.name));
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
    return this.cardActions.get(verb)?.value;
  }

  queryFor(commandId: string): QueryHandler | undefined {
    return this.queries.get(commandId)?.value;
  }

  dataQueryFor(dataset: string): DataQueryHandler | undefined {
    return this.dataQueries.get(dataset)?.value;
  }

  jobFor(kind: string): JobRoute | undefined {
    return this.jobs.get(kind)?.value;
  }

  unknownTextHandler(): CommandHandler | undefined {
    return this.fallback?.value;
  }

  emptyTextHandler(): CommandHandler | undefined {
    return this.empty?.value;
  }

  tooLongTextHandler(): CommandHandler | undefined {
    return this.tooLong?.value;
  }

  installedHandler(): InstalledHandler | undefined {
    return this.greeting?.value;
  }
}

/** A registration and the feature that made it. */
interface Claimed<T> {
  readonly value: T;
  readonly feature: string | undefined;
}

function claim<T>(map: Map<string, Claimed<T>>, key: string, claimed: Claimed<T>, what: string): void {
  const earlier = map.get(key);
  if (earlier) {
    throw new Error(
      `The ${what} "${key}" is registered twice${byWhom(earlier.feature, claimed.feature)}; each must be registered once, in one feature's manifest (bot/features/<feature>/feature.ts).`,
    );
  }
  map.set(key, claimed);
}

function byWhom(first: string | undefined, second: string | undefined): string {
  if (first === undefined || second === undefined) return '';
  return first === second ? ` (both by the feature "${first}")` : ` (by the features "${first}" and "${second}")`;
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
