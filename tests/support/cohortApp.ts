// The real app (Azurite storage, edge sender to a local Bot Connector stand-in) with Graph reached through nock,
// a fixed-token credential and recorded waits; plus a team installation to put cohort channels in.
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import type { Caller, ConversationReference, Place } from '../../bot/events';
import { startConnectorStub, type ConnectorStub } from './connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT, FIXTURE_USER_AAD } from './fixtures';
import { fixedTokenCredential, recordingSleep, TEAM_GROUP_ID } from './graph';
import { captureLogs, type CapturedLogs } from './logs';
import { testConnectionString, uniquePrefix } from './storage';

export const TEAM_CONVERSATION = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
export const ORGANISER = 'linkprogramme@contoso.org';

export interface CohortApp {
  readonly app: App;
  readonly connector: ConnectorStub;
  readonly waits: number[];
  readonly logs: CapturedLogs;
  readonly coordinator: Caller;
  readonly personal: Place;
  now: Date;
  stop(): Promise<void>;
}

export async function startCohortApp(env: Record<string, string> = {}): Promise<CohortApp> {
  const connector = await startConnectorStub();
  const { sleep, waits } = recordingSleep();
  const logs = captureLogs();
  const holder = { now: new Date('2026-11-23T10:00:00Z') };
  const config = loadConfig({
    NODE_ENV: 'test',
    STORAGE_PREFIX: uniquePrefix(),
    COORDINATOR_IDS: FIXTURE_USER_AAD,
    WORKSHOP_ORGANISER: ORGANISER,
    GRAPH_MAX_RETRIES: '1',
    ...env,
  });
  const app = await createApp({
    config,
    logger: logs.logger,
    storageConnectionString: testConnectionString(),
    clock: { now: () => holder.now },
    graph: { credential: fixedTokenCredential, sleep, random: () => 0.5 },
  });
  const reference: ConversationReference = {
    bot: { id: FIXTURE_BOT_ID, name: 'Link Programme' },
    conversation: { id: TEAM_CONVERSATION, conversationType: 'channel', tenantId: FIXTURE_TENANT, isGroup: true },
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
  };
  await app.dispatcher.onInstallation({
    action: 'added',
    place: { conversationId: TEAM_CONVERSATION, scope: 'channel', tenantId: FIXTURE_TENANT, serviceUrl: connector.serviceUrl, teamId: TEAM_CONVERSATION, teamAadGroupId: TEAM_GROUP_ID, channelId: TEAM_CONVERSATION },
    reference,
    now: holder.now,
    activityId: 'install-1',
    name: 'Salford Link Programme',
  });
  const result: CohortApp = {
    app,
    connector,
    waits,
    logs,
    coordinator: { aadObjectId: FIXTURE_USER_AAD, name: 'Pat Coordinator', tenantId: FIXTURE_TENANT },
    personal: { conversationId: 'a:1personal', scope: 'personal', tenantId: FIXTURE_TENANT, serviceUrl: connector.serviceUrl },
    get now() {
      return holder.now;
    },
    set now(value: Date) {
      holder.now = value;
    },
    stop: () => connector.close(),
  };
  return result;
}

export function say(ctx: CohortApp, text: string) {
  return ctx.app.dispatcher.onText({ text, mentions: [], caller: ctx.coordinator, place: ctx.personal, now: ctx.now, activityId: `msg-${Math.random()}` });
}

export function submit(ctx: CohortApp, verb: string, data: Record<string, unknown>, caller: Caller = ctx.coordinator) {
  return ctx.app.dispatcher.onCardAction({ verb, data, caller, place: ctx.personal, now: ctx.now, activityId: `invoke-${Math.random()}` });
}

/** All text in a card, for asserting what a person would read. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('\n');
}
