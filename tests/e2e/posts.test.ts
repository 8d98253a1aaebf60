// Network posts end to end over HTTP against Azurite, with real invoke payloads: share and ask in the network's channel,
// "Helpful" by two people and by the same person twice, "Answered", find (in the channel and from a 1:1 chat),
// find unanswered, edit, remove, bad input, non-members, and the half-term digest through the scheduled fan-out.
import { networkIdOf } from '../../bot/features/networks/commands/network';
import { MAX_TEXT } from '../../bot/features/posts/domain/posts';
import { Scheduler } from '../../bot/platform/scheduler/scheduler';
import { DUE_SOURCES } from '../../bot/app';
import { kentCalendarCsv } from '../support/calendars';
import { drainFanout } from '../support/fanout';
import { startConnectorStub, type ConnectorStub, type ReceivedCall } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { channelCardAction, channelMessage, cardAction, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { CONTROL, RISKY } from '../support/riskTexts';
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

  /** The inputs of a form card an invoke answered with, by id. */
  const inputsOf = (answer: InvokeAnswer): Record<string, Json> =>
    Object.fromEntries(((answer.value.body ?? []) as Json[]).filter((e) => typeof e.id === 'string').map((e) => [e.id as string, e]));

  it('refuses empty or oversized posts, links that are not http(s) and unknown tags with the form again as typed, each problem by its field, storing nothing', async () => {
    const mark = connector.calls.length;
    const submit = (fields: Json) => invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form, ...fields }));
    const empty = await submit({ text: '   ' });
    expect([empty.statusCode, empty.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(inputsOf(empty)).toMatchObject({ title: { value: form.title }, text: { value: '   ', errorMessage: 'Write the idea, question or resource: the text is empty.' }, link: { value: form.link }, tags: { value: form.tags } });
    const long = await submit({ text: 'x'.repeat(MAX_TEXT + 1) });
    expect(long.statusCode).toBe(200);
    expect(inputsOf(long).text).toMatchObject({ value: 'x'.repeat(MAX_TEXT + 1), errorMessage: expect.stringContaining(`keep it to ${MAX_TEXT}`) as unknown });
    const ftp = await submit({ link: 'ftp://example.org/file' });
    expect(inputsOf(ftp).link).toMatchObject({ value: 'ftp://example.org/file', errorMessage: expect.stringContaining('https:// or http://') as unknown });
    const script = await submit({ link: 'javascript:alert(1)' });
    expect(JSON.stringify(script.value)).toContain('https:// or http://');
    const tag = await submit({ tags: 'attendance,gossip' });
    expect(tag.statusCode).toBe(200);
    // The tag the form does not offer is named, and only the offered one stays chosen.
    expect(inputsOf(tag).tags).toMatchObject({ value: 'attendance', errorMessage: expect.stringContaining('Unknown tag: gossip') as unknown });
    expect(JSON.stringify(tag.value)).toContain('"verb":"post.submit"');
    const stale = await submit({ kind: 'rant' });
    expect(stale.statusCode).toBe(400);
    expect(JSON.stringify(stale.value)).toContain('out of date');
    expect(await posted()).toHaveLength(1);
    expect(connector.calls.slice(mark)).toEqual([]);
  });

  it('does not post a draft with problems where everyone sees it from the Action.Submit fallback: it says what to fix', async () => {
    const sent = connector.activities().length;
    const message = { ...channelMessage(connector.serviceUrl, ravi, ''), text: undefined, value: { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form, text: 'A draft nobody has seen', link: 'ftp://example.org/file' } };
    expect((await app.post('/api/messages', message)).status).toBe(200);
    const [reply] = (await connector.waitForActivities(sent + 1)).slice(sent);
    expect(reply?.text).toContain('https:// or http://');
    expect(JSON.stringify(reply)).not.toContain('A draft nobody has seen');
    expect(await posted()).toHaveLength(1);
  });

  /** The buttons of a card an invoke answered with, by title. */
  function buttonsOf(answer: InvokeAnswer): Record<string, { verb: string; data: Json }> {
    const actions = (answer.value.actions ?? []) as { title: string; verb: string; data: Json }[];
    return Object.fromEntries(actions.map((a) => [a.title, { verb: a.verb, data: a.data }]));
  }
  const threadsSince = (mark: number) => callsSince(mark, 'POST', /\/v3\/conversations$/);
  const risky = { verb: 'post.submit', kind: 'ask', networkId, postId: '', title: 'Pupil disclosure at break', text: RISKY.post, tags: 'referrals' };

  it('holds a post that suggests someone is at risk: urgent help first, and nothing stored or posted before the choice', async () => {
    const mark = connector.calls.length;
    const answer = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', risky));
    expect(answer.statusCode).toBe(200);
    const card = JSON.stringify(answer.value);
    // In SAFEGUARDING.md's order, then the hold and the choice.
    const order = ['Urgent help comes first', 'Call 999', 'tell your Designated Safeguarding Lead (DSL) now', 'NHS 111', 'Childline', 'Your question has not been posted yet', 'tell your Designated Safeguarding Lead now'];
    const at = order.map((text) => card.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(Object.keys(buttonsOf(answer))).toEqual(['Post anyway', "Don't post"]);
    // The reply replaces the form for Ravi alone: nothing was sent anywhere, nothing is stored (not even pending).
    expect(connector.calls.slice(mark)).toEqual([]);
    expect(await posted()).toHaveLength(1);
    expect((await services().posts.heldAbout(FIXTURE_TENANT, ravi.aadObjectId)).posts).toEqual([]);
  });

  it('"Post anyway" posts the draft exactly as written, once, however many times it is pressed', async () => {
    const held = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', risky));
    const { verb, data } = buttonsOf(held)['Post anyway']!;
    expect(data).toMatchObject({ mode: 'new', kind: 'ask', networkId, title: risky.title, text: RISKY.post, tags: 'referrals' });
    const mark = connector.calls.length;
    const [first, second] = await Promise.all([invoke(channelCardAction(connector.serviceUrl, ravi, verb, data)), invoke(channelCardAction(connector.serviceUrl, ravi, verb, data))]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(JSON.stringify([first.value, second.value])).toContain('Your question is posted');
    expect(threadsSince(mark)).toHaveLength(1);
    const again = await invoke(channelCardAction(connector.serviceUrl, ravi, verb, data));
    expect(JSON.stringify(again.value)).toContain('Your question is posted');
    expect(threadsSince(mark)).toHaveLength(1);
    const stored = (await posted()).filter((p) => p.title === risky.title);
    expect(stored).toHaveLength(1);
    // As typed, "<3" included: the draft rode in the button's data, untouched by card templating.
    expect(stored[0]).toMatchObject({ postId: data.postId, text: RISKY.post, kind: 'ask', authorId: ravi.aadObjectId, tags: ['referrals'] });
    expect(JSON.stringify(threadsSince(mark)[0]!.body)).toContain('took about 20 paracetamol');
    // Tidy up for the rest of the story: the author removes it.
    await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.remove', { networkId, postId: stored[0]!.postId }));
    expect(await posted()).toHaveLength(1);
  });

  it('"Don\'t post" posts nothing and offers the form again with the text kept', async () => {
    const held = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', risky));
    const mark = connector.calls.length;
    const dropped = await invoke(channelCardAction(connector.serviceUrl, ravi, buttonsOf(held)["Don't post"]!.verb, buttonsOf(held)["Don't post"]!.data));
    expect(dropped.statusCode).toBe(200);
    expect(JSON.stringify(dropped.value)).toContain('Nothing was posted');
    expect(JSON.stringify(dropped.value)).toContain('nobody else saw it');
    const reopen = buttonsOf(dropped)['Open the form again']!;
    const form = await invoke(channelCardAction(connector.serviceUrl, ravi, reopen.verb, reopen.data));
    expect(form.statusCode).toBe(200);
    const inputs: Record<string, string | undefined> = Object.fromEntries(((form.value.body ?? []) as { id?: string; value?: string }[]).filter((b) => b.id).map((b) => [b.id, b.value]));
    expect(inputs).toMatchObject({ title: risky.title, tags: 'referrals' });
    expect(inputs.text).toContain('took about 20 paracetamol last night');
    expect(JSON.stringify(form.value)).toContain('"verb":"post.submit"');
    expect(connector.calls.slice(mark)).toEqual([]);
    expect(await posted()).toHaveLength(1);
  });

  it('checks a returned draft again: a changed tag, a forged id or someone outside the network posts nothing', async () => {
    const held = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', risky));
    const { verb, data } = buttonsOf(held)['Post anyway']!;
    const tampered = await invoke(channelCardAction(connector.serviceUrl, ravi, verb, { ...data, tags: 'gossip' }));
    expect(tampered.statusCode).toBe(400);
    expect(JSON.stringify(tampered.value)).toContain('Unknown tag: gossip');
    const forged = await invoke(channelCardAction(connector.serviceUrl, ravi, verb, { ...data, postId: '../../other' }));
    expect(forged.statusCode).toBe(400);
    // Someone else's post id: never overwritten.
    const stolen = await invoke(channelCardAction(connector.serviceUrl, ravi, verb, { ...data, postId: sharedId }));
    expect(stolen.statusCode).toBe(409);
    connector.respondWith((call) => (call.method === 'GET' && /pagedmembers/.test(call.path) ? { status: 200, body: { members: [] } } : undefined));
    const outside = await invoke(cardAction(connector.serviceUrl, outsider, verb, data));
    connector.respondWith(() => undefined);
    expect(outside.statusCode).toBe(403);
    expect((await posted()).map((p) => p.postId)).toEqual([sharedId]);
  });

  it('still leads with urgent help when a risky post cannot be posted as it is, and says why', async () => {
    const mark = connector.calls.length;
    const answer = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { ...risky, link: 'ftp://example.org/x' }));
    expect(answer.statusCode).toBe(200);
    const card = JSON.stringify(answer.value);
    expect(card.indexOf('Urgent help comes first')).toBeGreaterThanOrEqual(0);
    expect(card.indexOf('Urgent help comes first')).toBeLessThan(card.indexOf('https:// or http://'));
    expect(Object.keys(buttonsOf(answer))).toEqual(['Open the form again']);
    const gone = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { ...risky, networkId: 'no-such-network' }));
    expect(JSON.stringify(gone.value)).toContain('Urgent help comes first');
    expect(JSON.stringify(gone.value)).toContain('That network no longer exists');
    expect(connector.calls.slice(mark)).toEqual([]);
    expect(await posted()).toHaveLength(1);
  });

  it('never posts a held draft\'s card where others see it, even from a client that sends the form as an Action.Submit', async () => {
    const mark = connector.calls.length;
    const submit = { ...channelMessage(connector.serviceUrl, ravi, ''), text: undefined, value: risky };
    const [sent] = await repliesTo(app, connector, submit);
    expect(sent).toMatchObject({ text: expect.stringContaining('Nothing was posted') });
    expect(sent!.attachments).toBeUndefined();
    const everything = JSON.stringify(connector.calls.slice(mark));
    for (const leak of ['Urgent help', 'paracetamol', 'Post anyway']) expect(everything).not.toContain(leak);
    expect(threadsSince(mark)).toHaveLength(0);
    expect(await posted()).toHaveLength(1);
  });

  it('posts an ordinary post that mentions suicide prevention training straight away, with no urgent help', async () => {
    const mark = connector.calls.length;
    const answer = await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.submit', { ...risky, title: 'Suicide prevention training providers?', text: CONTROL.post, tags: 'staff wellbeing' }));
    expect(JSON.stringify(answer.value)).toContain('Your question is posted');
    expect(JSON.stringify(answer.value)).not.toContain('Urgent help');
    expect(threadsSince(mark)).toHaveLength(1);
    const control = (await posted()).find((p) => p.text === CONTROL.post)!;
    await invoke(channelCardAction(connector.serviceUrl, ravi, 'post.remove', { networkId, postId: control.postId }));
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

  it("gives the author no Helpful button on their own post, and refuses the author's Helpful politely", async () => {
    const [stored] = (await posted()).filter((p) => p.postId === sharedId);
    const actionsOf = (answer: InvokeAnswer) => ((answer.value.actions ?? []) as Json[]).map((a) => a.verb);
    // Teams refreshes the posted card for its author (Megan) to her own view, through post.view.
    const created = connector.calls.find((c) => c.method === 'POST' && JSON.stringify(c.body).includes(form.title))!;
    const postedCard = ((created.body.activity as Json).attachments as { content: Json }[])[0]!.content;
    expect(postedCard.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'post.view' }, userIds: [`29:${megan.aadObjectId}`] });
    expect(stored!.authorUserId).toBe(`29:${megan.aadObjectId}`);
    const hers = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.view', { networkId, postId: sharedId }));
    expect(hers.statusCode).toBe(200);
    expect(actionsOf(hers)).not.toContain('post.helpful');
    expect(actionsOf(hers)).toEqual(expect.arrayContaining(['post.editForm', 'post.remove']));
    expect(JSON.stringify(hers.value)).toContain('Helpful (2): 2 people found your post helpful.');
    // Everyone else's view keeps the button.
    expect(actionsOf(await invoke(channelCardAction(connector.serviceUrl, sam, 'post.view', { networkId, postId: sharedId })))).toContain('post.helpful');
    // An old card, or another client, may still send her click: refused, nothing counted.
    const own = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.helpful', { networkId, postId: sharedId }));
    expect(own.statusCode).toBe(400);
    expect(JSON.stringify(own.value)).toContain('This is your own post, so there is nothing to mark');
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

  it('gives the author the edit form again as typed, the problem by its field, when an edit needs fixing, and changes nothing', async () => {
    const before = (await posted()).find((p) => p.postId === sharedId);
    const mark = connector.calls.length;
    const answer = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.edit', { verb: 'post.edit', kind: 'share', networkId, postId: sharedId, ...form, title: '', link: 'not a link' }));
    expect([answer.statusCode, answer.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(JSON.stringify(answer.value)).toContain('Nothing was changed yet');
    expect(inputsOf(answer)).toMatchObject({ title: { value: '', errorMessage: 'Give the post a title.', isRequired: true }, link: { value: 'not a link', errorMessage: expect.stringContaining('https:// or http://') as unknown }, text: { value: form.text } });
    expect(JSON.stringify(answer.value)).toContain('"verb":"post.edit"');
    expect((await posted()).find((p) => p.postId === sharedId)).toEqual(before);
    expect(connector.calls.slice(mark)).toEqual([]);
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

  it('holds an edit that suggests someone is at risk: urgent help first, the post unchanged until "Save anyway"', async () => {
    const editData = { verb: 'post.edit', kind: 'share', networkId, postId: sharedId, ...form, title: 'Attendance letters parents read (updated)' };
    const before = (await posted()).find((p) => p.postId === sharedId)!;
    const mark = connector.calls.length;
    const held = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.edit', { ...editData, text: RISKY.postEdit }));
    expect(held.statusCode).toBe(200);
    const card = JSON.stringify(held.value);
    expect(card.indexOf('Urgent help comes first')).toBeGreaterThanOrEqual(0);
    expect(card.indexOf('Urgent help comes first')).toBeLessThan(card.indexOf('Your change has not been saved yet'));
    expect(Object.keys(buttonsOf(held))).toEqual(['Save anyway', "Don't save"]);
    expect(connector.calls.slice(mark)).toEqual([]);
    expect((await posted()).find((p) => p.postId === sharedId)).toEqual(before);

    // "Don't save": nothing changes; the edit form comes back with the new text.
    const dropped = await invoke(channelCardAction(connector.serviceUrl, megan, buttonsOf(held)["Don't save"]!.verb, buttonsOf(held)["Don't save"]!.data));
    expect(JSON.stringify(dropped.value)).toContain('Nothing was changed');
    const reopened = await invoke(channelCardAction(connector.serviceUrl, megan, buttonsOf(dropped)['Open the edit form again']!.verb, buttonsOf(dropped)['Open the edit form again']!.data));
    expect(JSON.stringify(reopened.value)).toContain('Edit your post');
    expect(JSON.stringify(reopened.value)).toContain('giving his things away');
    expect((await posted()).find((p) => p.postId === sharedId)).toEqual(before);

    // "Save anyway", twice at once: saved once, as written, and the posted card refreshed.
    const { verb, data } = buttonsOf(held)['Save anyway']!;
    const saves = await Promise.all([invoke(channelCardAction(connector.serviceUrl, megan, verb, data)), invoke(channelCardAction(connector.serviceUrl, megan, verb, data))]);
    expect(saves.map((a) => a.statusCode)).toEqual([200, 200]);
    expect((await posted()).find((p) => p.postId === sharedId)).toMatchObject({ text: RISKY.postEdit, helpfulCount: 2 });
    expect(JSON.stringify(callsSince(mark, 'PUT', /\/activities\//).at(-1)?.body)).toContain('giving his things away');
    // Only the author can save it.
    expect((await invoke(channelCardAction(connector.serviceUrl, ravi, verb, data))).statusCode).toBe(403);

    // An ordinary edit (the control) saves straight away, with no urgent help.
    const restored = await invoke(channelCardAction(connector.serviceUrl, megan, 'post.edit', editData));
    expect(JSON.stringify(restored.value)).not.toContain('Urgent help');
    expect((await posted()).find((p) => p.postId === sharedId)).toMatchObject({ text: form.text, title: 'Attendance letters parents read (updated)' });
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
