// `bankholidays refresh`: fetches the GOV.UK feed from BANK_HOLIDAYS_URL (a local HTTP listener here), validates and
// stores it, and later date checks (workshop bookings, the half-terms "calendar show" lists) use the stored list.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WORKSHOP_BOOK_VERB } from '../../../../../bot/features/workshops/cardActions/workshopBook';
import { cohortIdFor } from '../../../../../bot/features/cohorts/domain/cohorts';
import { BANK_HOLIDAYS_TABLE } from '../../../../../bot/features/networks/bankHolidayRepository';
import { toKey } from '../../../../../bot/platform/storage/keys';
import { AppError } from '../../../../../bot/errors';
import { cardText, ORGANISER, say, startCohortApp, submit, TEAM_CONVERSATION, type CohortApp } from '../../../../support/cohortApp';
import { FIXTURE_TENANT, FIXTURE_USER_AAD } from '../../../../support/fixtures';
import { releaseGraph, TEAM_GROUP_ID } from '../../../../support/graph';

let feed: { status: number; body: string } = { status: 200, body: '{}' };
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(feed.status, { 'content-type': 'application/json' });
    res.end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bank-holidays.json`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // The Graph support loads nock, which intercepts this worker's HTTP until it is restored (the storage tests need real sockets).
  releaseGraph();
});

let ctx: CohortApp;
beforeEach(async () => {
  ctx = await startCohortApp({ BANK_HOLIDAYS_URL: url });
});
afterEach(() => ctx.stop());

// The GOV.UK shape, with a made-up extra holiday (e.g. a one-off like a coronation or jubilee).
const govUk = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'Easter Monday', date: '2027-03-29', notes: '', bunting: true },
      { title: 'Bank holiday for the national celebration', date: '2027-06-08', notes: '', bunting: true },
      { title: 'Christmas Day', date: '2029-12-25', notes: '', bunting: true },
    ],
  },
  scotland: { division: 'scotland', events: [] },
  'northern-ireland': { division: 'northern-ireland', events: [] },
};

describe('bankholidays refresh', () => {
  it('stores the fetched list, and workshop checks then warn about a holiday only the new list has', async () => {
    feed = { status: 200, body: JSON.stringify(govUk) };
    const reply = await say(ctx, 'bankholidays refresh');
    expect(cardText(reply.messages[0]!.card)).toContain('3 England and Wales bank holidays, up to 2029-12-25');

    await ctx.app.services.cohorts.insertOrGet({
      tenantId: FIXTURE_TENANT,
      id: cohortIdFor('Oldham Cohort 1'),
      name: 'Oldham Cohort 1',
      areaId: 'oldham',
      teamConversationId: TEAM_CONVERSATION,
      teamAadGroupId: TEAM_GROUP_ID,
      membershipType: 'standard',
      channelId: '19:x@thread.tacv2',
      members: [],
      status: 'ready',
      createdBy: FIXTURE_USER_AAD,
      created: ctx.now,
      updated: ctx.now,
    });
    const result = await submit(ctx, WORKSHOP_BOOK_VERB, {
      cohort: cohortIdFor('Oldham Cohort 1'),
      firstDate: '2027-04-27',
      startTime: '09:30',
      durationMinutes: '360',
      mode: 'online',
      organiser: ORGANISER,
    });
    expect(cardText(result.card)).toContain('Workshop 2 is on a bank holiday: Bank holiday for the national celebration (2027-06-08).');
  });

  it('takes a refreshed holiday out of the half-terms that "calendar show" lists', async () => {
    const withOneOff = { 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Bank holiday for the national celebration', date: '2025-11-03', notes: '', bunting: true }] } };
    feed = { status: 200, body: JSON.stringify(withOneOff) };
    await say(ctx, 'bankholidays refresh');
    await say(ctx, 'calendar import kent\nterm,starts,half_term_starts,half_term_ends,ends\nAutumn,2025-09-03,2025-10-27,2025-10-31,2025-12-19\nSpring,2026-01-05,2026-02-16,2026-02-20,2026-03-27\nSummer,2026-04-13,2026-05-25,2026-05-29,2026-07-22');
    const shown = cardText((await say(ctx, 'calendar show kent')).messages[0]!.card);
    expect(shown).toContain('Autumn 2 2025/26: 2025-11-04 to 2025-12-19');
  });

  it('keeps the current list when the feed is not in the GOV.UK shape', async () => {
    feed = { status: 200, body: JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'x', date: '8 June' }] } }) };
    const error = (await say(ctx, 'bankholidays refresh').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('validation');
    expect(error.userMessage).toContain('BANK_HOLIDAYS_URL');
    expect((await ctx.app.services.bankHolidays.current()).from).toBe('snapshot');
  });

  it('falls back to the shipped list when the saved row cannot be read, so date checks and prompts carry on', async () => {
    const services = ctx.app.services;
    await services.storage.table(BANK_HOLIDAYS_TABLE).upsertEntity({ partitionKey: toKey('england-and-wales'), rowKey: 'current', feed: '{not json', fetched: new Date(), source: url }, 'Replace');
    const current = await services.bankHolidays.current();
    expect(current.from).toBe('snapshot');
    expect(current.holidays.titleOn('2025-12-25')).toBe('Christmas Day');
    expect(ctx.logs.lines().some((line) => line.event === 'bankholidays.saved-unreadable')).toBe(true);
  });

  it('says to try later when GOV.UK is down', async () => {
    feed = { status: 503, body: 'Service Unavailable' };
    const error = (await say(ctx, 'bankholidays refresh').catch((e: unknown) => e)) as AppError;
    expect(error.userMessage).toMatch(/could not fetch .* try again later/);
  });
});
