// Property-based fuzzing of the whole HTTP surface with fast-check: Teams activities for every route in the route table
// (every command's text, every card verb, every message-extension command, installations and member changes), with
// right shapes, wrong types, missing and extra fields, huge and odd text. Whatever comes in, the answer is a 2xx or
// 4xx, never a 5xx or an internal error; the server keeps answering; and a payload generated as invalid stores
// nothing. A second property throws raw bodies and headers at the real bot process. FUZZ_RUNS=20000 runs more.
import fc from 'fast-check';
import { FEATURES } from '../../bot/features';
import { routeTableFor } from '../../bot/routing/registerFeatures';
import { FIXTURE_BOT_ID, loadActivity, type Json } from '../support/fixtures';
import { startSeededWorld, WORLD_CHANNEL, worldCoordinator, type SeededWorld } from '../support/seededWorld';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { watchStorage } from '../support/storageWatch';

/** Cases per property; `npm test` runs about 2,500 in all, FUZZ_RUNS any number for a longer search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const RAW_RUNS = Math.max(50, Math.round(RUNS / 4));

const WRITES = /\.(createEntity|upsertEntity|updateEntity|deleteEntity|submitTransaction|sendMessage|deleteMessage|updateMessage|clearMessages)$/;

/** What the route table registers: new commands, verbs and searches are fuzzed without touching this file. */
const routes = routeTableFor(FEATURES);
const COMMANDS = routes.allCommands().map((route) => route.name);
const VERBS = routes.allCardVerbs();
const QUERIES = routes.allQueryCommands();

// ---- values ---------------------------------------------------------------------------------------------------------

/** Odd text: any Unicode (lone surrogates included), markup, mentions, control characters, and now and then huge. */
const oddText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\u0000', '<at>Link Programme</at>', '<script>x</script>', '&nbsp;', '%', '../..', '\\', '#?/', 'null', '{}', '\u202e', '🏳️‍🌈', 'Ⅻ', 'ﬀ', 'İ') },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 60_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length))) },
);

/**
 * A value of a type no field of that kind takes (see FieldKind). Only values JSON keeps as they are: NaN and Infinity
 * would be sent as null, which optional fields take.
 */
const wrongFor = {
  string: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.record({ x: fc.jsonValue() })),
  boolish: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.record({ x: fc.jsonValue() })),
  list: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.record({ x: fc.jsonValue() })),
};

/** How a card field is read: a string; a boolean or its string; a string or a list of strings; coerced from anything. */
type FieldKind = keyof typeof wrongFor | 'coerced';

// ---- card data ------------------------------------------------------------------------------------------------------

interface CardSample {
  readonly fields: Readonly<Record<string, readonly [unknown, FieldKind]>>;
}

/** Right-shaped data for each verb, pointing at the seeded world where it can; a verb not here gets arbitrary data. */
function cardSamples(world: SeededWorld): Record<string, CardSample> {
  const post = { networkId: [world.networkId, 'string'], postId: [world.postId, 'string'] } as const;
  const form = { title: ['A title', 'string'], text: ['Some text.', 'string'], link: ['', 'string'], tags: ['attendance', 'list'] } as const;
  return {
    'post.helpful': { fields: post },
    'post.answered': { fields: post },
    'post.editForm': { fields: post },
    'post.remove': { fields: post },
    'post.edit': { fields: { ...post, ...form } },
    'post.submit': { fields: { kind: ['ask', 'string'], networkId: [world.networkId, 'string'], ...form } },
    'post.sendAnyway': { fields: { mode: ['edit', 'string'], kind: ['share', 'string'], ...post, ...form } },
    'post.discard': { fields: { mode: ['edit', 'string'], kind: ['share', 'string'], ...post, ...form } },
    'post.reopen': { fields: { mode: ['edit', 'string'], kind: ['share', 'string'], ...post, ...form } },
    'survey.answer': { fields: { run: ['r1', 'string'], target: ['t1', 'string'], page: ['p1', 'string'] } },
    'survey.show': { fields: { run: ['r1', 'string'], target: ['t1', 'string'], page: ['p1', 'string'] } },
    'panel.submit': {
      fields: {
        area: ['kent', 'string'],
        ageBand: ['11-13', 'string'],
        yearGroup: ['Year 8', 'string'],
        needs: ['Anxiety', 'list'],
        duration: ['Weeks', 'string'],
        tried: ['Check-ins.', 'string'],
        asking: ['Ideas?', 'string'],
        urgency: ['Routine', 'string'],
      },
    },
    // Another person's id: a confirmed erasure of someone else is refused, so the seeded world survives.
    'privacy.delete': { fields: { subject: ['9d9d9d9d-0000-4000-8000-000000000000', 'string'], confirm: [true, 'boolish'] } },
    'cohort.create': {
      fields: { name: ['Kent 2027', 'string'], area: ['kent', 'string'], team: ['19:not-a-team', 'string'], membershipType: ['standard', 'string'], members: ['a@example.org', 'string'], facilitator: ['', 'string'] },
    },
    'workshop.book': {
      fields: {
        cohort: ['kent-2027', 'string'],
        firstDate: ['2027-02-01', 'string'],
        startTime: ['09:30', 'string'],
        secondDate: ['', 'string'],
        durationMinutes: ['360', 'coerced'],
        mode: ['online', 'string'],
        venue: ['', 'string'],
        organiser: ['org@example.org', 'string'],
      },
    },
    'workshop.move': { fields: { cohort: ['kent-2027', 'string'], number: [1, 'coerced'], date: ['2027-02-01', 'string'], time: ['09:30', 'string'] } },
    'contacts.reportMissing': { fields: { areaId: ['kent', 'string'], query: ['eating', 'string'] } },
  };
}

interface Generated {
  readonly activity: Json | string;
  /** Generated to be refused: it must be answered 4xx and store nothing. */
  readonly invalid: boolean;
  readonly label: string;
}

function valuesOf(sample: CardSample): Json {
  return Object.fromEntries(Object.entries(sample.fields).map(([name, [value]]) => [name, value]));
}

/** Card data for a verb: right shape (maybe with odd text, missing or extra fields), or invalid by construction. */
function cardData(sample: CardSample | undefined): fc.Arbitrary<{ data: unknown; invalid: boolean }> {
  const notAnObject = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })).map((data) => ({ data, invalid: true }));
  if (!sample) return fc.oneof(notAnObject, fc.jsonValue().map((data) => ({ data, invalid: false })));
  const base = valuesOf(sample);
  const names = Object.keys(sample.fields);
  const mutable = names.filter((name) => sample.fields[name]![1] !== 'coerced');
  const oneWrong = fc
    .constantFrom(...mutable)
    .chain((name) => wrongFor[sample.fields[name]![1] as keyof typeof wrongFor].map((value) => ({ data: { ...base, [name]: value }, invalid: true })));
  const oddValues = fc.record(Object.fromEntries(names.map((name) => [name, fc.oneof(fc.constant(base[name]), oddText)]))).map((data) => ({ data, invalid: false }));
  const missing = fc.subarray(names).map((drop) => ({ data: Object.fromEntries(Object.entries(base).filter(([name]) => !drop.includes(name))), invalid: false }));
  const extraKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'verb'));
  const extra = fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((more) => ({ data: { ...more, ...base }, invalid: false }));
  return fc.oneof(notAnObject, oneWrong, oddValues, missing, extra);
}

// ---- activities -----------------------------------------------------------------------------------------------------

const person = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ aadObjectId: worldCoordinator.aadObjectId, name: worldCoordinator.name }) },
  { weight: 2, arbitrary: fc.record({ aadObjectId: fc.uuid(), name: fc.string({ maxLength: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ aadObjectId: fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), name: oddText }) },
  // Ids Table Storage cannot take as they are (its key encoding triples them) and at the envelope's length limit.
  { weight: 1, arbitrary: fc.record({ aadObjectId: fc.constantFrom('%'.repeat(200), '/'.repeat(512), '#?'.repeat(256), '\u0000'.repeat(100), 'x'.repeat(512)), name: fc.constant('') }) },
);

/** Where it happens: the 1:1 chat, or the seeded network's channel (where the fixture team is installed). */
const place = fc.constantFrom('personal', 'channel');

function envelope(serviceUrl: string, where: string, who: { aadObjectId: string; name: string }): Json {
  const base = loadActivity(where === 'channel' ? 'channel-mention' : 'personal-message', { serviceUrl });
  return {
    ...base,
    from: { id: `29:${who.aadObjectId.slice(0, 40)}`, name: who.name, aadObjectId: who.aadObjectId },
    conversation: where === 'channel' ? { ...(base.conversation as Json), id: `${WORLD_CHANNEL};messageid=1732356300456` } : { ...(base.conversation as Json), id: `a:fuzz-${who.aadObjectId.length}` },
  };
}

/** A field the envelope types, and a value of a type it does not take there. */
const wrongEnvelopeField = fc.oneof(
  fc.tuple(fc.constantFrom('from.aadObjectId', 'from.name', 'id', 'replyToId', 'text', 'locale', 'conversation.tenantId', 'conversation.conversationType', 'channelData.tenant.id', 'channelData.team.id', 'channelData.channel.id', 'recipient.name'), wrongFor.string.filter((v) => v !== null)),
  fc.tuple(fc.constantFrom('entities', 'attachments', 'membersAdded', 'membersRemoved'), fc.oneof(fc.integer(), fc.string(), fc.record({ x: fc.integer() }), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }))),
  fc.tuple(fc.constantFrom('conversation', 'from', 'recipient', 'channelData'), fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.array(fc.jsonValue(), { maxLength: 2 }))),
  fc.tuple(fc.constantFrom('serviceUrl', 'channelId', 'type', 'conversation.id', 'from.id'), fc.oneof(fc.constant(''), fc.integer(), fc.constant(null))),
);

function setPath(activity: Json, path: string, value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(activity)) as Json;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Json;
  }
  target[keys.at(-1)!] = value;
  return copy;
}

function activities(world: SeededWorld): fc.Arbitrary<Generated> {
  const serviceUrl = world.connector.serviceUrl;
  const samples = cardSamples(world);
  // Own keys only: a generated verb such as "constructor" must not find Object's.
  const sampleFor = (verb: string) => (Object.hasOwn(samples, verb) ? samples[verb] : undefined);

  const message = fc.tuple(place, person, fc.oneof(fc.constantFrom(...COMMANDS), fc.constant('')), oddText, fc.boolean()).map(([where, who, command, args, mentionSomeone]) => {
    const base = envelope(serviceUrl, where, who);
    const text = `${where === 'channel' ? '<at>Link Programme</at> ' : ''}${command} ${args}`;
    const entities = [
      ...(where === 'channel' ? [{ type: 'mention', text: '<at>Link Programme</at>', mentioned: { id: FIXTURE_BOT_ID, name: 'Link Programme' } }] : []),
      ...(mentionSomeone ? [{ type: 'mention', text: '<at>Someone</at>', mentioned: { id: `29:${args.slice(0, 20) || 'x'}`, name: args.slice(0, 30), aadObjectId: worldCoordinator.aadObjectId } }] : []),
    ];
    return { activity: { ...base, text, entities }, invalid: false, label: `message "${command}"` };
  });

  const submitFallback = fc.tuple(place, person, fc.constantFrom(...VERBS)).chain(([where, who, verb]) =>
    cardData(sampleFor(verb))
      .filter(({ data }) => typeof data === 'object' && data !== null && !Array.isArray(data))
      .map(({ data, invalid }) => ({ activity: { ...envelope(serviceUrl, where, who), text: undefined, value: { ...(data as Json), verb } }, invalid, label: `Action.Submit ${verb}` })),
  );

  const invoke = fc.tuple(place, person, fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...VERBS) }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('constructor', '__proto__', 'toString')) })).chain(([where, who, verb]) =>
    cardData(sampleFor(verb)).map(({ data, invalid }) => {
      const base = loadActivity(where === 'channel' ? 'adaptive-card-action-channel' : 'adaptive-card-action-personal', { serviceUrl });
      const activity = { ...base, from: envelope(serviceUrl, where, who).from, value: { action: { type: 'Action.Execute', title: 'Go', verb, data }, trigger: 'manual' } };
      return { activity, invalid: invalid || verb.length === 0, label: `adaptiveCard/action ${verb}` };
    }),
  );

  const query = fc
    .tuple(
      person,
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERIES) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }),
      fc.array(fc.record({ name: fc.oneof(fc.constantFrom('searchQuery', 'initialRun'), fc.string({ minLength: 1, maxLength: 10 })), value: fc.oneof(oddText, fc.boolean()) }), { maxLength: 3 }),
      fc.record({ skip: fc.nat({ max: 10_000 }), count: fc.nat({ max: 10_000 }) }, { requiredKeys: [] }),
    )
    .map(([who, commandId, parameters, queryOptions]) => {
      const base = loadActivity('compose-extension-query', { serviceUrl });
      return { activity: { ...base, from: envelope(serviceUrl, 'personal', who).from, value: { commandId, parameters, queryOptions } }, invalid: false, label: `composeExtension/query ${commandId}` };
    });

  const installation = fc.tuple(fc.constantFrom('installation-add-team', 'installation-remove-team', 'members-added-personal'), fc.constantFrom('add', 'remove', 'add-upgrade', 'somethingElse'), fc.array(fc.record({ id: fc.oneof(fc.constant(FIXTURE_BOT_ID), fc.string({ minLength: 1, maxLength: 30 })) }), { maxLength: 3 })).map(
    ([fixture, action, members]) => {
      const base = loadActivity(fixture, { serviceUrl });
      const activity = fixture === 'members-added-personal' ? { ...base, membersAdded: members.length > 0 ? members : undefined, membersRemoved: members.length === 0 ? [{ id: FIXTURE_BOT_ID }] : undefined } : { ...base, action };
      return { activity, invalid: false, label: fixture };
    },
  );

  const anyRoute = fc.oneof(message, invoke, submitFallback, query, installation);
  const wrongTypes = fc.tuple(anyRoute, wrongEnvelopeField).map(([generated, [path, value]]) => ({
    activity: setPath(generated.activity as Json, path, value),
    invalid: true,
    label: `${generated.label} with ${path} of the wrong type`,
  }));
  const wrongInvokeValue = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 2 }), fc.record({ action: fc.oneof(fc.constant(null), fc.integer(), fc.record({ verb: fc.integer() })) })).map((value) => ({
    activity: { ...loadActivity('adaptive-card-action-personal', { serviceUrl }), value },
    invalid: true,
    label: 'adaptiveCard/action with a value that is not an Action.Execute',
  }));

  return fc.oneof(
    { weight: 3, arbitrary: message },
    { weight: 5, arbitrary: invoke },
    { weight: 1, arbitrary: submitFallback },
    { weight: 2, arbitrary: query },
    { weight: 1, arbitrary: installation },
    { weight: 3, arbitrary: wrongTypes },
    { weight: 1, arbitrary: wrongInvokeValue },
  );
}

// ---- the properties -------------------------------------------------------------------------------------------------

describe('fuzzing the bot with generated Teams activities', () => {
  let world: SeededWorld;

  beforeAll(async () => {
    // Outside services the fuzz would reach stay local: bank holidays from a closed port.
    world = await startSeededWorld({ BANK_HOLIDAYS_URL: 'http://127.0.0.1:9/bank-holidays.json' });
  }, 60_000);
  afterAll(() => world.stop());

  it(`answers ${RUNS} generated activities for every route with a 2xx or 4xx, and stores nothing from an invalid one`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(activities(world), async (generated) => {
        cases += 1;
        // Only the lines this case wrote are parsed: parsing the whole log every case grows with the square of the runs.
        const logsBefore = world.app.logs.raw().length;
        const watch = watchStorage();
        let status: number;
        try {
          const body = typeof generated.activity === 'string' ? generated.activity : JSON.stringify(generated.activity);
          status = (await world.app.postRaw('/api/messages', body)).status;
        } finally {
          watch.stop();
        }
        const failures = world.app.logs
          .raw()
          .slice(logsBefore)
          .split('\n')
          .filter((line) => line.trim().length > 0)
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.level === 'error' || line.event === 'http.messages.failed');
        expect({ label: generated.label, status: status < 500, failures }).toEqual({ label: generated.label, status: true, failures: [] });
        if (generated.invalid) {
          expect({ label: generated.label, refused: status >= 400 || (status === 200 && generated.label.startsWith('Action.Submit')), writes: watch.calls.filter((call) => WRITES.test(call)) }).toEqual({
            label: generated.label,
            refused: true,
            writes: [],
          });
        }
        if (cases % 100 === 0) expect((await world.app.get('/healthz')).status).toBe(200);
      }),
      { numRuns: RUNS },
    );
    expect(await world.app.get('/healthz')).toEqual({ status: 200, json: { status: 'ok', storage: 'ok', mode: 'local' } });
  }, 30 * 60_000);
});

describe('fuzzing the bot process with raw bodies and headers', () => {
  let bot: ServerProcess;

  beforeAll(async () => {
    bot = await startServerProcess();
  }, 60_000);
  afterAll(() => bot.stop());

  const contentType = fc.oneof(fc.constant('application/json'), fc.constant('application/json; charset=utf-8'), fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)));
  const encoding = fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x-gzip', 'gzip, identity'), { nil: undefined });
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.integer({ min: 1, max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

  it(`answers ${RAW_RUNS} raw requests with a 4xx (or a 200 for a harmless activity) and keeps running`, async () => {
    await fc.assert(
      fc.asyncProperty(contentType, encoding, body, fc.constantFrom('POST', 'PUT', 'GET', 'DELETE', 'PATCH'), fc.constantFrom('/api/messages', '/healthz', '/downloads/x', '/nope'), async (type, coding, payload, method, path) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (coding) headers['content-encoding'] = coding;
        const hasBody = method !== 'GET';
        let status: number;
        try {
          status = (await fetch(`${bot.url}${path}`, { method, headers, body: hasBody ? payload : undefined })).status;
        } catch (error) {
          // A header value fetch itself refuses to send is no request at all.
          if ((error as Error).name === 'TypeError' && !bot.alive()) throw error;
          return;
        }
        expect({ method, path, status: status < 500 || (path === '/healthz' && status === 503) }).toEqual({ method, path, status: true });
        expect(bot.alive()).toBe(true);
      }),
      { numRuns: RAW_RUNS },
    );
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(bot.output()).not.toMatch(/Unhandled|uncaught| {4}at /i);
  }, 10 * 60_000);
});
