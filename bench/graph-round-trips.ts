// How many Microsoft Graph HTTP requests it takes to create a 20-school cohort (40 members, guests included) and book
// both workshops, counted at a local HTTP listener standing in for Graph, against a naive one-call-per-item count.
// Run: npm run bench:graph-round-trips. The last line is one JSON object of figures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createApp } from '../bot/app';
import { COHORT_CREATE_VERB } from '../bot/features/cohorts/cardActions/cohortCreate';
import { WORKSHOP_BOOK_VERB } from '../bot/features/workshops/cardActions/workshopBook';
import { loadConfig } from '../bot/config';
import { cohortIdFor } from '../bot/features/cohorts/domain/cohorts';
import type { Caller } from '../bot/events';
import { createLogger } from '../bot/logger';
import { projectRoot } from '../bot/projectRoot';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const COORDINATOR = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const TEAM_GROUP = '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e';
const TEAM_CONVERSATION = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const SCHOOLS = 20;

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly subRequests: number;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      resolve(text ? (JSON.parse(text) as unknown) : undefined);
    });
  });
}

/** Answers like Graph for the calls the bot makes; every person in `directory` exists (guests with #EXT# UPNs). */
function answer(method: string, url: string, body: unknown, directory: Map<string, { id: string; guest: boolean }>): { status: number; body: unknown } {
  const path = url.split('?')[0] ?? '';
  if (method === 'GET' && path.endsWith('/users')) {
    const email = decodeURIComponent(url).match(/mail eq '([^']+)'/)?.[1] ?? '';
    const found = directory.get(email);
    return {
      status: 200,
      body: { value: found ? [{ id: found.id, displayName: email, mail: email, userPrincipalName: email, userType: found.guest ? 'Guest' : 'Member' }] : [] },
    };
  }
  if (method === 'POST' && /\/teams\/[^/]+\/channels$/.test(path)) {
    const request = body as { displayName: string; membershipType: string };
    return { status: 201, body: { id: '19:bench0000000000000000000000000000@thread.tacv2', displayName: request.displayName, membershipType: request.membershipType } };
  }
  if (method === 'POST' && path.endsWith('/members/add')) {
    const values = (body as { values: { 'user@odata.bind': string }[] }).values;
    return { status: 200, body: { value: values.map((v) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMemberResult', userId: /users\('([^']+)'\)/.exec(v['user@odata.bind'])?.[1], error: null })) } };
  }
  if (method === 'POST' && path.endsWith('/events')) {
    const n = Math.random().toString(36).slice(2, 10);
    return { status: 201, body: { id: `event-${n}`, webLink: 'https://outlook.office365.com/owa/', onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/${n}` } } };
  }
  return { status: 404, body: { error: { code: 'NotFound', message: `bench Graph does not know ${method} ${path}` } } };
}

async function startFakeGraph(directory: Map<string, { id: string; guest: boolean }>): Promise<{ url: string; requests: Recorded[]; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((body) => {
      const url = (req.url ?? '').replace(/^\/v1\.0/, '');
      const method = req.method ?? '';
      let status: number;
      let payload: unknown;
      if (method === 'POST' && url === '/$batch') {
        const items = (body as { requests: { id: string; method: string; url: string; body?: unknown }[] }).requests;
        requests.push({ method, path: '/$batch', subRequests: items.length });
        status = 200;
        payload = { responses: items.map((item) => ({ id: item.id, headers: { 'Content-Type': 'application/json' }, ...answer(item.method, item.url, item.body, directory) })) };
      } else {
        requests.push({ method, path: url.split('?')[0] ?? '', subRequests: 1 });
        ({ status, body: payload } = answer(method, url, body, directory));
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** A Bot Connector stand-in for the welcome and workshop cards. */
async function startFakeConnector(): Promise<{ url: string; server: Server }> {
  let n = 0;
  const server = createServer((req, res) => {
    void readBody(req).then(() => {
      n += 1;
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url?.endsWith('/v3/conversations') ? { id: `19:bench@thread.tacv2;messageid=${n}`, activityId: String(n) } : { id: `activity-${n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const fixedToken: TokenCredential = {
  getToken(): Promise<AccessToken> {
    return Promise.resolve({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 });
  },
};

async function main(): Promise<void> {
  // 20 schools: a school lead and a deputy each (school tenants: half of them guests), with NHS guests among them.
  const directory = new Map<string, { id: string; guest: boolean }>();
  for (let school = 1; school <= SCHOOLS; school += 1) {
    directory.set(`lead${school}@school${school}.sch.uk`, { id: `00000000-0000-4000-8000-${String(school).padStart(12, '0')}`, guest: school % 2 === 0 });
    directory.set(`cypmhs${school}@nhs.net`, { id: `00000000-0000-4000-9000-${String(school).padStart(12, '0')}`, guest: true });
  }
  const emails = [...directory.keys()];
  const guests = [...directory.values()].filter((p) => p.guest).length;

  const azurite = await startAzurite({ projectRoot: projectRoot() });
  const graph = await startFakeGraph(directory);
  const connector = await startFakeConnector();
  const started = process.hrtime.bigint();
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', STORAGE_PREFIX: 'bench', COORDINATOR_IDS: COORDINATOR, GRAPH_BASE_URL: graph.url, WORKSHOP_ORGANISER: 'linkprogramme@contoso.org' });
    const now = new Date('2026-11-23T10:00:00Z');
    const app = await createApp({
      config,
      logger: createLogger('silent'),
      storageConnectionString: azurite.connectionString,
      clock: { now: () => now },
      graph: { credential: fixedToken },
    });
    await app.dispatcher.onInstallation({
      action: 'added',
      place: { conversationId: TEAM_CONVERSATION, scope: 'channel', tenantId: TENANT, serviceUrl: connector.url, teamId: TEAM_CONVERSATION, teamAadGroupId: TEAM_GROUP },
      reference: { bot: { id: '28:bench' }, conversation: { id: TEAM_CONVERSATION, conversationType: 'channel', tenantId: TENANT, isGroup: true }, channelId: 'msteams', serviceUrl: connector.url },
      now,
      activityId: 'bench-install',
      name: 'Bench Link Programme',
    });
    const caller: Caller = { aadObjectId: COORDINATOR, name: 'Bench Coordinator', tenantId: TENANT };
    const place = { conversationId: 'a:bench', scope: 'personal' as const, tenantId: TENANT, serviceUrl: connector.url };

    await app.dispatcher.onCardAction({
      verb: COHORT_CREATE_VERB,
      data: { name: 'Bench Cohort 1', area: 'bench', team: TEAM_CONVERSATION, membershipType: 'standard', members: emails.join('\n'), facilitator: emails[1] },
      caller,
      place,
      now,
      activityId: 'bench-create',
    });
    const afterCohort = graph.requests.length;
    await app.dispatcher.onCardAction({
      verb: WORKSHOP_BOOK_VERB,
      data: { cohort: cohortIdFor('Bench Cohort 1'), firstDate: '2027-02-16', startTime: '09:30', durationMinutes: '360', mode: 'online', organiser: 'linkprogramme@contoso.org', confirmed: true },
      caller,
      place,
      now,
      activityId: 'bench-book',
    });
    const cohort = (await app.services.cohorts.list(TENANT))[0];
    const added = cohort?.members.filter((m) => m.status === 'added').length ?? 0;
    const booked = cohort?.booking?.workshops.filter((w) => w.status === 'booked').length ?? 0;
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

    const requests = graph.requests.length;
    const subRequests = graph.requests.reduce((sum, r) => sum + r.subRequests, 0);
    // Naive: one lookup per person, one channel, one add per person, one create per workshop.
    const naive = emails.length + 1 + emails.length + 2;
    process.stdout.write(`Cohort of ${SCHOOLS} schools: ${emails.length} members (${guests} guests); ${added} added, ${booked} workshops booked\n`);
    for (const r of graph.requests) process.stdout.write(`  ${r.method} ${r.path}${r.subRequests > 1 ? ` (${r.subRequests} requests inside)` : ''}\n`);
    process.stdout.write(`Graph HTTP requests: ${requests} (cohort ${afterCohort}, workshops ${requests - afterCohort}); naive one-call-per-item: ${naive}; ratio ${(requests / naive).toFixed(3)}; target <= 6\n`);
    process.stdout.write(
      `${JSON.stringify({ bench: 'graph-round-trips', members: emails.length, guests, added, workshopsBooked: booked, requests, cohortRequests: afterCohort, workshopRequests: requests - afterCohort, subRequests, naive, ratio: Number((requests / naive).toFixed(3)), target: 6, withinTarget: requests <= 6, elapsedMs: Math.round(elapsedMs) })}\n`,
    );
  } finally {
    await new Promise<void>((resolve) => graph.server.close(() => resolve()));
    await new Promise<void>((resolve) => connector.server.close(() => resolve()));
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
