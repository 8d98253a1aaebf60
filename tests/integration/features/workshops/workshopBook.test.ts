// `workshop book|move|cancel` end to end: date checks and confirmation, one $batch for both events (nock at Graph),
// the workshop card posted in the cohort channel and updated on move and cancel (Bot Connector stand-in).
import nock from 'nock';
import { WORKSHOP_BOOK_VERB } from '../../../../bot/features/workshops/cardActions/workshopBook';
import { WORKSHOP_MOVE_VERB } from '../../../../bot/features/workshops/cardActions/workshopMove';
import { cohortIdFor } from '../../../../bot/features/cohorts/domain/cohorts';
import { COHORT_CREATE_VERB } from '../../../../bot/features/cohorts/cardActions/cohortCreate';
import { answerLookups, batchRequests, GRAPH, graphFixture, isolateGraph, releaseGraph, TEAM_GROUP_ID, user } from '../../../support/graph';
import { cardText, ORGANISER, say, startCohortApp, submit, TEAM_CONVERSATION, type CohortApp } from '../../../support/cohortApp';
import { FIXTURE_TENANT, FIXTURE_USER_AAD } from '../../../support/fixtures';

const CHANNEL = '19:a3c2f1e0d9b84c7a9e6f5d4c3b2a1908@thread.tacv2';
const COHORT = 'Salford Cohort 3';
const MEMBERS = ['amy.head@stmarys.sch.uk', 'ben.smith@nhs.net'];
const JOIN_1 = graphFixture('event-created').onlineMeeting as { joinUrl: string };
const JOIN_2 = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_second%40thread.v2/0';

let ctx: CohortApp;
afterAll(() => releaseGraph());
beforeEach(async () => {
  isolateGraph();
  ctx = await startCohortApp();
  await ctx.app.services.cohorts.insertOrGet({
    tenantId: FIXTURE_TENANT,
    id: cohortIdFor(COHORT),
    name: COHORT,
    areaId: 'salford',
    teamConversationId: TEAM_CONVERSATION,
    teamAadGroupId: TEAM_GROUP_ID,
    teamName: 'Salford Link Programme',
    membershipType: 'standard',
    channelId: CHANNEL,
    welcomeActivityId: 'welcome-1',
    members: MEMBERS.map((email, i) => ({ email, status: 'added', userId: `user-${i}`, mail: email })),
    status: 'ready',
    createdBy: FIXTURE_USER_AAD,
    created: ctx.now,
    updated: ctx.now,
  });
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await ctx.stop();
  expect(pending).toEqual([]);
});

const form = {
  cohort: cohortIdFor(COHORT),
  firstDate: '2027-03-29',
  startTime: '09:30',
  secondDate: '',
  durationMinutes: '360',
  mode: 'online',
  venue: '',
  organiser: ORGANISER,
};

function expectedEvent(number: 1 | 2, date: string, transactionId: unknown) {
  return {
    subject: `${COHORT}: Link Programme workshop ${number}`,
    body: { contentType: 'HTML', content: expect.stringContaining(`Link Programme workshop ${number} for ${COHORT}`) },
    start: { dateTime: `${date}T09:30:00`, timeZone: 'Europe/London' },
    end: { dateTime: `${date}T15:30:00`, timeZone: 'Europe/London' },
    attendees: MEMBERS.map((address) => ({ emailAddress: { address }, type: 'required' })),
    allowNewTimeProposals: false,
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    transactionId,
  };
}

async function bookConfirmed(): Promise<void> {
  let sent: unknown;
  nock(GRAPH)
    .post('/v1.0/$batch', (b: unknown) => ((sent = b), true))
    .reply(200, (_u, body) => {
      const [a, b] = batchRequests(body);
      return {
        responses: [
          { id: a!.id, status: 201, headers: { 'Content-Type': 'application/json' }, body: graphFixture('event-created') },
          { id: b!.id, status: 201, headers: { 'Content-Type': 'application/json' }, body: { ...graphFixture('event-created'), id: 'AAMkAGI1AAAt9AHkAAA=', onlineMeeting: { joinUrl: JOIN_2 } } },
        ],
      };
    });
  const booked = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, confirmed: true });
  const requests = batchRequests(sent);
  expect(requests.map((r) => [r.method, r.url])).toEqual([
    ['POST', `/users/${encodeURIComponent(ORGANISER)}/events`],
    ['POST', `/users/${encodeURIComponent(ORGANISER)}/events`],
  ]);
  expect(requests[0]!.body).toEqual(expectedEvent(1, '2027-03-29', expect.stringMatching(/^[0-9a-f]{32}$/)));
  expect(requests[1]!.body).toEqual(expectedEvent(2, '2027-05-10', expect.stringMatching(/^[0-9a-f]{32}$/)));
  expect(cardText(booked.card)).toContain(`Workshops booked: ${COHORT}`);
  expect(cardText(booked.card)).toContain(`Invitations went from ${ORGANISER} to all 2 members.`);
}

/** Answers an events batch: every event created, with its own id. */
function eventsCreated(record: (body: unknown) => void) {
  nock(GRAPH)
    .post('/v1.0/$batch', (b: unknown) => (record(b), true))
    .reply(200, (_u, body) => ({
      responses: batchRequests(body).map((r, i) => ({ id: r.id, status: 201, headers: { 'Content-Type': 'application/json' }, body: { ...graphFixture('event-created'), id: `event-${i + 1}` } })),
    }));
}

function attendeesOf(batch: unknown): string[][] {
  return batchRequests(batch).map((r) => (r.body as { attendees: { emailAddress: { address: string } }[] }).attendees.map((a) => a.emailAddress.address));
}

describe('workshop book', () => {
  it('opens a form with the cohort and the configured organiser', async () => {
    const reply = await say(ctx, `workshop book ${COHORT}`);
    const json = JSON.stringify(reply.messages[0]!.card);
    expect(json).toContain(`"value":"${cohortIdFor(COHORT)}"`);
    expect(json).toContain(`"value":"${ORGANISER}"`);
    expect(json).toContain(`"verb":"${WORKSHOP_BOOK_VERB}"`);
  });

  it('asks for confirmation on a bank holiday and books nothing until confirmed', async () => {
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, form);
    const text = cardText(result.card);
    expect(text).toContain('Nothing has been booked yet');
    expect(text).toContain('Workshop 1 is on a bank holiday: Easter Monday (2027-03-29).');
    expect(text).toContain('Workshop 1: Monday 29 March 2027, 09:30');
    expect(text).toContain('Workshop 2: Monday 10 May 2027, 09:30');
    const action = (result.card.actions as { verb: string; data: Record<string, unknown> }[])[0]!;
    expect(action).toMatchObject({ verb: WORKSHOP_BOOK_VERB, data: { ...form, confirmed: true } });
    const [cohort] = await ctx.app.services.cohorts.list(FIXTURE_TENANT);
    expect(cohort!.booking).toBeUndefined();
  });

  it('asks for confirmation when the workshops are under six weeks apart', async () => {
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, firstDate: '2027-02-16', secondDate: '2027-03-09' });
    expect(cardText(result.card)).toContain('The workshops are 21 days apart');
  });

  it("asks for confirmation when a workshop falls in the area's school holidays, from the imported term dates", async () => {
    // Constructed 2026/27 dates for the test (not a council's published year): February half-term 15 to 19 February 2027.
    await ctx.app.services.termCalendars.save(FIXTURE_TENANT, {
      area: 'salford',
      schoolYear: '2026-27',
      terms: [
        { term: 'Autumn', starts: '2026-09-02', halfTermStarts: '2026-10-26', halfTermEnds: '2026-10-30', ends: '2026-12-18' },
        { term: 'Spring', starts: '2027-01-05', halfTermStarts: '2027-02-15', halfTermEnds: '2027-02-19', ends: '2027-03-26' },
        { term: 'Summer', starts: '2027-04-12', halfTermStarts: '2027-05-31', halfTermEnds: '2027-06-04', ends: '2027-07-21' },
      ],
      closures: [],
      importedBy: FIXTURE_USER_AAD,
      imported: ctx.now,
    });
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, firstDate: '2027-02-16', secondDate: '2027-04-06' });
    const text = cardText(result.card);
    expect(text).toContain('Nothing has been booked yet');
    expect(text).toContain('the February half-term');
    expect(text).toContain('the Easter holidays');
    const [cohort] = await ctx.app.services.cohorts.list(FIXTURE_TENANT);
    expect(cohort!.booking).toBeUndefined();
  });

  it('refuses a date in the past: the form comes back as filled in, the problem on the date, nothing booked', async () => {
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, firstDate: '2026-11-20' });
    const inputs: Record<string, { id?: string } | undefined> = Object.fromEntries(((result.card.body ?? []) as { id?: string }[]).filter((e) => e.id).map((e) => [e.id, e]));
    expect(cardText(result.card)).toContain('Nothing was booked');
    expect(inputs.firstDate).toMatchObject({ value: '2026-11-20', errorMessage: 'Workshop 1: 2026-11-20 at 09:30 is in the past. Choose a later date.' });
    expect(inputs.cohort).toMatchObject({ value: form.cohort });
    const [cohort] = await ctx.app.services.cohorts.list(FIXTURE_TENANT);
    expect(cohort!.booking).toBeUndefined();
  });

  it('books both in one batch, posts the workshop card with join links, then moves and cancels updating that card', async () => {
    // Teams answers a new channel post with the thread id carrying the message id.
    const thread = `${CHANNEL};messageid=1795430400000`;
    ctx.connector.respondWith((call) => (call.path === '/v3/conversations' ? { status: 201, body: { id: thread, activityId: '1795430400000' } } : undefined));
    await bookConfirmed();
    const post = ctx.connector.calls.find((c) => c.path === '/v3/conversations')!;
    expect(post.body).toMatchObject({ channelData: { channel: { id: CHANNEL } } });
    const posted = JSON.stringify(post.body);
    expect(posted).toContain(JOIN_1.joinUrl);
    expect(posted).toContain(JOIN_2);
    const [stored] = await ctx.app.services.cohorts.list(FIXTURE_TENANT);
    expect(stored!.booking!.workshops.map((w) => [w.number, w.eventId, w.status])).toEqual([
      [1, 'AAMkAGI1AAAt9AHjAAA=', 'booked'],
      [2, 'AAMkAGI1AAAt9AHkAAA=', 'booked'],
    ]);

    // Move: only start and end go to Graph, never the attendees.
    nock(GRAPH)
      .patch(`/v1.0/users/${encodeURIComponent(ORGANISER)}/events/${encodeURIComponent('AAMkAGI1AAAt9AHkAAA=')}`, {
        start: { dateTime: '2027-05-17T10:00:00', timeZone: 'Europe/London' },
        end: { dateTime: '2027-05-17T16:00:00', timeZone: 'Europe/London' },
      })
      .reply(200, { ...graphFixture('event-created'), id: 'AAMkAGI1AAAt9AHkAAA=' });
    const moved = await say(ctx, `workshop move ${COHORT} 2 2027-05-17 10:00`);
    expect(cardText(moved.messages[0]!.card)).toContain('workshop 2 is now Monday 17 May 2027, 10:00');
    const update = ctx.connector.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(decodeURIComponent(update.path)).toBe(`/v3/conversations/${thread}/activities/1795430400000`);
    expect(cardText(update.body)).toContain('Monday 17 May 2027, 10:00 to 16:00 (UK time)');

    // Cancel: Graph's cancel action with the coordinator's message.
    nock(GRAPH)
      .post(`/v1.0/users/${encodeURIComponent(ORGANISER)}/events/${encodeURIComponent('AAMkAGI1AAAt9AHjAAA=')}/cancel`, { comment: 'The venue is closed; a new date will follow.' })
      .reply(202);
    const cancelled = await say(ctx, `workshop cancel ${COHORT} 1 The venue is closed; a new date will follow.`);
    expect(cardText(cancelled.messages[0]!.card)).toContain('Workshop 1 cancelled');
    const second = ctx.connector.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(cardText(second.body)).toContain('Cancelled');
    expect(JSON.stringify(second.body)).not.toContain(JOIN_1.joinUrl);
  });

  it('asks before moving onto a weekend, and moves nothing until "Move anyway"', async () => {
    await bookConfirmed();
    const reply = await say(ctx, `workshop move ${COHORT} 2 2027-05-15 09:30`);
    const card = reply.messages[0]!.card!;
    expect(cardText(card)).toContain('Workshop 2 is on a weekend (2027-05-15).');
    expect(cardText(card)).toContain('Nothing has been changed yet');
    const action = (card.actions as { verb: string; data: Record<string, unknown> }[])[0]!;
    expect(action).toMatchObject({ verb: WORKSHOP_MOVE_VERB, data: { cohort: cohortIdFor(COHORT), number: 2, date: '2027-05-15', time: '09:30' } });
    nock(GRAPH)
      .patch(`/v1.0/users/${encodeURIComponent(ORGANISER)}/events/${encodeURIComponent('AAMkAGI1AAAt9AHkAAA=')}`, {
        start: { dateTime: '2027-05-15T09:30:00', timeZone: 'Europe/London' },
        end: { dateTime: '2027-05-15T15:30:00', timeZone: 'Europe/London' },
      })
      .reply(200, { ...graphFixture('event-created'), id: 'AAMkAGI1AAAt9AHkAAA=' });
    const moved = await submit(ctx, action.verb, action.data);
    expect(cardText(moved.card)).toContain('workshop 2 is now Saturday 15 May 2027, 09:30');
  });

  it('books only the workshop that failed when the card is submitted again', async () => {
    nock(GRAPH)
      .post('/v1.0/$batch')
      .reply(200, (_u, body) => {
        const [a, b] = batchRequests(body);
        return {
          responses: [
            { id: a!.id, status: 201, headers: {}, body: graphFixture('event-created') },
            { id: b!.id, status: 500, headers: {}, body: { error: { code: 'ErrorInternalServerError', message: 'An internal server error occurred.' } } },
          ],
        };
      });
    const partly = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, confirmed: true });
    expect(cardText(partly.card)).toContain('Workshop 2: NOT booked');
    let retried: unknown;
    nock(GRAPH)
      .post(`/v1.0/users/${encodeURIComponent(ORGANISER)}/events`, (b: unknown) => ((retried = b), true))
      .reply(201, { ...graphFixture('event-created'), id: 'second-event' });
    const again = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, confirmed: true });
    expect(retried).toMatchObject({ subject: `${COHORT}: Link Programme workshop 2` });
    expect(cardText(again.card)).toContain(`Workshops booked: ${COHORT}`);
  });

  it('tells the coordinator when the organiser mailbox does not exist, on the form shown again, booking nothing', async () => {
    nock(GRAPH)
      .post('/v1.0/$batch')
      .reply(200, (_u, body) => ({
        responses: batchRequests(body).map((r) => ({ id: r.id, status: 404, headers: {}, body: { error: { code: 'ErrorInvalidUser', message: "The requested user 'nobody@contoso.org' is invalid." } } })),
      }));
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, organiser: 'nobody@contoso.org', confirmed: true });
    // Nothing was booked, so the form comes back with the mailbox to change.
    const organiser = ((result.card.body ?? []) as { id?: string }[]).find((e) => e.id === 'organiser');
    expect(organiser).toMatchObject({ value: 'nobody@contoso.org', errorMessage: expect.stringContaining('nobody@contoso.org was not found') as unknown });
    const [cohort] = await ctx.app.services.cohorts.list(FIXTURE_TENANT);
    expect(cohort!.booking).toBeUndefined();
  });
});

describe('who workshop invitations go to', () => {
  const GUEST = { id: '86503198-b81b-43fe-81ee-ad45b8848ac9', email: 'ben.smith@nhs.net' };
  const HEAD = { id: '18a80140-b0fb-4489-b360-2f6efaf225a0', email: 'amy.head@stmarys.sch.uk' };
  const MEGAN = graphFixture('user-by-id') as { id: string; displayName: string; mail: string; userPrincipalName: string };
  const MISTYPED = 'cara@unknwon-school.sch.uk';
  const COHORT_4 = 'Salford Cohort 4';

  it('invites only the people the directory found, a UPN at its mail address, a guest at theirs, and names the rest', async () => {
    // cohort create: Megan typed by her sign-in name; Cara's address is mistyped, so the directory does not know it.
    const directory = new Map([
      [HEAD.email, user(HEAD.id, HEAD.email)],
      [GUEST.email, user(GUEST.id, GUEST.email, 'Guest')],
      [MEGAN.userPrincipalName, { ...MEGAN, userType: 'Member' }],
    ]);
    nock(GRAPH).post('/v1.0/$batch').reply(200, (_u, body) => answerLookups(body, directory));
    nock(GRAPH).post(`/v1.0/teams/${TEAM_GROUP_ID}/channels`).reply(201, { ...graphFixture('channel-created'), displayName: COHORT_4 });
    nock(GRAPH)
      .post(`/v1.0/teams/${TEAM_GROUP_ID}/members/add`)
      .reply(200, (_u, body) => ({
        value: (body as { values: { 'user@odata.bind': string }[] }).values.map((v) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMemberResult',
          userId: /users\('([^']+)'\)/.exec(v['user@odata.bind'])?.[1],
          error: null,
        })),
      }));
    const created = await submit(ctx, COHORT_CREATE_VERB, {
      name: COHORT_4,
      area: 'salford',
      team: TEAM_CONVERSATION,
      membershipType: 'standard',
      members: [HEAD.email, MEGAN.userPrincipalName, GUEST.email, MISTYPED].join('\n'),
      facilitator: HEAD.email,
    });
    expect(cardText(created.card)).toContain(`${MISTYPED}: not found in your directory`);

    let sent: unknown;
    eventsCreated((b) => (sent = b));
    const booked = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, cohort: cohortIdFor(COHORT_4), confirmed: true });
    const expected = [HEAD.email, MEGAN.mail, GUEST.email];
    expect(attendeesOf(sent)).toEqual([expected, expected]);
    const text = cardText(booked.card);
    expect(text).toContain(`Workshops booked, not everyone invited: ${COHORT_4}`);
    expect(text).toContain(`Invitations went from ${ORGANISER} to 3 of 4 members; 1 was not invited`);
    expect(text).toContain(`${MISTYPED}: not invited, not found in your directory. Check the spelling (or have them invited as a guest), then run "cohort add ${COHORT_4} ${MISTYPED}"`);
    expect(text).not.toMatch(/every member|to all/);
  });

  it('looks up members of a cohort stored before mail addresses were kept, and does not invite someone who left the directory', async () => {
    const LEFT = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    const stored = (await ctx.app.services.cohorts.get(FIXTURE_TENANT, cohortIdFor(COHORT)))!;
    await ctx.app.services.cohorts.save(
      {
        ...stored.value,
        members: [
          { email: MEGAN.userPrincipalName, status: 'added', userId: MEGAN.id },
          { email: 'sam.jones@stmarys.sch.uk', status: 'added', userId: LEFT, name: 'Sam Jones' },
          { email: 'room.b@contoso.org', status: 'added', userId: 'room-b', name: 'Room B', mail: null },
        ],
      },
      stored.etag,
    );
    let lookups: unknown;
    nock(GRAPH)
      .post('/v1.0/$batch', (b: unknown) => ((lookups = b), true))
      .reply(200, (_u, body) => {
        const [megan, left] = batchRequests(body);
        return {
          responses: [
            { id: megan!.id, status: 200, headers: { 'Content-Type': 'application/json' }, body: graphFixture('user-by-id') },
            { id: left!.id, status: 404, headers: { 'Content-Type': 'application/json' }, body: graphFixture('user-not-found') },
          ],
        };
      });
    let sent: unknown;
    eventsCreated((b) => (sent = b));
    const booked = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, confirmed: true });
    expect(batchRequests(lookups).map((r) => [r.method, r.url])).toEqual([
      ['GET', `/users/${MEGAN.id}?$select=id,displayName,mail,userPrincipalName,userType`],
      ['GET', `/users/${LEFT}?$select=id,displayName,mail,userPrincipalName,userType`],
    ]);
    expect(attendeesOf(sent)).toEqual([[MEGAN.mail], [MEGAN.mail]]);
    const text = cardText(booked.card);
    expect(text).toContain(`Invitations went from ${ORGANISER} to 1 of 3 members; 2 were not invited`);
    expect(text).toContain('Sam Jones (sam.jones@stmarys.sch.uk): not invited, not found in your directory');
    expect(text).toContain('Room B (room.b@contoso.org): not invited, the directory has no mailbox for them');
    const after = (await ctx.app.services.cohorts.get(FIXTURE_TENANT, cohortIdFor(COHORT)))!.value;
    expect(after.members.map((m) => [m.email, m.status, m.mail])).toEqual([
      [MEGAN.userPrincipalName, 'added', MEGAN.mail],
      ['sam.jones@stmarys.sch.uk', 'not-found', undefined],
      ['room.b@contoso.org', 'added', null],
    ]);
  });

  it('books with no invitations when nobody could be invited, and says so', async () => {
    const stored = (await ctx.app.services.cohorts.get(FIXTURE_TENANT, cohortIdFor(COHORT)))!;
    await ctx.app.services.cohorts.save({ ...stored.value, members: [{ email: MISTYPED, status: 'not-found' }] }, stored.etag);
    let sent: unknown;
    eventsCreated((b) => (sent = b));
    const booked = await submit(ctx, WORKSHOP_BOOK_VERB, { ...form, confirmed: true });
    expect(attendeesOf(sent)).toEqual([[], []]);
    expect(cardText(booked.card)).toContain('No invitations were sent: none of the 1 members could be invited');
    expect(cardText(booked.card)).toContain(`${MISTYPED}: not invited`);
  });
});
