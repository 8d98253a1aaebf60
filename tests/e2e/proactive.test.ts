// Proactive sends through the real edge (botbuilder CloudAdapter) to a local Bot Connector stand-in.
import { appWithConnector } from '../support/connectorStub';
import { FIXTURE_BOT_ID, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';

describe('proactive messages', () => {
  const ctx = appWithConnector();

  it('posts a new thread to a channel of a team where the bot is installed, using the stored reference', async () => {
    await ctx.app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: ctx.connector.serviceUrl }));
    const team = await ctx.app.app.services.installations.get(FIXTURE_TENANT, '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2');
    const channelId = '19:cohortchannel00000000000000000@thread.tacv2';
    const posted = await ctx.app.app.services.sender.postToChannel(team!.reference, channelId, { text: 'Welcome to the cohort channel' });
    const call = ctx.connector.calls.at(-1)!;
    // Microsoft's documented way to start a channel thread: create a conversation with channelData.channel and the activity.
    expect(call.path).toBe('/v3/conversations');
    expect(call.body).toMatchObject({ isGroup: true, channelData: { channel: { id: channelId } }, activity: { type: 'message', text: 'Welcome to the cohort channel' } });
    expect(posted.thread.conversation.id).toMatch(/^created-/);
    await ctx.app.app.services.sender.send(posted.thread, { text: 'A reply in the thread' });
    expect(ctx.connector.calls.at(-1)!.path.startsWith(`/v3/conversations/${posted.thread.conversation.id}/activities`)).toBe(true);
  });

  it('opens a 1:1 chat with a person and returns a reference later sends can use', async () => {
    const reference = await ctx.app.app.services.sender.createPersonalConversation({
      tenantId: FIXTURE_TENANT,
      serviceUrl: ctx.connector.serviceUrl,
      userId: FIXTURE_USER_AAD,
      botId: FIXTURE_BOT_ID,
    });
    const create = ctx.connector.calls.filter((c) => c.path === '/v3/conversations').at(-1)!;
    expect(create.body).toMatchObject({ isGroup: false, members: [{ id: FIXTURE_USER_AAD }], tenantId: FIXTURE_TENANT, channelData: { tenant: { id: FIXTURE_TENANT } } });
    expect(reference.conversation.id).toMatch(/^created-/);
    await ctx.app.app.services.sender.send(reference, { text: 'Your survey is ready' });
    const send = ctx.connector.calls.at(-1)!;
    expect(send.path.startsWith(`/v3/conversations/${reference.conversation.id}/activities`)).toBe(true);
    expect(send.body).toMatchObject({ type: 'message', text: 'Your survey is ready' });
  });
});
