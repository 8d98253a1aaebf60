// The welcome on install: adding the app to a personal chat, a team or a group chat sends one short card saying what
// the bot does and what to type there first, with urgent help; a re-install, a repeated event or a second instance
// (another app over the same storage) sends nothing more.
import { startTestApp, type RunningApp } from '../support/testApp';
import { appWithConnector } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity } from '../support/fixtures';

const PERSONAL_CHAT = 'a:1E0kJ9M1tbkv7BKHhvVpqMs-tTLXZ2GTBqyEa0ycuJ6ZYyqDcNeJ4uHhv2ZjtKB53Mv8pe4jhzxQ2vCtEQU7HRoR1k0wAt0tV4O9rZ6UoFu2ZRa7OHz7ALCrc7X9GNeAK';
const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const GROUP_CHAT = '19:meeting_b7c1e2d3a4f5@thread.v2';

describe('the welcome card on install', () => {
  const running = appWithConnector();

  /** The cards the bot posted to one conversation. */
  function cardsSentTo(conversationId: string): string[] {
    return running.connector
      .activities()
      .filter((activity) => (activity.conversation as { id?: string } | undefined)?.id === conversationId)
      .map((activity) => JSON.stringify(activity.attachments ?? []));
  }

  async function install(fixture: string, app: RunningApp = running.app): Promise<void> {
    const response = await app.post('/api/messages', loadActivity(fixture, { serviceUrl: running.connector.serviceUrl }));
    expect(response.status).toBe(200);
  }

  it('greets a personal chat once with what to type first and urgent help, whatever happens next', async () => {
    await install('installation-add-personal');
    const [card, ...more] = cardsSentTo(PERSONAL_CHAT);
    expect(more).toEqual([]);
    expect(card).toContain('Welcome to the Link Programme bot');
    expect(card).toContain('contacts anxiety support for a year 8 pupil');
    expect(card).toContain('panel submit');
    expect(card).toContain('call 999 now');
    expect(card).toContain('Call 0800 1111');
    expect(card).toContain('tel:08001111');
    // Teams sends conversationUpdate (bot added) as well as installationUpdate; then the person reinstalls.
    await install('members-added-personal');
    await install('installation-add-personal');
    expect(cardsSentTo(PERSONAL_CHAT)).toHaveLength(1);
    expect(await running.app.app.services.installations.get(FIXTURE_TENANT, PERSONAL_CHAT)).toMatchObject({ status: 'active', scope: 'personal' });
    // The console says "bot installed" once for the chat, not once per repeated event (the Playground repeats it per page load).
    const installedLines = running.app.logs.lines().filter((line) => line.msg === 'bot installed' && line.scope === 'personal');
    expect(installedLines).toHaveLength(1);
  });

  it('greets a team with @mention commands, and a second instance over the same storage does not greet it again', async () => {
    await install('installation-add-team');
    const cards = cardsSentTo(TEAM);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('added to this team');
    expect(cards[0]).toContain('@Link Programme help');
    expect(cards[0]).toContain('network create');
    expect(cards[0]).toContain('call 999 now');
    // Another instance (its own process state, the same tables) receiving the same kind of event after a restart.
    const second = await startTestApp({ STORAGE_PREFIX: running.app.app.services.config.STORAGE_PREFIX });
    try {
      await install('installation-add-team', second);
      await install('installation-remove-team', second);
      await install('installation-add-team', second);
    } finally {
      await second.stop();
    }
    expect(cardsSentTo(TEAM)).toHaveLength(1);
  });

  it('greets a group chat once even when two instances receive its install at the same moment', async () => {
    const second = await startTestApp({ STORAGE_PREFIX: running.app.app.services.config.STORAGE_PREFIX });
    try {
      await Promise.all([install('installation-add-groupchat'), install('installation-add-groupchat', second), install('installation-add-groupchat')]);
    } finally {
      await second.stop();
    }
    const cards = cardsSentTo(GROUP_CHAT);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('added to this chat');
    expect(cards[0]).toContain('make this chat an area');
    expect(await running.app.app.services.installations.get(FIXTURE_TENANT, GROUP_CHAT)).toMatchObject({ status: 'active', scope: 'groupChat' });
  });

  it('keeps the installation when Teams refuses the welcome, and answers the install event 200', async () => {
    running.connector.respondWith((call) => (call.method === 'POST' ? { status: 403, body: { error: { code: 'BotDisabledByAdmin' } } } : undefined));
    try {
      const activity = loadActivity('installation-add-groupchat', { serviceUrl: running.connector.serviceUrl, conversation: { isGroup: true, conversationType: 'groupChat', tenantId: FIXTURE_TENANT, id: '19:meeting_refused@thread.v2' } });
      expect((await running.app.post('/api/messages', activity)).status).toBe(200);
    } finally {
      running.connector.respondWith(() => undefined);
    }
    expect(await running.app.app.services.installations.get(FIXTURE_TENANT, '19:meeting_refused@thread.v2')).toMatchObject({ status: 'active', scope: 'groupChat' });
    expect(running.app.logs.lines().some((line) => line.event === 'welcome.send-failed')).toBe(true);
  });
});
