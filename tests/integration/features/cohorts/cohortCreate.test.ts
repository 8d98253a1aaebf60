// `cohort create` end to end: the form, Graph at the HTTP boundary (nock), Azurite, and the welcome card through the
// Bot Connector stand-in. Covers the resumable re-run (channel exists), 207 partial adds, unknown emails, 403 and bad input.
import nock from 'nock';
import { COHORT_CREATE_VERB } from '../../../../bot/features/cohorts/cardActions/cohortCreate';
import { AppError } from '../../../../bot/errors';
import { answerLookups, batchRequests, GRAPH, graphFixture, isolateGraph, releaseGraph, lookupUrl, TEAM_GROUP_ID, user } from '../../../support/graph';
import { cardText, say, startCohortApp, submit, TEAM_CONVERSATION, type CohortApp } from '../../../support/cohortApp';

const AMY = { id: '18a80140-b0fb-4489-b360-2f6efaf225a0', email: 'amy.head@stmarys.sch.uk' };
const BEN = { id: '86503198-b81b-43fe-81ee-ad45b8848ac9', email: 'ben.smith@nhs.net' };
const CARA = { email: 'cara@unknown-school.sch.uk' };
const CHANNEL = '19:a3c2f1e0d9b84c7a9e6f5d4c3b2a1908@thread.tacv2';
/** Every input of a card, by id, wherever it is nested. */
function inputsOf(elements: unknown, found: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  for (const element of (elements as Record<string, unknown>[] | undefined) ?? []) {
    if (typeof element.id === 'string' && String(element.type).startsWith('Input.')) found[element.id] = element;
    inputsOf(element.items, found);
  }
  return found;
}

const directory = new Map([
  [AMY.email, user(AMY.id, AMY.email)],
  [BEN.email, user(BEN.id, BEN.email, 'Guest')],
]);

const form = {
  name: 'Salford Cohort 3',
  area: 'salford',
  team: TEAM_CONVERSATION,
  membershipType: 'standard',
  members: `${AMY.email}\n${BEN.email}; ${CARA.email}`,
  facilitator: AMY.email,
};

/** Someone not found last time is looked up again (they may have been invited as a guest since): a lone GET. */
function lookupAlone(email: string, found?: Record<string, unknown>) {
  nock(GRAPH)
    .get('/v1.0/users')
    .query({ $filter: `mail eq '${email}' or userPrincipalName eq '${email}'`, $select: 'id,displayName,mail,userPrincipalName,userType' })
    .reply(200, { value: found ? [found] : [] });
}

function member(id: string, roles: string[] = []) {
  return { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles, 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')` };
}

function memberResult(id: string, errorCode?: string) {
  return { '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: id, error: errorCode ? { code: errorCode, message: '' } : null };
}

let ctx: CohortApp;
afterAll(() => releaseGraph());
beforeEach(async () => {
  isolateGraph();
  ctx = await startCohortApp();
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await ctx.stop();
  expect(pending).toEqual([]);
});

describe('cohort create', () => {
  it('opens a form offering the teams where the bot is installed', async () => {
    const reply = await say(ctx, 'cohort create');
    const card = reply.messages[0]!.card!;
    expect(cardText(card)).toContain('Salford Link Programme');
    expect(JSON.stringify(card)).toContain(`"value":"${TEAM_CONVERSATION}"`);
    expect(JSON.stringify(card)).toContain(`"verb":"${COHORT_CREATE_VERB}"`);
  });

  it('finishes an interrupted run on a re-run: reuses the channel Graph says exists, adds only missing members, welcomes once', async () => {
    // Run 1: people looked up, then Graph keeps failing on the channel.
    let lookups: unknown;
    nock(GRAPH)
      .post('/v1.0/$batch', (b: unknown) => ((lookups = b), true))
      .reply(200, (_u, body) => answerLookups(body, directory));
    const channelBody = { displayName: 'Salford Cohort 3', description: 'Link Programme cohort, area salford', membershipType: 'standard' };
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`, channelBody).times(2).reply(504, { error: { code: 'GatewayTimeout', message: '' } });
    const first = await submit(ctx, COHORT_CREATE_VERB, form);
    expect(batchRequests(lookups).map((r) => r.url)).toEqual([lookupUrl(AMY.email), lookupUrl(BEN.email), lookupUrl(CARA.email)]);
    expect(cardText(first.card)).toMatch(/Stopped: Salford Cohort 3/);
    expect(cardText(first.card)).toMatch(/run the same command again/);
    expect(cardText(first.card)).toContain('Run again to finish');
    expect(ctx.connector.activities()).toHaveLength(0);

    // Run 2 (the card's button sends the same data): the channel was made after all; 207 leaves Ben out.
    const retry = (first.card.actions as { data: Record<string, unknown> }[])[0]!.data;
    lookupAlone(CARA.email);
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`, channelBody).reply(400, graphFixture('channel-name-exists'));
    nock(GRAPH).get(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).query({ $select: 'id,displayName,membershipType,webUrl' }).reply(200, graphFixture('channels-list'));
    nock(GRAPH)
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: [member(AMY.id), member(BEN.id)] })
      .reply(207, { value: [memberResult(AMY.id), memberResult(BEN.id, 'NotFound')] });
    const second = await submit(ctx, COHORT_CREATE_VERB, retry);
    const text = cardText(second.card);
    expect(text).toContain('Found the channel a previous run created.');
    expect(text).toContain('Added 1 of 2 members to the team.');
    expect(text).toContain(`${AMY.email}: added`);
    expect(text).toContain(`${BEN.email} (guest): not added (NotFound); run this again to retry`);
    expect(text).toContain(`${CARA.email}: not found in your directory; invite them as a guest first`);
    const posted = ctx.connector.calls.filter((c) => c.path === '/v3/conversations');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    expect(cardText(posted[0]!.body)).toContain('Welcome to Salford Cohort 3');

    // Run 3: only Ben is added (Cara is looked up again in case she was invited since); no second welcome.
    lookupAlone(CARA.email);
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: [member(BEN.id)] }).reply(200, { value: [memberResult(BEN.id)] });
    const third = await submit(ctx, COHORT_CREATE_VERB, retry);
    expect(cardText(third.card)).toContain(`${BEN.email} (guest): added`);
    expect(ctx.connector.calls.filter((c) => c.path === '/v3/conversations')).toHaveLength(1);

    const shown = await say(ctx, 'cohort show salford cohort 3');
    expect(cardText(shown.messages[0]!.card)).toMatch(/channel ready, 2 of 3 members added, 0 of 2 workshops booked/);
    // The area once.
    expect(cardText(shown.messages[0]!.card).match(/\barea salford\b/gi)).toEqual(['Area salford']);
    expect(cardText(shown.messages[0]!.card)).toContain('Area salford; standard channel in');
    expect(cardText((await say(ctx, 'cohort list')).messages[0]!.card)).toContain('Salford Cohort 3: area salford, channel ready');
  });

  it('adds people to an existing cohort by text, only the new ones', async () => {
    lookupAlone(AMY.email, directory.get(AMY.email));
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(201, graphFixture('channel-created'));
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: [member(AMY.id)] }).reply(200, { value: [memberResult(AMY.id)] });
    await submit(ctx, COHORT_CREATE_VERB, { ...form, members: AMY.email });

    lookupAlone(BEN.email, directory.get(BEN.email));
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: [member(BEN.id)] }).reply(200, { value: [memberResult(BEN.id)] });
    const reply = await say(ctx, `cohort add Salford Cohort 3 ${BEN.email}, ${AMY.email}`);
    const text = cardText(reply.messages[0]!.card);
    expect(text).toContain('Cohort ready: Salford Cohort 3');
    expect(text).toContain(`${BEN.email} (guest): added`);
  });

  it('creates a private channel with the facilitator as owner and retries members while the new channel is not visible', async () => {
    nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, body) => answerLookups(body, directory));
    nock(GRAPH)
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`, {
        displayName: 'Salford Cohort 3',
        description: 'Link Programme cohort, area salford',
        membershipType: 'private',
        members: [member(AMY.id, ['owner'])],
      })
      .reply(201, { ...graphFixture('channel-created'), membershipType: 'private' });
    const channelMembers = `/v1.0/teams/${TEAM_GROUP_ID}/channels/${encodeURIComponent(CHANNEL)}/members`;
    nock(GRAPH)
      .post('/v1.0/$batch')
      .reply(200, (_u, body) => ({ responses: batchRequests(body).map((r) => ({ id: r.id, status: 404, headers: {}, body: { error: { code: 'NotFound', message: 'Channel not found' } } })) }));
    let added: unknown;
    nock(GRAPH)
      .post('/v1.0/$batch', (b: unknown) => ((added = b), true))
      .reply(200, (_u, body) => ({ responses: batchRequests(body).map((r) => ({ id: r.id, status: 201, headers: {}, body: { id: 'membership' } })) }));
    const result = await submit(ctx, COHORT_CREATE_VERB, { ...form, membershipType: 'private', members: `${AMY.email}, ${BEN.email}` });
    expect(batchRequests(added)).toEqual([
      { id: '0', method: 'POST', url: channelMembers.replace('/v1.0', ''), body: member(AMY.id, ['owner']), headers: { 'Content-Type': 'application/json' } },
      { id: '1', method: 'POST', url: channelMembers.replace('/v1.0', ''), body: member(BEN.id), headers: { 'Content-Type': 'application/json' } },
    ]);
    expect(ctx.waits).toEqual([5000]);
    expect(cardText(result.card)).toContain('Added 2 of 2 members to the channel.');
  });

  it('after Graph fails on the look-up, says what stopped and to run it again, never "Nothing new to do"', async () => {
    nock(GRAPH).post('/v1.0/$batch').times(2).reply(503, { error: { code: 'ServiceUnavailable', message: '' } }, { 'Retry-After': '1' });
    const result = await submit(ctx, COHORT_CREATE_VERB, form);
    const text = cardText(result.card);
    expect(text).toContain('Stopped: Salford Cohort 3');
    expect(text).not.toContain('Nothing new to do');
    expect(text).toContain('Stopped while looking the members up in your directory: nothing after that is done yet. Press "Run again to finish"');
    expect(text).toContain(`${AMY.email}: not looked up yet`);
    expect(text).toContain('Run again to finish');
  });

  it('says which Graph permission is missing, and keeps what was done for the re-run', async () => {
    nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, body) => answerLookups(body, directory));
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(403, graphFixture('forbidden'));
    const result = await submit(ctx, COHORT_CREATE_VERB, form);
    const text = cardText(result.card);
    expect(text).toContain('Stopped: Salford Cohort 3');
    expect(text).toContain('Channel.Create');
    expect(text).toContain(`${AMY.email}: found, not added yet`);
    const [cohort] = await ctx.app.services.cohorts.list(ctx.coordinator.tenantId);
    expect(cohort).toMatchObject({ status: 'setting-up', channelId: undefined });
  });

  it('refuses malformed emails and a bad name without recording anything or calling Graph: the form comes back as typed, each problem by its field', async () => {
    const members = `${AMY.email}, amy@, not an email`;
    const result = await submit(ctx, COHORT_CREATE_VERB, { ...form, name: 'Salford: 3', members });
    const inputs = inputsOf(result.card.body);
    expect(cardText(result.card)).toContain('The cohort was not created');
    expect(inputs.name).toMatchObject({ value: 'Salford: 3', errorMessage: expect.stringMatching(/cannot contain/) as unknown });
    expect(inputs.members).toMatchObject({ value: members, errorMessage: 'These are not email addresses: amy@, not, an, email' });
    expect(inputs.area).toMatchObject({ value: 'salford' });
    expect(inputs.area?.errorMessage).toBe('Lower-case letters, digits and hyphens');
    expect(await ctx.app.services.cohorts.list(ctx.coordinator.tenantId)).toEqual([]);
  });

  it('is for coordinators only', async () => {
    const error = (await submit(ctx, COHORT_CREATE_VERB, form, { ...ctx.coordinator, aadObjectId: '0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d' }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('forbidden');
  });

  it('tells the coordinator about an unknown cohort by name', async () => {
    const error = (await say(ctx, 'cohort add No Such Cohort amy@x.org').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('not-found');
    expect(error.userMessage).toContain('cohort list');
  });
});
