// A refused card payload writes nothing: for every registered card verb, payloads of the wrong shape, with one field of
// the wrong type, or pointing at nothing are refused (4xx; or, for a card form, a problem the person can fix, such as a
// field left empty, is answered 200 with the form shown again and the problem marked), and every table and queue under
// the app's prefix reads the same afterwards. Sent as Teams does, from the network's channel and from a 1:1 chat, as
// Action.Execute and as the Action.Submit fallback.
import { FEATURES } from '../../bot/features';
import { routeTableFor } from '../../bot/routing/registerFeatures';
import type { Json } from '../support/fixtures';
import { startSeededWorld, worldCoordinator, type SeededWorld } from '../support/seededWorld';
import { changesBetween, snapshotStorage, watchStorage } from '../support/storageWatch';
import { cardAction, channelCardAction, personalMessage } from '../support/teams';

const WRITES = /\.(createEntity|upsertEntity|updateEntity|deleteEntity|submitTransaction|sendMessage|deleteMessage|updateMessage|clearMessages)$/;

/** What each verb's card sends when filled in right, pointing at the seeded world; verbs not listed get the generic payloads. */
function validSamples(world: SeededWorld): Record<string, Json> {
  const post = { networkId: world.networkId, postId: world.postId };
  return {
    'post.helpful': post,
    'post.answered': post,
    'post.editForm': post,
    'post.remove': post,
    'post.view': post,
    'post.edit': { ...post, title: 'A new title', text: 'New text.', link: '', tags: 'attendance' },
    // Only the fields each handler reads: the form's own postId (always empty on a new post) is ignored, so no type of it is wrong.
    'post.submit': { kind: 'ask', networkId: world.networkId, title: 'A question', text: 'What works?', link: '', tags: 'attendance' },
    // A held draft's buttons: an edit of the world's post (a new draft's id points at nothing by design).
    'post.sendAnyway': { mode: 'edit', kind: 'share', ...post, title: 'A new title', text: 'New text.', link: '', tags: 'attendance' },
    'post.discard': { mode: 'edit', kind: 'share', ...post, title: 'A new title', text: 'New text.', link: '', tags: 'attendance' },
    'post.reopen': { mode: 'edit', kind: 'share', ...post, title: 'A new title', text: 'New text.', link: '', tags: 'attendance' },
    'survey.answer': { run: 'r1', target: 't1', page: 'p1', q1: '3' },
    'survey.show': { run: 'r1', target: 't1', page: 'p1' },
    'panel.submit': { area: 'kent', ageBand: '12-14', yearGroup: 'Year 8', needs: 'Anxiety', duration: '1-3 months', tried: 'Check-ins.', asking: 'Ideas?', urgency: 'Routine (next panel)' },
    'privacy.delete': { subject: worldCoordinator.aadObjectId, confirm: true },
    'cohort.create': { name: 'Kent 2027', area: 'kent', team: '19:team', membershipType: 'standard', members: 'a@example.org', facilitator: '' },
    'workshop.book': { cohort: 'kent-2027', firstDate: '2027-02-01', startTime: '09:30', secondDate: '', durationMinutes: '360', mode: 'online', venue: '', organiser: 'org@example.org' },
    'workshop.move': { cohort: 'kent-2027', number: 1, date: '2027-02-01', time: '09:30' },
    'contacts.reportMissing': { areaId: 'kent', query: 'eating' },
    'schools.pick': { cohortId: 'kent-2027', school: '123456' },
    'schools.attendance': { cohortId: 'kent-2027', number: 1, a_0: 'a@example.org' },
    // The world's coordinator is linked to no school: each is refused before anything is read or written.
    'fiveSteps.show': { areaId: 'kent', urn: '123456', part: 'header' },
    'fiveSteps.save': { areaId: 'kent', urn: '123456', stepId: 'leading-change', version: 1, madeAt: '2027-01-01T09:00:00Z', 'r_lc-policy': 'amber', 'n_lc-policy': 'Draft ready', 'o_lc-policy': 'Ms Lee', 't_lc-policy': '2027-03-31' },
    'fiveSteps.settings': { areaId: 'kent', urn: '123456', share: 'true', reviewMonths: '4' },
    'fiveSteps.review': { areaId: 'kent', urn: '123456', version: 1 },
  };
}

/** Never valid for any verb: not an object, or every field any card sends given a type no card sends. */
const GENERIC_INVALID: unknown[] = [
  5,
  'post',
  [],
  null,
  true,
  { networkId: 5, postId: { id: 1 }, run: [], target: 5, subject: 5, confirm: 'perhaps', cohort: [], areaId: 5, query: {}, name: {}, kind: 5, area: [] },
];

/** The sample with one field made the wrong type, for each field. */
function oneFieldWrong(sample: Json): Json[] {
  return Object.keys(sample).flatMap((field) => [{ ...sample, [field]: { wrong: true } }, { ...sample, [field]: ['wrong'] }]);
}

/** A post form's optional fields: without them a post or an edit is still valid. */
const OPTIONAL_FIELDS = new Set(['link', 'tags']);

/** The sample without one of its required fields, for each (other samples point at records that do not exist). */
function oneFieldMissing(sample: Json): Json[] {
  return Object.keys(sample)
    .filter((field) => !OPTIONAL_FIELDS.has(field))
    .map((field) => Object.fromEntries(Object.entries(sample).filter(([name]) => name !== field)));
}

/**
 * Card forms, and the fields each must have: one left out is the person's to fix, so the form comes back (HTTP 200)
 * with that field's problem marked, not an error. Other refusals of a form's payload may be either (see formShownAgain).
 */
const FORM_REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'cohort.create': ['name', 'area', 'team', 'members'],
  'panel.submit': ['area', 'ageBand', 'yearGroup', 'needs', 'duration', 'tried', 'asking', 'urgency'],
  'post.submit': ['title', 'text'],
  'post.edit': ['title', 'text'],
};

/** Forms refused outright anywhere but the person's 1:1 chat (nothing about a panel case is seen in a channel). */
const PERSONAL_ONLY = new Set(['panel.submit']);

/** What a form shown again with its problems looks like: the form's card, a summary first, a problem on an input. */
function formShownAgain(body: unknown, field?: string): boolean {
  const answer = body as { statusCode?: number; type?: string; value?: { body?: Json[] } };
  if (answer.statusCode !== 200 || answer.type !== 'application/vnd.microsoft.card.adaptive') return false;
  const elements = answer.value?.body ?? [];
  const inputs: Json[] = [];
  const walk = (list: unknown): void => {
    for (const element of (list as Json[] | undefined) ?? []) {
      if (String(element.type).startsWith('Input.')) inputs.push(element);
      walk(element.items);
      walk(element.columns);
    }
  };
  walk(elements);
  const summaryFirst = elements[0]?.type === 'Container' && elements[0]?.style === 'attention';
  return summaryFirst && inputs.some((input) => typeof input.errorMessage === 'string' && (field === undefined || input.id === field));
}

/** The one field of the sample that `data` leaves out, when it is the sample with exactly one field left out. */
function leftOut(sample: Json | undefined, data: unknown): string | undefined {
  if (!sample || typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const absent = Object.keys(sample).filter((field) => !(field in data));
  return absent.length === 1 && Object.keys(data).length === Object.keys(sample).length - 1 ? absent[0] : undefined;
}

/** The sample pointing at records that do not exist. */
function pointingAtNothing(sample: Json): Json[] {
  const ids = ['postId', 'networkId', 'run', 'target', 'cohort', 'areaId', 'subject'].filter((field) => typeof sample[field] === 'string' && sample[field] !== '');
  return ids.map((field) => ({ ...sample, [field]: `no-such-${field}` }));
}

describe('refused card payloads', () => {
  let world: SeededWorld;

  beforeAll(async () => {
    world = await startSeededWorld();
  }, 60_000);
  afterAll(() => world.stop());

  it('covers every registered card verb', () => {
    // A new verb gets the generic payloads anyway; a sample here adds its one-field-wrong cases.
    expect(routeTableFor(FEATURES).allCardVerbs().filter((verb) => !(verb in validSamples(world)))).toEqual([]);
  });

  it('refuses every invalid payload for every verb with a 4xx (a form with a problem to fix: the form again, 200), and not one row is written in any table or queue', async () => {
    const samples = validSamples(world);
    const before = await snapshotStorage(world.app);
    const wrote: string[] = [];
    const statuses = new Set<number>();
    for (const verb of routeTableFor(FEATURES).allCardVerbs()) {
      const sample = samples[verb];
      const payloads: unknown[] = [...GENERIC_INVALID, ...(sample ? [...oneFieldWrong(sample), ...oneFieldMissing(sample), ...pointingAtNothing(sample)] : [])];
      for (const data of payloads) {
        const activities: [string, Json][] = [
          ['channel', channelCardAction(world.connector.serviceUrl, worldCoordinator, verb, data as Json)],
          ['personal', cardAction(world.connector.serviceUrl, worldCoordinator, verb, data as Json)],
        ];
        for (const [where, activity] of activities) {
          const watch = watchStorage();
          try {
            const response = await world.app.post('/api/messages', activity);
            statuses.add(response.status);
            let missing = leftOut(sample, data);
            if (missing !== undefined && (!(FORM_REQUIRED_FIELDS[verb] ?? []).includes(missing) || (PERSONAL_ONLY.has(verb) && where !== 'personal'))) missing = undefined;
            const refused = missing !== undefined ? formShownAgain(response.json, missing) : (response.status >= 400 && response.status < 500) || (verb in FORM_REQUIRED_FIELDS && formShownAgain(response.json));
            expect([verb, where, data, refused]).toEqual([verb, where, data, true]);
          } finally {
            watch.stop();
          }
          const writes = watch.calls.filter((call) => WRITES.test(call));
          if (writes.length > 0) wrote.push(`${verb} from ${where} with ${JSON.stringify(data)}: ${writes.join(', ')}`);
        }
      }
    }
    expect(wrote).toEqual([]);
    expect(changesBetween(before, await snapshotStorage(world.app))).toEqual([]);
    expect([...statuses].every((status) => [200, 400, 403, 404].includes(status))).toBe(true);
    // About a thousand requests, growing with every verb: on the shared 2-core machine under the whole suite that is
    // more than jest's default 30 s.
  }, 120_000);

  it('writes nothing for the same payloads sent as an Action.Submit (a message carrying the verb)', async () => {
    const samples = validSamples(world);
    const before = await snapshotStorage(world.app);
    for (const verb of routeTableFor(FEATURES).allCardVerbs()) {
      const sample = samples[verb] ?? {};
      for (const data of [...oneFieldWrong(sample), ...pointingAtNothing(sample), GENERIC_INVALID.at(-1) as Json]) {
        const message = { ...personalMessage(world.connector.serviceUrl, worldCoordinator, ''), text: undefined, value: { ...data, verb } };
        const response = await world.app.post('/api/messages', message);
        expect([verb, data, response.status]).toEqual([verb, data, 200]);
      }
    }
    expect(changesBetween(before, await snapshotStorage(world.app))).toEqual([]);
  });
});
