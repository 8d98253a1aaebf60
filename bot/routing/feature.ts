// A feature's manifest: everything one feature adds to the whole (its tables and queues, the services it builds, its
// routes, its scheduled work, what it stores about people and how long). app.ts folds over the list in features/index.ts.
import type { z } from 'zod';
import type { CardDefinition } from '../platform/cards/render';
import type { PersonalDataSource } from '../platform/privacy/personalData';
import type { RetentionTarget } from '../platform/privacy/retention';
import type { DueSource } from '../platform/scheduler/scheduler';
import type { DailyJob } from '../platform/scheduler/dailySchedule';
import type { HttpRoute } from '../http/httpRoute';
import type { FeatureServices, PlatformServices, Services } from '../platform/services';
import type { CardActionHandler, CommandHandler, CommandRoute, DataQueryHandler, FanoutJobHandler, InstalledHandler, JobHandler, QueryHandler } from './routeTable';

export interface CardActionRoute {
  readonly verb: string;
  /** The schema of the data its cards send back; `handle` parses with it first (made by defineCardAction in cardAction.ts). */
  readonly data: z.ZodType;
  /** What a card whose data does not fit is told (the handler's own words). */
  readonly outOfDate: string;
  readonly handle: CardActionHandler;
}

export interface QueryRoute {
  /** The message-extension command id in appPackage/manifest.json. */
  readonly commandId: string;
  readonly handle: QueryHandler;
}

export interface DataQueryRoute {
  /** The `dataset` of the cards' `Data.Query`, e.g. `schools`. */
  readonly dataset: string;
  readonly handle: DataQueryHandler;
}

export interface JobRegistration<H> {
  readonly kind: string;
  readonly handle: H;
}

/** What a feature's `services` function is given while app.ts builds the services, feature by feature. */
export interface FeatureContext {
  readonly platform: PlatformServices;
  /**
   * A service a feature earlier in the list built, e.g. `need('cohorts')`. Throws at start-up, naming the features
   * to reorder, when none has.
   */
  readonly need: <K extends keyof FeatureServices>(name: K) => FeatureServices[K];
  /** The project folder, for the data files a feature reads at start-up. */
  readonly root: string;
  /** Every registered command, of every feature (read when asked, e.g. by help). */
  readonly commands: () => readonly CommandRoute[];
}

export interface FeatureManifest {
  /** The folder name under bot/features/, e.g. `panel`. */
  readonly name: string;
  /** The tables its repositories use; created at start-up if missing. */
  readonly tables?: readonly string[];
  readonly queues?: readonly string[];
  /** Builds the fields this feature adds to FeatureServices (declared in its feature.ts). */
  readonly services?: (context: FeatureContext) => Partial<FeatureServices>;
  readonly commands?: readonly CommandRoute[];
  /** Its card verbs, each declared beside its handler with defineCardAction (routing/cardAction.ts). */
  readonly cardActions?: readonly CardActionRoute[];
  /** Every card its modules define (defineCard): each template is checked at start-up against its schema. */
  readonly cards?: readonly CardDefinition<z.ZodType>[];
  readonly queries?: readonly QueryRoute[];
  /** Type-ahead searches of card inputs (the `application/search` invoke), by dataset. */
  readonly dataQueries?: readonly DataQueryRoute[];
  readonly jobs?: readonly JobRegistration<JobHandler>[];
  /** Job kinds sent per target through the fan-out queue; each handler checks its own payload. */
  readonly fanoutJobs?: readonly JobRegistration<FanoutJobHandler>[];
  /** What answers text that is no command (one feature only: help). */
  readonly unknownText?: CommandHandler;
  /** What answers a message with no text and no file (one feature only: help). */
  readonly emptyText?: CommandHandler;
  /**
   * What a message too long to be a command is checked by before it is refused (one feature only: safeguarding, so
   * urgent help still comes first). Its `args` is the whole text; its messages lead the reply, and none means refuse.
   */
  readonly tooLongText?: CommandHandler;
  /** What greets a conversation the app was just added to (one feature only: help). */
  readonly installed?: InstalledHandler;
  /** What the scheduler asks for due runs on every tick. */
  readonly dueSources?: readonly DueSource[];
  /** Jobs run once a day at a London time, e.g. the retention purge at 02:00. */
  readonly dailyJobs?: readonly DailyJob[];
  /** Its stores of personal data, for `privacy export` and `privacy delete`. */
  readonly personalData?: (services: Services) => readonly PersonalDataSource[];
  /** The kinds of record it keeps that expire, for the retention purge. */
  readonly retention?: (services: Services) => readonly RetentionTarget[];
  /** Plain HTTP routes it adds to the server (the dashboard tab's page and JSON API), built once the services exist. */
  readonly httpRoutes?: (services: Services) => readonly HttpRoute[];
}

/** Declares a feature; the identity function, there so a manifest is checked against FeatureManifest where it is written. */
export function defineFeature(manifest: FeatureManifest): FeatureManifest {
  return manifest;
}
