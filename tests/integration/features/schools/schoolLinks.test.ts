// Linking cohort members to schools end to end (Graph through nock, Azurite, the Bot Connector stand-in): `email URN`
// pairs in `cohort create` and `cohort add`, URNs checked before anything is saved, the 20-school question, the
// one-time "Which school or service are you from?" card in the channel, a member's answer, and `cohort show`.
import nock from 'nock';
import { COHORT_CREATE_VERB } from '../../../../bot/features/cohorts/cardActions/cohortCreate';
import { SCHOOL_PICK_VERB } from '../../../../bot/features/schools/cards/schools';
import type { RegisterEntry } from '../../../../bot/features/schools/domain/register';
import { answerLookups, GRAPH, graphFixture, isolateGraph, releaseGraph, TEAM_GROUP_ID, user } from '../../../support/graph';
import { cardText, say, startCohortApp, submit, TEAM_CONVERSATION, type CohortApp } from '../../../support/cohortApp';
import { FIXTURE_TENANT } from '../../../support/fixtures';

const AMY = { id: '18a80140-b0fb-4489-b360-2f6efaf225a0', email: 'amy.head@stmarys.sch.uk' };
const BEN = { id: '86503198-b81b-43fe-81ee-ad45b8848ac9', email: 'ben.smith@nhs.net' };
const directory = new Map([
  [AMY.email, user(AMY.id, AMY.email)],
  [BEN.email, user(BEN.id, BEN.email, 'Guest')],
]);

const REGISTER: RegisterEntry[] = [
  { urn: '105900', name: 'St Mary’s RC Primary School', kind: 'school', phase: 'primary', postcode: 'M27 4AS' },
  { urn: '105901', name: 'Buile Hill Academy', kind: 'school', phase: 'secondary', postcode: 'M6 8RD' },
  { urn: 'S1', name: 'Salford CAMHS', kind: 'service', phase: 'other' },
  ...Array.from({ length: 25 }, (_, i): RegisterEntry => ({ urn: String(106000 + i), name: `Salford School ${i}`, kind: 'school', phase: 'primary' })),
];

const form = { name: 'Salford Cohort 4', area: 'salford', team: TEAM_CONVERSATION, membershipType: 'standard', facilitator: '' };

function member(id: string) {
  return { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')` };
}

let ctx: CohortApp;
afterAll(() => releaseGraph());
beforeEach(async () => {
  isolateGraph();
  ctx = await startCohortApp();
  await ctx.app.services.schools.repository.replace(FIXTURE_TENANT, 'salford', REGISTER, { generation: 'g1', importedBy: 'coordinator', now: ctx.now });
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await ctx.stop();
  expect(pending).toEqual([]);
});

/** Graph for a new cohort whose members are all found and added. */
function graphCreatesCohort(ids: string[]) {
  if (ids.length === 1) {
    const email = [...directory.entries()].find(([, found]) => found.id === ids[0])![0];
    nock(GRAPH)
      .get('/v1.0/users')
      .query({ $filter: `mail eq '${email}' or userPrincipalName eq '${email}'`, $select: 'id,displayName,mail,userPrincipalName,userType' })
      .reply(200, { value: [directory.get(email)] });
  } else {
    nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, body) => answerLookups(body, directory));
  }
  nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(201, graphFixture('channel-created'));
  nock(GRAPH)
    .post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: ids.map(member) })
    .reply(200, { value: ids.map((id) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: id, error: null })) });
}

const pickerPosts = () => ctx.connector.calls.filter((c) => c.path === '/v3/conversations' && cardText(c.body).includes('Which school or service are you from?'));

describe('linking cohort members to schools', () => {
  it('links the members given with a URN, asks the others once in the channel, and lets a member answer', async () => {
    graphCreatesCohort([AMY.id, BEN.id]);
    const created = await submit(ctx, COHORT_CREATE_VERB, { ...form, members: `${AMY.email} 105900\n${BEN.email}` });
    expect(cardText(created.card)).toContain('Cohort ready: Salford Cohort 4');
    expect(created.messages?.[0]?.text).toContain('Asked the 1 member without a school in the channel');
    const posted = pickerPosts();
    expect(posted).toHaveLength(1);
    const picker = JSON.stringify(posted[0]!.body);
    expect(picker).toContain('"choices.data":{"type":"Data.Query","dataset":"schools"}');
    expect(picker).toContain(`"verb":"${SCHOOL_PICK_VERB}"`);

    const shown = cardText((await say(ctx, 'cohort show salford cohort 4')).messages[0]!.card);
    expect(shown).toContain('Schools: 1');
    expect(shown).toContain(`St Mary’s RC Primary School (105900): ${AMY.email}`);
    expect(shown).toContain(`No school yet: ${BEN.email}`);

    // Ben finds his service by typing, and saves it.
    const place = { ...ctx.personal, scope: 'channel' as const, conversationId: TEAM_CONVERSATION, channelId: '19:a3c2f1e0d9b84c7a9e6f5d4c3b2a1908@thread.tacv2' };
    const ben = { aadObjectId: BEN.id, name: 'Ben Smith', tenantId: FIXTURE_TENANT };
    const found = await ctx.app.dispatcher.onDataQuery({ dataset: 'schools', queryText: 'salford cam', skip: 0, top: 15, caller: ben, place, now: ctx.now, activityId: 'search-1' });
    expect(found.results).toEqual([{ title: 'Salford CAMHS (service)', value: 'S1' }]);
    const cohortId = (await ctx.app.services.cohorts.list(FIXTURE_TENANT))[0]!.id;
    const answered = await ctx.app.dispatcher.onCardAction({ verb: SCHOOL_PICK_VERB, data: { cohortId, school: 'S1' }, caller: ben, place, now: ctx.now, activityId: 'pick-1' });
    expect(cardText(answered.card)).toContain('Thanks: you are down as from Salford CAMHS.');
    const after = cardText((await say(ctx, 'cohort show salford cohort 4')).messages[0]!.card);
    expect(after).toContain(`Service: Salford CAMHS: ${BEN.email}`);
    expect(after).not.toContain('No school yet');

    // Someone not in the cohort cannot answer for it.
    const stranger = { aadObjectId: '0f0e0d0c-0b0a-4909-8807-060504030201', name: 'Stranger', tenantId: FIXTURE_TENANT };
    await expect(submit(ctx, SCHOOL_PICK_VERB, { cohortId, school: '105901' }, stranger)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a URN that is not in the area\'s register, and creates nothing', async () => {
    await expect(submit(ctx, COHORT_CREATE_VERB, { ...form, members: `${AMY.email} 999999` })).rejects.toMatchObject({
      code: 'validation',
      details: [`${AMY.email}: 999999`],
    });
    expect(await ctx.app.services.cohorts.list(FIXTURE_TENANT)).toEqual([]);
  });

  it('asks the coordinator to confirm a cohort of more than 20 schools, and adds them once confirmed', async () => {
    graphCreatesCohort([AMY.id]);
    await submit(ctx, COHORT_CREATE_VERB, { ...form, members: `${AMY.email} 105900` });
    const many = Array.from({ length: 20 }, (_, i) => `person${i}@school${i}.sch.uk ${106000 + i}`).join('\n');
    await expect(say(ctx, `cohort add Salford Cohort 4 ${many}`)).rejects.toMatchObject({ code: 'validation', userMessage: expect.stringContaining('21 schools in one cohort') });
    const cohort = (await ctx.app.services.cohorts.list(FIXTURE_TENANT))[0]!;
    expect(cohort.members).toHaveLength(1);

    // Confirmed: the twenty are looked up (none is in the directory, so none is added), and linked.
    nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, body) => answerLookups(body, directory));
    const reply = await say(ctx, `cohort add Salford Cohort 4 ${many} confirm`);
    expect(reply.messages[0]!.text).toContain('Linked 20 people to their school.');
    const shown = cardText((await say(ctx, 'cohort show salford cohort 4')).messages[0]!.card);
    expect(shown).toContain("Schools: 21 (more than the programme's 20)");
  });

  it('says nothing about schools for an area without a register', async () => {
    graphCreatesCohort([AMY.id]);
    const created = await submit(ctx, COHORT_CREATE_VERB, { ...form, area: 'kent', members: AMY.email });
    expect(created.messages).toBeUndefined();
    expect(pickerPosts()).toHaveLength(0);
  });
});
