// The Microsoft 365 Agents Playground (what `npm run dev` opens) as a real client of the running bot: a message typed
// in its personal chat reaches the bot, and the bot's card comes back on the Playground's conversation stream.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort, waitForHttpOk } from '../../bot/platform/net';
import { startTestApp, type RunningApp } from '../support/testApp';
import { playgroundLaunch } from '../../scripts/playground';
import { installInPlayground } from '../../scripts/playgroundInstall';
import { nonLoopbackAddress, refusesConnections } from '../support/addresses';

const root = path.join(__dirname, '..', '..');
// The current user in .m365agentsplayground.yml.
const ALEX = { id: '29:user-alex', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000020' };
const PERSONAL_CHAT = '__PERSONAL_CHAT_ID__';
// The tenant, team and group chat in .m365agentsplayground.yml.
const TENANT = '5f0d3c2a-1b4e-4c6d-8e9f-0a1b2c3d4e5f';
const TEAM = '19:salford-link-programme@thread.tacv2';
const GROUP_CHAT = '__GROUP_CHAT_ID__';

interface StreamEvent {
  action: string;
  actionConversationId: string;
  message?: { from: { id: string }; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

describe('the Agents Playground talking to the bot', () => {
  let app: RunningApp;
  let playground: ChildProcess;
  let base: string;
  let port: number;
  let stream: WebSocket;
  const events: StreamEvent[] = [];

  beforeAll(async () => {
    app = await startTestApp({ COORDINATOR_IDS: ALEX.aadObjectId });
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // As `npm run dev` starts it, with the loopback-only preload run from its TypeScript.
    const launch = playgroundLaunch(root, port, `${app.url}/api/messages`, [path.join(root, 'tests', 'support', 'tsRequire.js'), path.join(root, 'scripts', 'loopbackOnly.ts')]);
    playground = spawn(process.execPath, launch.args, { cwd: root, env: { ...launch.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore' });
    await waitForHttpOk(`${base}/_internal/v1/config`, 30_000, 100);
    stream = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    stream.on('message', (data) => events.push(JSON.parse(String(data)) as StreamEvent));
    await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
  }, 60_000);

  afterAll(async () => {
    stream?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground.once('exit', resolve));
      playground.kill('SIGTERM');
      await exited;
    }
    await app?.stop();
  });

  async function say(text: string): Promise<StreamEvent> {
    const before = events.length;
    const response = await fetch(`${base}/_conversation/v1/conversations/${PERSONAL_CHAT}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: ALEX.id }, text, textFormat: 'plain' }),
    });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reply = events.slice(before).find((e) => e.action === 'createMessage' && e.message?.from.id !== ALEX.id);
      if (reply) return reply;
      if (Date.now() > deadline) throw new Error(`No reply from the bot to "${text}" on the Playground stream.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('listens on 127.0.0.1 only, as `npm run dev` starts it, so nobody else on the network can act as its users', async () => {
    expect(await refusesConnections('127.0.0.1', port)).toBe(false);
    expect(await refusesConnections(nonLoopbackAddress(), port)).toBe(true);
  });

  it('shows the help card, with coordinator commands, when the Playground user types help', async () => {
    const reply = await say('help');
    expect(reply.actionConversationId).toBe(PERSONAL_CHAT);
    const card = reply.message?.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(card?.content);
    expect(text).toContain('Link Programme bot');
    expect(text).toContain('roles grant');
    expect(text).toContain('You are a coordinator.');
  });

  it('leads with urgent help when the Playground user writes something that suggests risk', async () => {
    const before = events.length;
    const reply = await say('a pupil told me she wants to die');
    expect(JSON.stringify(reply.message)).toContain('999');
    // Then the help card, in a second message: wait for it, so the next test reads its own reply.
    const deadline = Date.now() + 15_000;
    while (!events.slice(before).some((e) => e.action === 'createMessage' && JSON.stringify(e.message).includes("didn't recognise that command"))) {
      if (Date.now() > deadline) throw new Error('The help card did not follow the urgent help on the Playground stream.');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('knows the Playground team and group chat once `npm run dev` has sent their installs, so "cohort create" works at once', async () => {
    // Before: the Playground itself never installs the app in its team, so there is no team to put a cohort in.
    expect(JSON.stringify((await say('cohort create')).message)).toContain('No team to put the cohort in');
    expect(await installInPlayground(base)).toEqual([TEAM, GROUP_CHAT, PERSONAL_CHAT]);
    const deadline = Date.now() + 15_000;
    while ((await app.app.services.installations.listActive(TENANT)).length < 3) {
      if (Date.now() > deadline) throw new Error('The Playground\'s install activities did not reach the bot.');
      await new Promise((r) => setTimeout(r, 50));
    }
    // Each install also greets its conversation: let the three welcome cards arrive before the next reply is read.
    while (events.filter((e) => e.action === 'createMessage' && JSON.stringify(e.message).includes('Welcome to the Link Programme bot')).length < 3) {
      if (Date.now() > deadline) throw new Error('The welcome cards of the Playground\'s installs did not arrive.');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await app.app.services.installations.get(TENANT, TEAM)).toMatchObject({ status: 'active', scope: 'channel', teamId: TEAM, name: 'Salford Link Programme' });
    expect(await app.app.services.installations.get(TENANT, GROUP_CHAT)).toMatchObject({ status: 'active', scope: 'groupChat' });
    const form = JSON.stringify((await say('cohort create')).message);
    expect(form).not.toContain('No team to put the cohort in');
    expect(form).toContain('Salford Link Programme');
  });
});
