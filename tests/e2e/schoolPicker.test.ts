// The school picker over the real HTTP server, as Teams sends it: the `application/search` invoke from the picker card
// in a cohort channel answers a searchResponse of the area's register; a bad value is a 400 naming the field; a member
// saves their school with the card's Action.Execute; someone typing outside a cohort channel is told where it works.
import type { Cohort } from '../../bot/features/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { channelCardAction, type InvokeAnswer } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const CHANNEL = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
const MEGAN = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const NOW = new Date('2026-12-03T10:00:00Z');

describe('the school picker over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let cohortId: string;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({}, { clock: { now: () => NOW } });
    const { services } = app.app;
    await services.schools.repository.replace(
      FIXTURE_TENANT,
      'telford',
      [
        { urn: '123450', name: 'St Mary’s Church of England Primary School', kind: 'school', phase: 'primary', postcode: 'TF1 5NU' },
        { urn: '123451', name: 'Mary Webb School', kind: 'school', phase: 'secondary' },
        { urn: '123452', name: 'Hadley Learning Community', kind: 'school', phase: 'secondary' },
      ],
      { generation: 'g1', importedBy: 'coordinator', now: NOW },
    );
    const cohort: Cohort = {
      tenantId: FIXTURE_TENANT,
      id: 'c0ffee00c0ffee00c0ffee00',
      name: 'Telford Cohort 1',
      areaId: 'telford',
      teamConversationId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2',
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      channelId: CHANNEL,
      members: [{ email: 'megan@contoso.org', status: 'added', userId: MEGAN.aadObjectId, name: 'Megan Bowen' }],
      status: 'ready',
      createdBy: 'coordinator',
      created: NOW,
      updated: NOW,
    };
    cohortId = (await services.cohorts.insertOrGet(cohort)).stored.value.id;
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const search = (value: Json, overrides: Json = {}) => app.post('/api/messages', loadActivity('search-invoke-channel', { serviceUrl: connector.serviceUrl, value, ...overrides }));

  it('answers a type-ahead search with the matching schools of the cohort\'s area, in the searchResponse shape', async () => {
    const { status, json } = await search({ queryText: 'st mar', queryOptions: { skip: 0, top: 15 }, dataset: 'schools', kind: 'typeahead' });
    expect(status).toBe(200);
    expect(json).toEqual({
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: 'St Mary’s Church of England Primary School, TF1 5NU', value: '123450' }] },
    });
  });

  it('pages with skip and top', async () => {
    const { json } = await search({ queryText: 'school', queryOptions: { skip: 1, top: 1 }, dataset: 'schools' });
    expect((json as { value: { results: unknown[] } }).value.results).toEqual([{ title: 'St Mary’s Church of England Primary School, TF1 5NU', value: '123450' }]);
  });

  it('refuses a search value of the wrong shape with 400, naming the field', async () => {
    const { status, json } = await search({ queryText: 5, dataset: 'schools' });
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toContain('value.queryText');
  });

  it('tells someone searching outside a cohort channel where the search works', async () => {
    const elsewhere = { id: '19:00000000000000000000000000000000@thread.tacv2' };
    const { status, json } = await search(
      { queryText: 'mary', dataset: 'schools' },
      { channelData: { channel: elsewhere, team: { id: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2' }, tenant: { id: FIXTURE_TENANT } } },
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'NotFound', message: expect.stringContaining('cohort channel') } });
  });

  it('saves the school a member chose on the card, and shows it to them', async () => {
    const { status, json } = await app.post('/api/messages', channelCardAction(connector.serviceUrl, MEGAN, 'schools.pick', { cohortId, school: '123452' }));
    expect(status).toBe(200);
    const answer = json as InvokeAnswer;
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(answer.value)).toContain('Thanks: you are down as from Hadley Learning Community.');
    const links = await app.app.services.schoolLinks.links(FIXTURE_TENANT, cohortId);
    expect(links).toEqual([expect.objectContaining({ email: 'megan@contoso.org', urn: '123452', linkedBy: 'self', userId: MEGAN.aadObjectId })]);
  });

  it('refuses a URN that is not in the register', async () => {
    const { json } = await app.post('/api/messages', channelCardAction(connector.serviceUrl, MEGAN, 'schools.pick', { cohortId, school: '999999' }));
    expect((json as InvokeAnswer).statusCode).toBe(400);
  });
});
