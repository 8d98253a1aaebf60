// The envelope check over HTTP: an activity with a wrong type in any field the bot reads is answered 400, naming the
// field in fixed words (never the value), before botbuilder or a handler sees it; nothing is sent and nothing stored.
import { appWithConnector } from '../support/connectorStub';
import { loadActivity, type Json } from '../support/fixtures';

const MARKER = 'zq7-envelope-marker';

interface Refusal {
  readonly error: string;
  readonly message: string;
  readonly problems: readonly string[];
}

/** Replaces the value at a dotted path (array indexes as numbers) in a copy of the activity. */
function withField(activity: Json, path: string, value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(activity)) as Json;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? '') ? [] : {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys.at(-1)!] = value;
  return copy;
}

describe('the envelope check', () => {
  const running = appWithConnector();

  const message = () => loadActivity('personal-message', { serviceUrl: running.connector.serviceUrl });
  const cardAction = () => loadActivity('adaptive-card-action-personal', { serviceUrl: running.connector.serviceUrl });
  const query = () => loadActivity('compose-extension-query', { serviceUrl: running.connector.serviceUrl });
  const membersAdded = () => loadActivity('members-added-personal', { serviceUrl: running.connector.serviceUrl });

  async function expectRefused(activity: Json, problem: string): Promise<Refusal> {
    const callsBefore = running.connector.calls.length;
    const response = await running.app.postRaw('/api/messages', JSON.stringify(activity));
    expect([problem, response.status]).toEqual([problem, 400]);
    const refusal = JSON.parse(response.text) as Refusal;
    expect(refusal).toMatchObject({ error: 'bad-activity', message: 'The request body is not a Bot Framework activity.' });
    expect(refusal.problems).toContain(problem);
    expect(response.text).not.toContain(MARKER);
    expect(running.connector.calls.length).toBe(callsBefore);
    return refusal;
  }

  it('answers an adaptiveCard/action whose value is not an Action.Execute with 400, and botbuilder never sees it', async () => {
    const logsBefore = running.app.logs.lines().length;
    const cases: [unknown, string][] = [
      [5, 'value: must be an object'],
      [MARKER, 'value: must be an object'],
      [[MARKER], 'value: must be an object'],
      [null, 'value: must be an object'],
      [undefined, 'value: is missing (expected object)'],
      [{ action: null }, 'value.action: must be an object'],
      [{ action: { type: 'Action.Execute', verb: 5 } }, 'value.action.verb: must be a string'],
      [{ action: { verb: 'post.helpful' } }, 'value.action.type: is missing (expected Action.Execute)'],
      [{ action: { type: MARKER, verb: 'post.helpful' } }, 'value.action.type: is not one of the accepted values'],
      [{ action: { type: 'Action.Execute', verb: '' } }, 'value.action.verb: must not be empty'],
    ];
    for (const [value, problem] of cases) await expectRefused({ ...cardAction(), value }, problem);
    // Refused by us: no "501" from botbuilder, no stack trace in the log.
    expect(JSON.stringify(running.app.logs.lines().slice(logsBefore))).not.toMatch(/stack|NotImplemented/);
  });

  it('names every field the bot reads when its type is wrong', async () => {
    const cases: [Json, string, unknown, string][] = [
      [cardAction(), 'from.aadObjectId', 5, 'from.aadObjectId: must be a string'],
      [cardAction(), 'from.aadObjectId', true, 'from.aadObjectId: must be a string'],
      [cardAction(), 'from.aadObjectId', [MARKER], 'from.aadObjectId: must be a string'],
      [message(), 'from.aadObjectId', '', 'from.aadObjectId: must not be empty'],
      [message(), 'from.aadObjectId', `\u0000${MARKER}`, 'from.aadObjectId: may hold only letters, digits and : . _ @ -'],
      [message(), 'from.aadObjectId', '%'.repeat(129), 'from.aadObjectId: is longer than 128 characters'],
      [message(), 'from.id', '29:x'.repeat(60), 'from.id: is longer than 200 characters'],
      [message(), 'from.name', { first: MARKER }, 'from.name: must be a string'],
      [message(), 'id', 5, 'id: must be a string'],
      [message(), 'replyToId', [1], 'replyToId: must be a string'],
      [message(), 'text', 42, 'text: must be a string'],
      [message(), 'text', 'x'.repeat(100_001), 'text: is longer than 100000 characters'],
      [message(), 'locale', 7, 'locale: must be a string'],
      [message(), 'serviceUrl', `file:///${MARKER}`, 'serviceUrl: must be an http or https URL'],
      [message(), 'conversation.tenantId', 5, 'conversation.tenantId: must be a string'],
      [message(), 'conversation.conversationType', [MARKER], 'conversation.conversationType: must be a string'],
      [message(), 'conversation.isGroup', 'yes', 'conversation.isGroup: must be a boolean'],
      [message(), 'channelData', MARKER, 'channelData: must be an object'],
      [message(), 'channelData.tenant.id', 5, 'channelData.tenant.id: must be a string'],
      [message(), 'channelData.team.id', false, 'channelData.team.id: must be a string'],
      [message(), 'channelData.team.name', {}, 'channelData.team.name: must be a string'],
      [message(), 'channelData.team.aadGroupId', 1, 'channelData.team.aadGroupId: must be a string'],
      [message(), 'channelData.channel.id', 5, 'channelData.channel.id: must be a string'],
      [message(), 'entities', MARKER, 'entities: must be an array'],
      [message(), 'entities', [5], 'entities[0]: must be an object'],
      [message(), 'entities', [{ type: 'mention', mentioned: MARKER }], 'entities[0].mentioned: must be an object'],
      [message(), 'entities', [{ type: 'mention', mentioned: { id: 5 } }], 'entities[0].mentioned.id: must be a string'],
      [message(), 'entities', [{ type: 'mention', mentioned: { id: '29:x', name: 5 } }], 'entities[0].mentioned.name: must be a string'],
      [message(), 'entities', [{ type: 'mention', mentioned: { id: '29:x', aadObjectId: [] } }], 'entities[0].mentioned.aadObjectId: must be a string'],
      [message(), 'attachments', {}, 'attachments: must be an array'],
      [message(), 'attachments', [MARKER], 'attachments[0]: must be an object'],
      [message(), 'attachments', [{ contentType: 5 }], 'attachments[0].contentType: must be a string'],
      [membersAdded(), 'membersAdded', MARKER, 'membersAdded: must be an array'],
      [membersAdded(), 'membersAdded', [{}], 'membersAdded[0].id: is missing (expected string)'],
      [membersAdded(), 'membersRemoved', [{ id: 5 }], 'membersRemoved[0].id: must be a string'],
      [query(), 'value', MARKER, 'value: must be an object'],
      [query(), 'value.commandId', 5, 'value.commandId: must be a string'],
      [query(), 'value.parameters', { searchQuery: MARKER }, 'value.parameters: must be an array'],
      [query(), 'value.parameters', [{ name: 5, value: 'x' }], 'value.parameters[0].name: must be a string'],
      [query(), 'value.parameters', [{ name: 'searchQuery', value: { text: MARKER } }], 'value.parameters[0].value: is not valid'],
      [query(), 'value.queryOptions.skip', -1, 'value.queryOptions.skip: must be at least 0'],
      [query(), 'value.queryOptions.skip', 1.5, 'value.queryOptions.skip: must be a whole number'],
      [query(), 'value.queryOptions.count', '25', 'value.queryOptions.count: must be a number'],
    ];
    for (const [activity, path, value, problem] of cases) await expectRefused(withField(activity, path, value), problem);
  });

  it('lists each problem once, in fixed words, and at most twenty of them', async () => {
    const refusal = await expectRefused(withField(withField(message(), 'from.aadObjectId', 5), 'conversation.tenantId', 5), 'from.aadObjectId: must be a string');
    expect(refusal.problems).toEqual(['conversation.tenantId: must be a string', 'from.aadObjectId: must be a string']);
    const many = await expectRefused({ ...message(), entities: Array.from({ length: 30 }, () => 5) }, 'entities[0]: must be an object');
    expect(many.problems).toHaveLength(21);
    expect(many.problems.at(-1)).toBe('and 10 more');
  });

  it('refuses an invoke the bot does not handle with 400 instead of botbuilder\'s 501', async () => {
    for (const name of ['composeExtension/fetchTask', 'task/fetch', 'signin/verifyState', 'constructor', '__proto__', 'toString', MARKER]) {
      await expectRefused({ ...cardAction(), name }, 'name: the bot does not handle invokes of this name');
    }
    await expectRefused({ ...cardAction(), name: undefined }, 'name: the bot does not handle invokes of this name');
  });

  it('still takes what Teams sends: a null name or chat name, and a boolean initialRun', async () => {
    const before = running.connector.activities().length;
    const nullNames = withField(withField(message(), 'from.name', null), 'conversation.name', null);
    expect((await running.app.post('/api/messages', nullNames)).status).toBe(200);
    await running.connector.waitForActivities(before + 1);
    const initialRun = withField(query(), 'value.parameters', [{ name: 'initialRun', value: true }]);
    const answer = await running.app.post('/api/messages', initialRun);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ composeExtension: { type: 'message', text: expect.stringContaining('Type what you need') } });
  });

  it('acknowledges activity types the bot does not act on without running a turn', async () => {
    const callsBefore = running.connector.calls.length;
    const logsBefore = running.app.logs.lines().length;
    for (const type of ['messageReaction', 'typing', 'messageUpdate', 'event', 'endOfConversation']) {
      // botbuilder's Teams handler reads channelData.eventType of a messageUpdate unchecked: it threw here.
      const response = await running.app.post('/api/messages', { ...message(), type, channelData: undefined, value: 5 });
      expect([type, response.status]).toEqual([type, 200]);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(running.connector.calls.length).toBe(callsBefore);
    expect(running.app.logs.lines().slice(logsBefore).filter((line) => line.event === 'turn.error')).toEqual([]);
  });
});
