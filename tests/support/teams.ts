// Small helpers for driving the bot like Teams does: a command typed in personal chat or a channel, a card action.
import type { ConnectorStub } from './connectorStub';
import { asUser, loadActivity, type Json } from './fixtures';
import type { RunningApp } from './testApp';

export interface Person {
  readonly aadObjectId: string;
  readonly name: string;
}

/** A message typed in the person's 1:1 chat with the bot (each person has their own conversation id). */
export function personalMessage(serviceUrl: string, person: Person, text: string): Json {
  const activity = asUser(loadActivity('personal-message', { serviceUrl, text }), person.aadObjectId, person.name);
  return { ...activity, conversation: { ...(activity.conversation as Json), id: personalConversationId(person) } };
}

/** A message in the fixture team's channel, @mentioning the bot. */
export function channelMessage(serviceUrl: string, person: Person, text: string): Json {
  return asUser(loadActivity('channel-mention', { serviceUrl, text: `<at>Link Programme</at> ${text}` }), person.aadObjectId, person.name);
}

/** An `adaptiveCard/action` invoke from the person's 1:1 chat, as Teams sends for an Action.Execute. */
export function cardAction(serviceUrl: string, person: Person, verb: string, data: Json): Json {
  const activity = asUser(loadActivity('adaptive-card-action-personal', { serviceUrl }), person.aadObjectId, person.name);
  return {
    ...activity,
    conversation: { ...(activity.conversation as Json), id: personalConversationId(person) },
    value: { action: { type: 'Action.Execute', title: 'Send', verb, data }, trigger: 'manual' },
  };
}

export function personalConversationId(person: Person): string {
  return `a:1E0kJ9M1tbkv7-${person.aadObjectId}`;
}

/** What an invoke answered: Teams gets `{ statusCode, type, value }` in the HTTP body. */
export interface InvokeAnswer {
  readonly statusCode: number;
  readonly type: string;
  readonly value: Json;
}

/** An `adaptiveCard/action` invoke from a card in the fixture team's channel (a network's conversation). */
export function channelCardAction(serviceUrl: string, person: Person, verb: string, data: Json): Json {
  const activity = asUser(loadActivity('adaptive-card-action-channel', { serviceUrl }), person.aadObjectId, person.name);
  return { ...activity, value: { action: { type: 'Action.Execute', title: 'Send', verb, data }, trigger: 'manual' } };
}

/**
 * Posts an activity to the running bot (expecting HTTP 200) and returns the messages it sent back, in order, once
 * there are at least `count` of them (a turn may also send to other conversations, e.g. a coordinator's chat).
 */
export async function repliesTo(app: RunningApp, connector: ConnectorStub, activity: Json, count = 1): Promise<Json[]> {
  const before = connector.activities().length;
  const response = await app.post('/api/messages', activity);
  if (response.status !== 200) throw new Error(`The bot answered HTTP ${response.status} to the activity.`);
  return (await connector.waitForActivities(before + count)).slice(before);
}
