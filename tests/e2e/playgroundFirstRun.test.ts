// The "Done when" path, in the Microsoft 365 Agents Playground as `npm run dev` leaves it (the demo area
// loaded, the app installed in the Playground's team, group chat and 1:1 chat), driven through the Playground's own
// HTTP API with nothing mocked: help, contacts, network create, cascade start and an answer, find, panel submit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort, waitForHttpOk } from '../../bot/platform/net';
import { DEMO_COHORT_NAME, PLAYGROUND, loadDemoArea } from '../../bot/features/demo';
import { startTestApp, type RunningApp } from '../support/testApp';
import { playgroundLaunch } from '../../scripts/playground';
import { installInPlayground } from '../../scripts/playgroundInstall';

const root = path.join(__dirname, '..', '..');
// The current user in .m365agentsplayground.yml, and the Playground's fixed conversation ids.
const ALEX = { id: '29:user-alex', aadObjectId: 'a1e0c0de-0000-4000-8000-000000000020' };
const PERSONAL_CHAT = '__PERSONAL_CHAT_ID__';
const BOT_MENTION = `<at>${PLAYGROUND.bot.name}</at>`;

interface StreamEvent {
  action: string;
  actionConversationId: string;
  message?: { messageId?: string; postConversationId?: string; from: { id: string }; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

describe('the first ten minutes in the Agents Playground, on the demo area', () => {
  let app: RunningApp;
  let playground: ChildProcess;
  let base: string;
  let stream: WebSocket;
  const events: StreamEvent[] = [];

  beforeAll(async () => {
    app = await startTestApp({ COORDINATOR_IDS: ALEX.aadObjectId });
    expect((await loadDemoArea(app.app.services, new Date())).loaded).toBe(true);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const launch = playgroundLaunch(root, port, `${app.url}/api/messages`, [path.join(root, 'tests', 'support', 'tsRequire.js'), path.join(root, 'scripts', 'loopbackOnly.ts')]);
    playground = spawn(process.execPath, launch.args, { cwd: root, env: { ...launch.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore' });
    await waitForHttpOk(`${base}/_internal/v1/config`, 30_000, 100);
    stream = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    stream.on('message', (data) => events.push(JSON.parse(String(data)) as StreamEvent));
    await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
    // As `npm run dev` does once the Playground is up; each conversation then gets its welcome card.
    await installInPlayground(base);
    await waitFor(() => events.filter((e) => e.action === 'createMessage' && JSON.stringify(e.message).includes('Welcome to the Link Programme bot')).length >= 3, 'the three welcome cards');
  }, 90_000);

  afterAll(async () => {
    stream?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground.once('exit', resolve));
      playground.kill('SIGTERM');
      await exited;
    }
    await app?.stop();
  });

  async function waitFor(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} on the Playground stream.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Alex types `text` in a conversation (in a team or group chat, @mentioning the bot); the bot's first answer there. */
  async function say(conversationId: string, text: string): Promise<StreamEvent> {
    const before = events.length;
    const shared = conversationId !== PERSONAL_CHAT;
    const body = shared
      ? { from: { id: ALEX.id }, text: `${BOT_MENTION} ${text}`, textFormat: 'plain', mentions: [{ mentioned: { id: PLAYGROUND.bot.id }, text: BOT_MENTION }] }
      : { from: { id: ALEX.id }, text, textFormat: 'plain' };
    const response = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    let reply: StreamEvent | undefined;
    await waitFor(() => {
      reply = events.slice(before).find((e) => e.action === 'createMessage' && e.actionConversationId.startsWith(conversationId) && e.message?.from.id !== ALEX.id);
      return reply !== undefined;
    }, `the bot's reply to "${text}"`);
    return reply as StreamEvent;
  }

  const shown = (event: StreamEvent): string => JSON.stringify(event.message);

  it('help: the coordinator\'s commands, with urgent help', async () => {
    const reply = shown(await say(PERSONAL_CHAT, 'help'));
    expect(reply).toContain('network create');
    expect(reply).toContain('You are a coordinator.');
    expect(reply).toContain('call 999 now');
  });

  it('contacts anxiety support for a year 8 pupil: the demo directory\'s services', async () => {
    const reply = shown(await say(PERSONAL_CHAT, 'contacts anxiety support for a year 8 pupil'));
    expect(reply).toContain('Riverbend');
    expect(reply).toContain('(demo)');
    expect(reply).not.toContain('No directory yet');
  });

  it('network create in the team\'s General channel: the channel becomes a network', async () => {
    const reply = shown(await say(PLAYGROUND.team.id, 'network create riverbend-demo Riverbend SMHL network'));
    expect(reply).toContain('Network created');
    expect(reply).toContain('Riverbend SMHL network (riverbend-demo)');
    expect(reply).toContain('Next prompt');
  });

  it('cascade start: the survey card reaches the cohort channel, and an answer there is saved', async () => {
    const before = events.length;
    const started = shown(await say(PERSONAL_CHAT, `cascade start ${DEMO_COHORT_NAME}`));
    expect(started).toContain('survey started');
    let posted: StreamEvent | undefined;
    await waitFor(() => {
      posted = events.slice(before).find((e) => e.action === 'createMessage' && e.actionConversationId.startsWith(PLAYGROUND.cohortChannel) && (e.message?.attachments?.length ?? 0) > 0);
      return posted !== undefined;
    }, 'the CASCADE card in the cohort channel');
    const card = posted?.message?.attachments?.[0]?.content as { actions?: { type: string; verb?: string; data?: Record<string, unknown> }[]; body?: unknown[] };
    const action = card.actions?.find((a) => a.type === 'Action.Execute');
    expect(action?.verb).toBeTruthy();
    // Alex picks the first choice of every rating on the page, as clicking through the card would.
    const answers: Record<string, string> = {};
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const element = node as { type?: string; id?: string; choices?: { value: string }[] };
      const first = element.choices?.[0];
      if (element.type === 'Input.ChoiceSet' && element.id && first) answers[element.id] = first.value;
      for (const child of Object.values(node)) visit(child);
    };
    visit(card.body);
    expect(Object.keys(answers).length).toBeGreaterThan(0);
    const answered = await fetch(`${base}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: action?.verb, data: { ...action?.data, ...answers } } },
        from: { id: ALEX.id },
        // The card is the root of its own thread in the channel.
        conversation: { id: posted?.message?.postConversationId },
        replyToId: posted?.message?.messageId,
      }),
    });
    expect(answered.status).toBe(200);
    // The card Alex sees next: page 1 saved, page 2 to answer.
    const next = JSON.stringify(await answered.json());
    expect(next).toContain('Saved page 1 of 3.');
    expect(next).toContain('Page 2 of 3');
  });

  it('find in the demo network\'s group chat: its posts', async () => {
    const reply = shown(await say(PLAYGROUND.groupChat, 'find worry'));
    expect(reply).toContain('Worry box in Year 8 tutor time (demo post)');
  });

  it('panel submit: the anonymous case form of the demo area\'s panel', async () => {
    const reply = shown(await say(PERSONAL_CHAT, 'panel submit'));
    expect(reply).not.toContain('No wellbeing panel');
    expect(reply).toContain('riverbend-demo');
  });

  it('privacy export after chatting 1:1: the file lists that personal chat', async () => {
    const reply = await say(PERSONAL_CHAT, 'privacy export');
    const card = reply.message?.attachments?.[0]?.content as { actions?: { url?: string }[] };
    const url = card.actions?.find((a) => a.url)?.url?.replace(/^http:\/\/localhost:\d+/, app.url);
    expect(url).toBeDefined();
    const file = (await (await fetch(url!)).json()) as { data: { personalChats: { conversationId: string }[] } };
    expect(file.data.personalChats).toEqual([expect.objectContaining({ conversationId: PERSONAL_CHAT, status: 'active' })]);
  });
});
