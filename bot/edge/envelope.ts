// The envelope check: every field of an activity the bot (or botbuilder on its behalf) reads is typed here, so a wrong
// type is a 400 that names the field, never a 500 from deep inside a turn. Problems are in our words: no value is echoed.
import { z, type core } from 'zod';

/** The activity types the bot acts on; any other type is acknowledged and dropped before botbuilder sees it. */
export const HANDLED_ACTIVITY_TYPES: ReadonlySet<string> = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

export const CARD_ACTION_INVOKE = 'adaptiveCard/action';
export const QUERY_INVOKE = 'composeExtension/query';
/** An Adaptive Card's type-ahead search: an `Input.ChoiceSet` whose `choices.data` is a `Data.Query`. */
export const SEARCH_INVOKE = 'application/search';

// Limits far above anything Teams sends; they keep keys, logs and cards within bounds.
const MAX_ID = 512;
const MAX_ENTRA_ID = 128;
// Teams' 29: ids are about 90 characters; the audit log takes ids of up to 200.
const MAX_SENDER_ID = 200;
/** What a person's id is made of, in Teams (29:..., GUIDs) and local clients alike; it is stored and audited as an id. */
const ID_CHARACTERS = /^[\w.:@-]+$/;
const MAX_NAME = 512;
const MAX_TEXT = 100_000;
const MAX_LIST = 256;

const id = z.string().min(1).max(MAX_ID);
/** Absent and null mean the same to the bot (activities.ts reads these with `??`). */
const optionalId = id.nullish();
/**
 * Entra ID object ids and tenant ids are GUIDs (36 characters); local clients send short ids of their own. Both end up
 * in table keys, which Table Storage limits to 1 KiB after encoding.
 */
const entraId = z.string().min(1).max(MAX_ENTRA_ID).regex(ID_CHARACTERS);
const optionalEntraId = entraId.nullish();
const optionalName = z.string().max(MAX_NAME).nullish();

// Plain objects: the extra fields an activity carries are checked by nobody and copied by nobody.
/** The sender: its ids stand for the caller when there is no aadObjectId (local clients), so they are ids too. */
const sender = z.object({ id: z.string().min(1).max(MAX_SENDER_ID).regex(ID_CHARACTERS), name: optionalName, aadObjectId: optionalEntraId });
const account = z.object({ id, name: optionalName, aadObjectId: optionalEntraId });

const conversation = z.object({
  id,
  tenantId: optionalEntraId,
  conversationType: z.string().max(64).nullish(),
  name: optionalName,
  isGroup: z.boolean().nullish(),
});

const channelData = z.object({
  tenant: z.object({ id: optionalEntraId }).nullish(),
  team: z.object({ id: optionalId, name: optionalName, aadGroupId: optionalId }).nullish(),
  channel: z.object({ id: optionalId, name: optionalName }).nullish(),
  eventType: z.string().max(64).nullish(),
});

const entity = z.object({
  type: z.string().max(MAX_NAME).nullish(),
  text: z.string().max(MAX_TEXT).nullish(),
  mentioned: z.object({ id: optionalId, name: optionalName, aadObjectId: optionalEntraId }).nullish(),
});

const attachment = z.object({
  contentType: z.string().max(MAX_NAME).nullish(),
  name: optionalName,
  contentUrl: z.string().max(4096).nullish(),
});

const member = z.object({ id, name: optionalName, aadObjectId: optionalEntraId });

export const activityEnvelopeSchema = z.object({
  type: z.string().min(1).max(64),
  id: optionalId,
  name: z.string().max(MAX_NAME).nullish(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  channelId: z.string().min(1).max(64),
  conversation,
  from: sender,
  recipient: account,
  text: z.string().max(MAX_TEXT).nullish(),
  replyToId: optionalId,
  locale: z.string().max(64).nullish(),
  action: z.string().max(64).nullish(),
  deliveryMode: z.string().max(64).nullish(),
  channelData: channelData.nullish(),
  entities: z.array(entity).max(MAX_LIST).nullish(),
  attachments: z.array(attachment).max(MAX_LIST).nullish(),
  membersAdded: z.array(member).max(MAX_LIST * 4).nullish(),
  membersRemoved: z.array(member).max(MAX_LIST * 4).nullish(),
});

/** An `Action.Execute` as Teams sends it; `data` is the card's own, and each card action parses it with its schema. */
export const cardActionValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(MAX_NAME),
    id: z.string().max(MAX_NAME).nullish(),
    title: z.string().max(MAX_NAME).nullish(),
    data: z.unknown().optional(),
  }),
  trigger: z.string().max(64).nullish(),
  authentication: z.object({}).nullish(),
  state: z.string().max(MAX_NAME).nullish(),
});

const count = z.number().int().min(0).max(10_000);

export const queryValueSchema = z.object({
  commandId: z.string().min(1).max(MAX_NAME),
  // Teams sends every value as a string ("true" for initialRun); some clients send initialRun as a boolean.
  parameters: z.array(z.object({ name: z.string().min(1).max(MAX_NAME), value: z.union([z.string().max(MAX_TEXT), z.boolean()]).nullish() })).max(MAX_LIST).nullish(),
  queryOptions: z.object({ skip: count.nullish(), count: count.nullish() }).nullish(),
  state: z.string().max(MAX_NAME).nullish(),
});

/** What Teams sends for a type-ahead search: `{ queryText, queryOptions: { skip, top }, dataset }` (plus `kind`, and the card's inputs as `data` with `associatedInputs`). */
export const searchValueSchema = z.object({
  queryText: z.string().max(MAX_NAME).nullish(),
  queryOptions: z.object({ skip: count.nullish(), top: count.nullish() }).nullish(),
  dataset: z.string().min(1).max(MAX_NAME),
  kind: z.string().max(64).nullish(),
  data: z.unknown().optional(),
});

/** The `value` each handled invoke must carry; an invoke name not listed here is not handled by the bot. */
const invokeValueSchemas: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  [CARD_ACTION_INVOKE, cardActionValueSchema],
  [QUERY_INVOKE, queryValueSchema],
  [SEARCH_INVOKE, searchValueSchema],
]);

const MAX_PROBLEMS = 20;

/** What is wrong with the body as an activity, by field path, in fixed wording; empty when nothing is. */
export function describeEnvelopeProblems(body: unknown): string[] {
  // reportInput only tells a missing field from a wrong one; the input itself is never put in a problem.
  const parsed = activityEnvelopeSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return describeIssues(parsed.error.issues, []);
  const activity = parsed.data;
  if (activity.type !== 'invoke') return [];
  // A Map, so a name such as "constructor" finds nothing rather than Object's own.
  const valueSchema = activity.name ? invokeValueSchemas.get(activity.name) : undefined;
  if (!valueSchema) return ['name: the bot does not handle invokes of this name'];
  const value = valueSchema.safeParse((body as { value?: unknown }).value, { reportInput: true });
  return value.success ? [] : describeIssues(value.error.issues, ['value']);
}

function describeIssues(issues: readonly core.$ZodIssue[], prefix: readonly PropertyKey[]): string[] {
  const problems = [...new Set(issues.map((issue) => `${pathOf([...prefix, ...issue.path])}: ${wordingOf(issue)}`))];
  return problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `and ${problems.length - MAX_PROBLEMS} more`] : problems;
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

function wordingOf(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing (expected ${issue.expected})` : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string' ? `is longer than ${issue.maximum} characters` : issue.origin === 'array' ? `has more than ${issue.maximum} entries` : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}`;
    case 'invalid_value':
      // The accepted values are the schema's own, never the input.
      return issue.input === undefined ? `is missing (expected ${issue.values.map(String).join(' or ')})` : 'is not one of the accepted values';
    case 'invalid_format':
      return issue.format === 'url' ? 'must be an http or https URL' : issue.format === 'regex' ? 'may hold only letters, digits and : . _ @ -' : 'is not in the expected format';
    default:
      return 'is not valid';
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
