// Network posts end to end over HTTP against Azurite, with real invoke payloads: share and ask in the network's channel,
// "Helpful" by two people and by the same person twice, "Answered", find (in the channel and from a 1:1 chat),
// find unanswered, edit, remove, bad input, non-members, and the half-term digest through the scheduled fan-out.
import { networkIdOf } from '../../bot/commands/network';
import { MAX_TEXT } from '../../bot/domain/posts';
import { Scheduler } from '../../bot/services/scheduler/scheduler';
import { DUE_SOURCES } from '../../bot/services/scheduler/sources';
import { kentCalendarCsv } from '../support/calendars';
import { drainFanout } from '../support/fanout';
import { startConnectorStub, type ConnectorStub, type ReceivedCall } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { channelCardAction, channelMessage, cardAction, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const CHANNEL = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const megan: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };
const ravi: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000aaaa', name: 'Ravi Patel' };
const sam: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000bbbb', name: 'Sam Jones' };
const priya: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000cccc', name: 'Priya Shah' };
const outsider: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000dddd', name: 'Olly Outside' };
const kentCsv = kentCalendarCsv();

describe('network posts', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let now = new Date('2025-11-10T10:00:00Z');
  const networkId = networkIdOf(FIXTURE_TENANT, CHANNEL);
  let sharedId = '';
  let askedId = '';

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock: { now: () => now } });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    await say(personalMessage(connector.serviceUrl, coordinator, `calendar import kent\n${kentCsv}`));
    expect(await say(channelMessage(connector.serviceUrl, coordinator, 'network create kent Kent SMHL network'))).toContain('Network created');
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  /** Sends a message and returns the bot's reply (its card) as text. */
  async function say(activity: Json): Promise<string> {
    return JSON.stringify((await repliesTo(app, connector, activity))[0]);
  }

  async function invoke(activity: Json): Promise<InvokeAnswer> {
    const response = await app.post('/api/messages', activity);
    return response.json as InvokeAnswer;
  }

  function callsSince(index: number, method: string, pattern: RegExp): ReceivedCall[] {
    return connector.calls.slice(index).filter((c) => c.method === method && pattern.test(c.path));
  }

  const posted = () => app.app.services.posts.listPosted(FIXTURE_TENANT, networkId);
  const form = { title: 'Attendance letters that parents actually read', text: 'We rewrote our attendance letters with parents: shorter, warmer, with the SLP\'s number. Template attached.', link: 'https://example.org/attendance-letter.docx', tags: 'attendance,parents' };

  it('opens the share form in the network channel with the network\'s tags, and refuses outside a network', async () => {
    const card = await say(channelMessage(connector.serviceUrl, megan, 'share'));
    expect(card).toContain('Share an idea or resource');
    expect(card).toContain('Kent SMHL network');
    expect(card).toContain('staff wellbeing');
    expect(card).toContain('post.submit');
    expect(await say(personalMessage(connector.serviceUrl, megan, 'ask'))).toContain('in your network\'s channel or group chat');
  });

  it('posts a shared resource as a card in the channel and stores it', async () => {
    const mark = connector.calls.length;
    const answer = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form }));
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(answer.value)).toContain('Posted to the network');
    // A new thread in the network's channel, carrying the post card.
    const created = callsSince(mark, 'POST', /\/v3\/conversations$/);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    expect(JSON.stringify(created[0]!.body)).toContain('Attendance letters that parents actually read');
    const posts = await posted();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'share', title: form.title, link: form.link, tags: ['attendance', 'parents'], helpfulCount: 0, authorId: megan.aadObjectId });
    expect(posts[0]!.activityId).toBeTruthy();
    sharedId = posts[0]!.postId;
  });

  it('refuses empty or oversized posts, links that are not http(s) and unknown tags, storing nothing', async () => {
    const submit = (fields: Json) => invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form, ...fields }));
    const empty = await submit({ text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.value)).toContain('the text is empty');
    const long = await submit({ text: 'x'.repeat(MAX_TEXT + 1) });
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.value)).toContain(`keep it to ${MAX_TEXT}`);
    const ftp = await submit({ link: 'ftp://example.org/file' });
    expect(JSON.stringify(ftp.value)).toContain('https:// or http://');
    const script = await submit({ link: 'javascript:alert(1)' });
    expect(JSON.stringify(script.value)).toContain('https:// or http://');
    const tag = await submit({ tags: 'attendance,gossip' });
    expect(tag.statusCode).toBe(400);
    expect(JSON.stringify(tag.value)).toContain('Unknown tag: gossip');
    const stale = await submit({ kind: 'rant' });
    expect(JSON.stringify(stale.value)).toContain('out of date');
    expect(await posted()).toHaveLength(1);
  });

  it('puts urgent help first when a post suggests someone is at risk, and still posts it', async () => {
    const before = connector.activities().length;
    const answer = await invoke(
      channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'ask', networkId, postId: '', title: 'Pupil disclosure', text: 'A pupil told me they want to kill themselves. What do your schools do first?', tags: 'referrals' }),
    );
    expect(answer.statusCode).toBe(200);
    const urgent = JSON.stringify(connector.activities().slice(before));
    expect(urgent).toContain('Urgent help comes first');
    expect(urgent).toContain('999');
    const stored = (await posted()).find((p) => p.title === 'Pupil disclosure')!;
    expect(stored).toBeDefined();
    // Tidy up for the rest of the story: the author removes it.
    await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.remove', { networkId, postId: stored.postId }));
    expect(await posted()).toHaveLength(1);
  });

  it('keeps nothing when the card cannot be posted to the network', async () => {
    connector.respondWith((call) => (call.method === 'POST' && /\/v3\/conversations$/.test(call.path) ? { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } } : undefined));
    const answer = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form, title: 'Never posted' }));
    connector.respondWith(() => undefined);
    expect(answer.statusCode).toBe(500);
    expect(JSON.stringify(answer.value)).toContain('so nothing was saved');
    expect((await posted()).map((p) => p.title)).toEqual([form.title]);
    expect((await app.app.services.posts.heldAbout(FIXTURE_TENANT, ravi.aadObjectId)).posts).toEqual([]);
  });

  it('uses the network\'s own tag list, which only a coordinator sets', async () => {
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'network tags'))).toContain('anxiety, attendance, transition, parents, referrals, staff wellbeing');
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'network tags gossip'))).toContain('Only coordinators can set network tags');
    expect(await say(channelMessage(connector.serviceUrl, coordinator, 'network tags anxiety, attendance, transition, parents, staff wellbeing, send'))).toContain('Tags updated');
    expect(await say(channelMessage(connector.serviceUrl, megan, 'ask'))).toContain('"value":"send"');
    expect(JSON.stringify((await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form, tags: 'referrals' }))).value)).toContain('Unknown tag: referrals');
    expect(await posted()).toHaveLength(1);
  });

  it('counts "Helpful" once per person: two people, then the same person twice (a toggle), and two clicks at once', async () => {
    const click = (person: Person) => invoke(channelCardAction(connector.serviceUrl, person, 'post.helpful', { networkId, postId: sharedId }));
    const mark = connector.calls.length;
    expect(JSON.stringify((await click(ravi)).value)).toContain('Helpful (1)');
    expect(JSON.stringify((await click(sam)).value)).toContain('Helpful (2)');
    // The posted card is refreshed in place for everyone.
    const updates = callsSince(mark, 'PUT', /\/activities\//);
    expect(updates).toHaveLength(2);
    expect(JSON.stringify(updates[1]!.body)).toContain('Helpful (2)');
    // The same person again takes their mark away; and again puts it back.
    expect(JSON.stringify((await click(ravi)).value)).toContain('Helpful (1)');
    expect(JSON.stringify((await click(ravi)).value)).toContain('Helpful (2)');
    // Two clicks by the same person at the same moment: the count always equals the marks stored.
    await Promise.all([click(sam), click(sam)]);
    const post = (await posted()).find((p) => p.postId === sharedId)!;
    const marks = await Promise.all([ravi, sam].map((p) => app.app.services.posts.hasMarked(FIXTURE_TENANT, networkId, sharedId, p.aadObjectId)));
    expect(post.helpfulCount).toBe(marks.filter(Boolean).length);
    // Sam's mark back, if the two clicks cancelled out, so the rest of the story has two marks.
    if (post.helpfulCount === 1) await click(sam);
    expect((await posted()).find((p) => p.postId === sharedId)!.helpfulCount).toBe(2);
  });

  it('lets only members act: someone outside the network is refused from a 1:1 chat', async () => {
    connector.respondWith((call) =>
      call.method === 'GET' && /pagedmembers/.test(call.path)
        ? { status: 200, body: { members: [megan, ravi, sam, priya].map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId, tenantId: FIXTURE_TENANT, userRole: 'user' })) } }
        : undefined,
    );
    const answer = await invoke(cardAction(connector.serviceUrl, outsider, 'post.helpful', { networkId, postId: sharedId }));
    expect(answer.statusCode).toBe(403);
    expect(JSON.stringify(answer.value)).toContain('Only members of Kent SMHL network');
    expect((await posted()).find((p) => p.postId === sharedId)!.helpfulCount).toBe(2);
  });

  it('asks a question; only the asker can mark it answered', async () => {
    await invoke(
      channelCardAction(connector.serviceUrl, sam, 'post.submit', { verb: 'post.submit', kind: 'ask', networkId, postId: '', title: 'Transition to Year 7 for anxious pupils?', text: 'What do your transition days look like for anxious Year 6 pupils?', tags: 'transition,anxiety' }),
    );
    askedId = (await posted()).find((p) => p.kind === 'ask')!.postId;
    const byOther = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.answered', { networkId, postId: askedId }));
    expect(byOther.statusCode).toBe(403);
    expect(JSON.stringify(byOther.value)).toContain('Only the person who posted this can mark it answered');
    // Older than a few days and open: "find unanswered" lists it.
    now = new Date('2025-11-14T10:00:00Z');
    const open = await say(channelMessage(connector.serviceUrl, ravi, 'find unanswered'));
    expect(open).toContain('Transition to Year 7 for anxious pupils?');
    const answered = await invoke(channelCardAction(connector.serviceUrl, sam, 'post.answered', { networkId, postId: askedId }));
    expect(answered.statusCode).toBe(200);
    expect(JSON.stringify(answered.value)).toContain('"Answered"');
    expect(JSON.stringify(answered.value)).not.toContain('Mark answered');
    expect(JSON.stringify(answered.value)).not.toContain('(edited)');
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'find unanswered'))).toContain('No questions in Kent SMHL network have waited');
  });

  it('finds posts by words and tags, with typos, linking to the original message', async () => {
    const found = await say(channelMessage(connector.serviceUrl, ravi, 'find attendence letters'));
    expect(found).toContain('Attendance letters that parents actually read');
    const post = (await posted()).find((p) => p.postId === sharedId)!;
    expect(found).toContain(`https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL)}/${post.activityId}`);
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'find transition'))).toContain('Transition to Year 7');
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'find bereavement'))).toContain('Nothing in Kent SMHL network matches');
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'find'))).toContain('Say what to look for');
  });

  it('finds from a 1:1 chat in the networks the caller belongs to (asking the Bot Connector who is in them)', async () => {
    const mark = connector.calls.length;
    expect(await say(personalMessage(connector.serviceUrl, priya, 'find parents'))).toContain('Attendance letters that parents actually read');
    // The channel's members (a standard channel lists its team's roster).
    expect(callsSince(mark, 'GET', /\/pagedmembers/).map((c) => decodeURIComponent(c.path.split('/')[3] ?? ''))).toEqual([CHANNEL]);
    // Remembered: no second call.
    const again = connector.calls.length;
    await say(personalMessage(connector.serviceUrl, priya, 'find parents'));
    expect(callsSince(again, 'GET', /pagedmembers/)).toHaveLength(0);
    expect(await say(personalMessage(connector.serviceUrl, outsider, 'find parents'))).toContain('could not find a network you belong to');
  });

  it('lets the author edit the post (refreshed in place) and nobody else', async () => {
    const other = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.editForm', { networkId, postId: sharedId }));
    expect(other.statusCode).toBe(403);
    const editForm = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.editForm', { networkId, postId: sharedId }));
    expect(JSON.stringify(editForm.value)).toContain('Edit your post');
    expect(JSON.stringify(editForm.value)).toContain('post.edit');
    const mark = connector.calls.length;
    const edited = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.edit', { verb: 'post.edit', kind: 'share', networkId, postId: sharedId, ...form, title: 'Attendance letters parents read (updated)' }));
    expect(edited.statusCode).toBe(200);
    expect(JSON.stringify(edited.value)).toContain('Attendance letters parents read (updated)');
    expect(JSON.stringify(edited.value)).toContain('Helpful (2)');
    expect(JSON.stringify(callsSince(mark, 'PUT', /\/activities\//)[0]?.body)).toContain('(updated)');
  });

  it('sends the half-term digest once, through the scheduled fan-out, with the most helpful posts and open questions', async () => {
    await invoke(
      channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'ask', networkId, postId: '', title: 'Staff supervision models that work?', text: 'Who runs group supervision for pastoral staff, and how often?', tags: 'staff wellbeing' }),
    );
    const services = app.app.services;
    now = new Date('2025-12-19T15:05:00Z'); // Autumn 2's last school day, after 15:00 London
    const schedulers = [new Scheduler(services, DUE_SOURCES), new Scheduler(services, DUE_SOURCES)];
    await Promise.all(schedulers.map((s) => s.tick()));
    const runs = await services.sends.runs.list(FIXTURE_TENANT, networkId);
    expect(runs.filter((r) => r.runId.startsWith('digest:')).map((r) => r.runId)).toEqual([`digest:${networkId}:2025-26-autumn-2`]);
    const mark = connector.calls.length;
    await drainFanout(app.app);
    const digests = callsSince(mark, 'POST', /\/v3\/conversations$/).filter((c) => JSON.stringify(c.body).includes('Half-term digest'));
    expect(digests).toHaveLength(1);
    const digest = JSON.stringify(digests[0]!.body);
    expect(digest).toContain('Autumn 2 2025/26');
    expect(digest).toContain('Attendance letters parents read (updated)');
    expect(digest).toContain('2 found it helpful');
    expect(digest).toContain('Staff supervision models that work?');
    expect(digest).not.toContain('Transition to Year 7'); // answered
    // A later tick the same evening sends nothing again.
    now = new Date('2025-12-19T18:00:00Z');
    await Promise.all(schedulers.map((s) => s.tick()));
    await drainFanout(app.app);
    expect(connector.calls.slice(mark).filter((c) => JSON.stringify(c.body).includes('Half-term digest'))).toHaveLength(1);
  });

  it('removes a post for its author only; it leaves search and digests', async () => {
    expect((await invoke(channelCardAction(connector.serviceUrl, sam, 'post.remove', { networkId, postId: sharedId }))).statusCode).toBe(403);
    const mark = connector.calls.length;
    const removed = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.remove', { networkId, postId: sharedId }));
    expect(JSON.stringify(removed.value)).toContain('Post removed');
    expect(JSON.stringify(callsSince(mark, 'PUT', /\/activities\//)[0]?.body)).toContain('Post removed');
    expect(await say(channelMessage(connector.serviceUrl, ravi, 'find attendance'))).toContain('Nothing in Kent SMHL network matches');
    expect(await services().posts.hasMarked(FIXTURE_TENANT, networkId, sharedId, ravi.aadObjectId)).toBe(false);
    const again = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.helpful', { networkId, postId: sharedId }));
    expect(again.statusCode).toBe(404);
    expect(JSON.stringify(again.value)).toContain('removed by its author');
  });

  it('exports and erases a person\'s posts and Helpful marks through the privacy registry', async () => {
    const source = services().personalData.find((s) => s.name === 'posts')!;
    const exported = JSON.stringify(await source.exportFor(FIXTURE_TENANT, ravi.aadObjectId));
    expect(exported).toContain('Staff supervision models that work?');
    expect(await source.eraseFor(FIXTURE_TENANT, ravi.aadObjectId, now)).toBeGreaterThan(0);
    expect((await posted()).map((p) => p.title)).toEqual(['Transition to Year 7 for anxious pupils?']);
    expect(JSON.stringify(await source.exportFor(FIXTURE_TENANT, ravi.aadObjectId))).toBe(JSON.stringify({ posts: [], helpfulMarks: [], networksSeenIn: [] }));
  });

  it('purges posts not edited for RETENTION_POSTS_MONTHS (36 by default), with their marks, once', async () => {
    const purge = services().retention.find((t) => t.kind === 'posts')!;
    expect(await purge.purgeExpired(new Date('2028-11-01T00:00:00Z'))).toBe(0);
    expect(await purge.purgeExpired(new Date('2028-11-15T00:00:00Z'))).toBe(1);
    expect(await posted()).toEqual([]);
    expect(await purge.purgeExpired(new Date('2028-11-15T00:00:00Z'))).toBe(0);
  });

  const services = () => app.app.services;
});

describe('network posts in a group chat', () => {
  const CHAT = '19:5e6f7a8b9c0d4e1f8a2b3c4d5e6f7a8b@thread.v2';
  const chatConversation = { isGroup: true, conversationType: 'groupChat', tenantId: FIXTURE_TENANT, id: CHAT };
  const chatData = { tenant: { id: FIXTURE_TENANT } };
  let app: RunningApp;
  let connector: ConnectorStub;
  const now = new Date('2025-11-10T10:00:00Z');

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock: { now: () => now } });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl, conversation: chatConversation, channelData: chatData }));
    await app.post('/api/messages', { ...channelMessage(connector.serviceUrl, coordinator, 'network create kent Kent chat network'), conversation: chatConversation, channelData: chatData });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const inChat = (person: Person, verb: string, data: Json) => ({ ...channelCardAction(connector.serviceUrl, person, verb, data), conversation: chatConversation, channelData: chatData });

  it('posts into the chat, refreshes the same message on Helpful, and links to it with a chat deep link', async () => {
    const networkId = networkIdOf(FIXTURE_TENANT, CHAT);
    expect(await app.app.services.networks.get(FIXTURE_TENANT, networkId)).toMatchObject({ scope: 'groupChat', conversationId: CHAT });
    const mark = connector.calls.length;
    const submitted = await app.post('/api/messages', inChat(megan, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', title: 'Calm boxes', text: 'Our calm boxes for Year 7 tutor rooms.', tags: 'anxiety' }));
    expect((submitted.json as InvokeAnswer).statusCode).toBe(200);
    const sent = connector.calls.slice(mark).filter((c) => c.method === 'POST' && c.path.includes(`/v3/conversations/${encodeURIComponent(CHAT)}/activities`));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.body)).toContain('Calm boxes');
    const [post] = await app.app.services.posts.listPosted(FIXTURE_TENANT, networkId);
    const helpful = await app.post('/api/messages', inChat(ravi, 'post.helpful', { networkId, postId: post!.postId }));
    expect(JSON.stringify((helpful.json as InvokeAnswer).value)).toContain('Helpful (1)');
    const updates = connector.calls.slice(mark).filter((c) => c.method === 'PUT');
    expect(updates.map((c) => c.path)).toEqual([`/v3/conversations/${encodeURIComponent(CHAT)}/activities/${post!.activityId}`]);
    const found = JSON.stringify((await repliesTo(app, connector, { ...channelMessage(connector.serviceUrl, ravi, 'find calm'), conversation: chatConversation, channelData: chatData }))[0]);
    expect(found).toContain(`https://teams.microsoft.com/l/message/${encodeURIComponent(CHAT)}/${post!.activityId}?context=`);
  });
});
