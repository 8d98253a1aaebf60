// The real HTTP server with real Teams payloads; the bot's replies land on a local Bot Connector stand-in.
import { INSTALLATIONS_TABLE } from '../../bot/platform/conversations/installationRepository';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';
import { repliesTo } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

type Attachment = { contentType: string; content: { type: string; body: { text?: string }[] } };

function cardTexts(activity: Record<string, unknown>): string {
  return JSON.stringify((activity.attachments as Attachment[] | undefined)?.map((a) => a.content) ?? []);
}

describe('the bot over HTTP in local mode', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: '' });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  it('answers "help" in personal chat with an Adaptive Card listing commands everyone may use', async () => {
    const response = await app.post('/api/messages', loadActivity('personal-message', { serviceUrl: connector.serviceUrl }));
    expect(response.status).toBe(200);
    const [sent] = await connector.waitForActivities(1);
    const attachment = (sent?.attachments as Attachment[])[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content.type).toBe('AdaptiveCard');
    expect(cardTexts(sent!)).toContain('help');
    // Not a coordinator: coordinator commands stay out of sight.
    expect(cardTexts(sent!)).not.toContain('roles grant');
    expect(connector.calls[0]?.path).toMatch(/^\/v3\/conversations\/a%3A1E0kJ9M1.*\/activities\/1732356000123/);
  });

  it('strips its own @mention in a channel and replies in that channel', async () => {
    const before = connector.activities().length;
    const response = await app.post('/api/messages', loadActivity('channel-mention', { serviceUrl: connector.serviceUrl }));
    expect(response.status).toBe(200);
    const sent = (await connector.waitForActivities(before + 1))[before]!;
    expect(cardTexts(sent)).toContain('Type a command');
    expect(String((sent.conversation as { id: string }).id)).toContain('19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2');
  });

  it('answers unknown text with a hint and the help card', async () => {
    const sent = (await repliesTo(app, connector, loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: 'what can you do' })))[0]!;
    expect(sent.text).toBe("Sorry, I didn't recognise that command.");
    expect(cardTexts(sent)).toContain('Here is what I can do');
  });

  it('stores the conversation reference when installed in a team, and marks it stale when removed', async () => {
    const added = await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    expect(added.status).toBe(200);
    const conversationId = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
    const stored = await app.app.services.installations.get(FIXTURE_TENANT, conversationId);
    expect(stored).toMatchObject({ status: 'active', scope: 'channel', name: 'Salford Link Programme', teamId: conversationId });
    expect(stored?.reference.serviceUrl).toBe(connector.serviceUrl);
    expect(stored?.reference.conversation.id).toBe(conversationId);

    await app.post('/api/messages', loadActivity('installation-remove-team', { serviceUrl: connector.serviceUrl }));
    expect(await app.app.services.installations.get(FIXTURE_TENANT, conversationId)).toMatchObject({ status: 'stale', staleReason: 'removed' });
  });

  it('stores a personal chat reference when a user adds the bot', async () => {
    const activity = loadActivity('members-added-personal', { serviceUrl: connector.serviceUrl });
    expect((await app.post('/api/messages', activity)).status).toBe(200);
    const personal = await app.app.services.installations.listActive(FIXTURE_TENANT, 'personal');
    expect(personal).toHaveLength(1);
    expect(personal[0]?.reference.user?.aadObjectId ?? personal[0]?.reference.user?.id).toBeTruthy();
    // The table is real Azurite storage, not a stand-in.
    const entity = await app.app.services.storage.table(INSTALLATIONS_TABLE).getEntity(personal[0]!.tenantId, personal[0]!.conversationId);
    expect(entity.scope).toBe('personal');
  });

  it('answers malformed JSON with 400 and stays healthy', async () => {
    const response = await app.postRaw('/api/messages', '{"type": "message", ');
    expect(response.status).toBe(400);
    const health = await app.get('/healthz');
    expect(health).toEqual({ status: 200, json: { status: 'ok', storage: 'ok', mode: 'local' } });
  });

  it('answers a body that is not an activity with 400 naming what is missing', async () => {
    const response = await app.post('/api/messages', { type: 'message', text: 'help' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('serviceUrl');
  });

  it('acknowledges an unknown activity type and sends nothing', async () => {
    const before = connector.calls.length;
    const response = await app.post('/api/messages', loadActivity('personal-message', { serviceUrl: connector.serviceUrl, type: 'somethingNew', text: undefined }));
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls.length).toBe(before);
  });

  it('tells a non-coordinator why a coordinator command was refused', async () => {
    const sent = (await repliesTo(app, connector, loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: `roles grant ${FIXTURE_USER_AAD}` })))[0]!;
    expect(cardTexts(sent)).toContain('Only coordinators can grant roles');
    expect(await app.app.services.roles.rolesOf(FIXTURE_TENANT, FIXTURE_USER_AAD)).toEqual([]);
  });
});

describe('the bot over HTTP with an app id', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
  });
  afterAll(() => app.stop());

  it('refuses a request without a Bot Framework token with 401 and runs no handler', async () => {
    const response = await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: 'http://127.0.0.1:9/' }));
    expect(response.status).toBe(401);
    expect(await app.app.services.installations.listActive(FIXTURE_TENANT)).toEqual([]);
  });

  it('refuses a forged token with 401', async () => {
    const response = await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: 'http://127.0.0.1:9/' }), {
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl',
    });
    expect(response.status).toBe(401);
    expect(await app.app.services.installations.listActive(FIXTURE_TENANT)).toEqual([]);
  });

  it('reports authenticated mode on /healthz', async () => {
    expect(await app.get('/healthz')).toEqual({ status: 200, json: { status: 'ok', storage: 'ok', mode: 'authenticated' } });
  });
});
