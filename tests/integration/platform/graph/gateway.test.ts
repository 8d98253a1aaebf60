// The Graph gateway against Microsoft Graph's documented HTTP shapes (nock): retries, batching, 207, 403, existing channels.
import nock from 'nock';
import { loadConfig } from '../../../../bot/config';
import { AppError } from '../../../../bot/errors';
import { createGraphGateway } from '../../../../bot/platform/graph';
import type { GraphGateway } from '../../../../bot/platform/graph/gateway';
import { captureLogs } from '../../../support/logs';
import { answerLookups, batchRequests, fixedTokenCredential, GRAPH, graphFixture, isolateGraph, releaseGraph, lookupUrl, recordingSleep, TEAM_GROUP_ID, user } from '../../../support/graph';

const U1 = '18a80140-b0fb-4489-b360-2f6efaf225a0';
const U2 = '86503198-b81b-43fe-81ee-ad45b8848ac9';

function gateway(env: Record<string, string> = {}): { graph: GraphGateway; waits: number[] } {
  const { sleep, waits } = recordingSleep();
  const graph = createGraphGateway(loadConfig(env), captureLogs().logger, { credential: fixedTokenCredential, sleep, random: () => 0.5 });
  return { graph, waits };
}

afterAll(() => releaseGraph());
beforeEach(() => isolateGraph());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('Graph gateway', () => {
  it('waits for the Retry-After Graph asks for after a 429, then succeeds, sending the bearer token', async () => {
    const { graph, waits } = gateway();
    const body = { displayName: 'Salford Cohort 3', description: 'Link Programme cohort, area salford', membershipType: 'standard' };
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`, body).reply(429, graphFixture('throttled'), { 'Retry-After': '7' });
    nock(GRAPH, { reqheaders: { authorization: 'Bearer test-graph-token' } })
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`, body)
      .reply(201, graphFixture('channel-created'));
    const result = await graph.createChannel(TEAM_GROUP_ID, { ...body, membershipType: 'standard' });
    expect(result).toEqual({ status: 'created', channel: expect.objectContaining({ id: '19:a3c2f1e0d9b84c7a9e6f5d4c3b2a1908@thread.tacv2', displayName: 'Salford Cohort 3' }) });
    expect(waits).toEqual([7000]);
  });

  it('backs off with jitter when 503 comes without Retry-After, and gives up after the cap with a clear "try again" error', async () => {
    const { graph, waits } = gateway({ GRAPH_MAX_RETRIES: '2' });
    nock(GRAPH).get(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).query(true).times(3).reply(503, { error: { code: 'ServiceUnavailable', message: '' } });
    const error = await graph.listChannels(TEAM_GROUP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('throttled');
    expect((error as AppError).userMessage).toMatch(/run the same command again/);
    // Exponential steps (1 s, 2 s) with jitter between half and all of each step.
    expect(waits).toEqual([750, 1500]);
  });

  it('retries only the sub-requests that came back 429 inside a 200 batch, after their own Retry-After', async () => {
    const { graph, waits } = gateway();
    const directory = new Map([
      ['amy@school.sch.uk', user(U1, 'amy@school.sch.uk')],
      ['ben@nhs.net', user(U2, 'ben@nhs.net', 'Guest')],
    ]);
    let first: unknown;
    nock(GRAPH)
      .post('/v1.0/$batch', (b: unknown) => ((first = b), true))
      .reply(200, (_uri, body) => {
        const [a, b] = batchRequests(body);
        return {
          responses: [
            (answerLookups({ requests: [a] }, directory).responses as unknown[])[0],
            { id: b!.id, status: 429, headers: { 'Retry-After': '3', 'Content-Type': 'application/json' }, body: graphFixture('throttled') },
          ],
        };
      });
    // Only the throttled lookup is sent again; being alone, it goes without a batch envelope.
    nock(GRAPH)
      .get('/v1.0/users')
      .query({ $filter: "mail eq 'ben@nhs.net' or userPrincipalName eq 'ben@nhs.net'", $select: 'id,displayName,mail,userPrincipalName,userType' })
      .reply(200, { value: [directory.get('ben@nhs.net')] });
    const found = await graph.usersByEmail(['amy@school.sch.uk', 'ben@nhs.net']);
    expect(batchRequests(first).map((r) => [r.method, r.url])).toEqual([
      ['GET', lookupUrl('amy@school.sch.uk')],
      ['GET', lookupUrl('ben@nhs.net')],
    ]);
    expect(waits).toEqual([3000]);
    expect(found).toEqual(
      new Map([
        ['amy@school.sch.uk', expect.objectContaining({ id: U1, userType: 'Member' })],
        ['ben@nhs.net', expect.objectContaining({ id: U2, userType: 'Guest' })],
      ]),
    );
  });

  it('reports a 207 bulk add member by member', async () => {
    const { graph } = gateway();
    nock(GRAPH)
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, {
        values: [
          { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${U1}')` },
          { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${U2}')` },
        ],
      })
      .reply(207, {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.addConversationMemberResult)',
        value: [
          { '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: U1, error: { code: 'NotFound', message: '' } },
          { '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: U2, error: null },
        ],
      });
    expect(await graph.addTeamMembers(TEAM_GROUP_ID, [U1, U2])).toEqual([
      { userId: U1, added: false, errorCode: 'NotFound' },
      { userId: U2, added: true },
    ]);
  });

  it('turns 403 into a graph-permission error that names the missing permission', async () => {
    const { graph } = gateway();
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(403, graphFixture('forbidden'));
    const error = (await graph
      .createChannel(TEAM_GROUP_ID, { displayName: 'X cohort', description: 'd', membershipType: 'standard' })
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('graph-permission');
    expect(error.userMessage).toContain('Channel.Create');
    expect(error.userMessage).toMatch(/administrator/);
  });

  it.each([
    [400, 'channel-name-exists'],
    [409, 'channel-name-exists'],
  ])('treats %i "channel name already existed" as an existing channel', async (status, fixture) => {
    const { graph } = gateway();
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(status, graphFixture(fixture));
    expect(await graph.createChannel(TEAM_GROUP_ID, { displayName: 'Salford Cohort 3', description: 'd', membershipType: 'standard' })).toEqual({ status: 'exists' });
  });

  it('uses the configured Graph host (national clouds) for requests and member bindings', async () => {
    const { graph } = gateway({ GRAPH_BASE_URL: 'https://graph.microsoft.us' });
    nock('https://graph.microsoft.us')
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`, { values: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': `https://graph.microsoft.us/v1.0/users('${U1}')` }] })
      .reply(200, { value: [{ '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: U1, error: null }] });
    expect(await graph.addTeamMembers(TEAM_GROUP_ID, [U1])).toEqual([{ userId: U1, added: true }]);
  });

  it('asks the credential for a token once per request it sends, retries included', async () => {
    const { sleep } = recordingSleep();
    let tokensAsked = 0;
    const countingCredential = {
      getToken: async () => {
        tokensAsked += 1;
        return fixedTokenCredential.getToken('https://graph.microsoft.com/.default');
      },
    };
    const graph = createGraphGateway(loadConfig({}), captureLogs().logger, { credential: countingCredential, sleep, random: () => 0.5 });
    nock(GRAPH).get(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).query(true).reply(429, graphFixture('throttled'), { 'Retry-After': '1' });
    nock(GRAPH, { reqheaders: { authorization: 'Bearer test-graph-token' } })
      .get(`/v1.0/teams/${TEAM_GROUP_ID}/channels`)
      .query(true)
      .reply(200, graphFixture('channels-list'));
    expect((await graph.listChannels(TEAM_GROUP_ID)).map((c) => c.displayName)).toEqual(['General', 'Salford Cohort 3']);
    expect(tokensAsked).toBe(2);
  });

  it('gets its token from the configured authority host with the client secret', async () => {
    const { sleep } = recordingSleep();
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const graph = createGraphGateway(
      loadConfig({ GRAPH_TENANT_ID: tenant, GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555', GRAPH_CLIENT_SECRET: 's3cret', GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us', GRAPH_BASE_URL: 'https://graph.microsoft.us' }),
      captureLogs().logger,
      { sleep },
    );
    nock('https://login.microsoftonline.us')
      .get(new RegExp(`/${tenant}/.*`))
      .optionally()
      .times(5)
      .reply(200, {
        token_endpoint: `https://login.microsoftonline.us/${tenant}/oauth2/v2.0/token`,
        issuer: `https://login.microsoftonline.us/${tenant}/v2.0`,
        authorization_endpoint: `https://login.microsoftonline.us/${tenant}/oauth2/v2.0/authorize`,
        tenant_region_scope: 'USG',
        cloud_instance_name: 'microsoftonline.us',
        tenant_discovery_endpoint: `https://login.microsoftonline.us/${tenant}/v2.0/.well-known/openid-configuration`,
        metadata: [],
      });
    let tokenRequest = '';
    nock('https://login.microsoftonline.us')
      .post(`/${tenant}/oauth2/v2.0/token`, (body: unknown) => ((tokenRequest = typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString()), true))
      .query(true)
      .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'usgov-token' });
    nock('https://graph.microsoft.us', { reqheaders: { authorization: 'Bearer usgov-token' } })
      .get(`/v1.0/teams/${TEAM_GROUP_ID}/channels`)
      .query(true)
      .reply(200, graphFixture('channels-list'));
    expect((await graph.listChannels(TEAM_GROUP_ID)).map((c) => c.displayName)).toEqual(['General', 'Salford Cohort 3']);
    expect(decodeURIComponent(tokenRequest)).toContain('scope=https://graph.microsoft.us/.default');
    expect(tokenRequest).toContain('client_secret=s3cret');
  });
});
