// Card-submit latency: N `adaptiveCard/action` invokes through our real server (createApp, local mode, Azurite) and the same
// N through a bare botbuilder bot that does only the least any correct bot must do (one Table upsert, then a static card),
// at 100 concurrent submitters, in the same run against the same embedded Azurite. Last line: one JSON object of figures.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { TableClient } from '@azure/data-tables';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type Response, type TurnContext } from 'botbuilder';
import { restify, type Server } from '../bot/http/restify';
import { createApp } from '../bot/app';
import { VERB as ANSWER_VERB } from '../bot/features/surveys/cardActions/surveyAnswer';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { projectRoot } from '../bot/projectRoot';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { percentile, printFigures, round } from './support';
import { at } from '../bot/domain/indexed';

const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** For profiling one side alone (`node --cpu-prof`): `ours` or `bare`. The figures then compare nothing. */
const ONLY = process.env.BENCH_ONLY;
/** Unmeasured submits before each measured round. */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 300);
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TARGET = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const RUN_ID = '5b8f2c1e-0d3a-4c6b-9e7f-1a2b3c4d5e6f';

const users = Array.from({ length: CONCURRENCY }, (_, i) => {
  const n = String(i).padStart(12, '0');
  return { aad: `6f1c2a9e-3b4d-4e5f-8a7b-${n}`, id: `29:bench-user-${i}` };
});

const answers = (i: number) => {
  const v = String((i % 5) + 1);
  return {
    contact_frequency: v,
    communication: v,
    relationships: v,
    referral_routes: v,
    knowledge: v,
    referral_handling: String((i % 4) + 1),
    referral_timeliness: v,
    referral_appropriateness: v,
  };
};

function invokeActivity(user: (typeof users)[number], i: number): string {
  return JSON.stringify({
    name: 'adaptiveCard/action',
    type: 'invoke',
    id: `f:bench-${i}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: user.id, name: 'Bench User', aadObjectId: user.aad },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: `a:bench-${user.aad}` },
    recipient: { id: '28:00000000-0000-0000-0000-00000000b07a', name: 'Link Programme' },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb: ANSWER_VERB, data: { run: RUN_ID, target: TARGET, page: 'p1', ...answers(i) } }, trigger: 'manual' },
    locale: 'en-GB',
  });
}

/** The bare bot: an ActivityHandler whose only work per submit is one upsert and a static card. */
class BareBot extends ActivityHandler {
  constructor(private readonly table: TableClient) {
    super();
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const value = activity.value as { action: { data: Record<string, string> } };
    await this.table.upsertEntity({ partitionKey: RUN_ID, rowKey: activity.from.aadObjectId ?? activity.from.id, answers: JSON.stringify(value.action.data) }, 'Replace');
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: STATIC_CARD } };
  }
}

const STATIC_CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Thank you: your answers are saved.', wrap: true }] };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${server.address().port}/api/messages`;
}

interface Figures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly throughputPerSec: number;
  readonly cpuMsPerSubmit: number;
  readonly errors: number;
}

/**
 * The submitters' client: keep-alive connections, one per submitter, as the Bot Connector keeps to a bot. (Node's
 * fetch opened connections in bursts and stalled some 50 requests for a second or two early in each round, against
 * a do-nothing server too, which said nothing about either bot.)
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string): Promise<{ status: number; json: { statusCode?: number } }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as { statusCode?: number } });
        } catch {
          resolve({ status: response.statusCode ?? 0, json: {} });
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

interface Sample {
  latencies: number[];
  errors: number;
  seconds: number;
  /** CPU time this process spent (server, and the driver, alike for both bots), in ms. */
  cpuMs: number;
}

async function drive(url: string, count: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    users.map(async (user) => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const body = invokeActivity(user, i);
        const t0 = performance.now();
        const response = await post(url, body);
        latencies.push(performance.now() - t0);
        if (response.status !== 200 || response.json.statusCode !== 200) errors += 1;
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, errors, seconds: (performance.now() - started) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function figuresOf(samples: Sample[]): Figures {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return {
    p50Ms: round(percentile(all, 50)),
    p99Ms: round(percentile(all, 99)),
    throughputPerSec: round(all.length / seconds),
    cpuMsPerSubmit: round(samples.reduce((sum, s) => sum + s.cpuMs, 0) / all.length, 3),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
  };
}


async function main(): Promise<void> {
  const azurite = await startAzurite({ projectRoot: projectRoot() });
  const servers: Server[] = [];
  try {
    // Ours: the real composition root, edge and handlers, in local mode (no token check, as in the bare bot).
    const config = loadConfig({ NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'silent', STORAGE_PREFIX: 'bench' });
    const app = await createApp({ config, logger: createLogger('silent'), storageConnectionString: azurite.connectionString });
    servers.push(app.server);
    await app.services.surveyRuns.create({
      tenantId: TENANT,
      targetId: TARGET,
      runId: RUN_ID,
      kind: 'pulse',
      phase: 'baseline',
      label: 'Bench cohort',
      confidential: true,
      conversationId: TARGET,
      openedAt: new Date(Date.now() - 60_000),
      openedBy: at(users, 0, 'bench users').aad,
      members: users.map((u) => u.aad),
      salt: 'bench-salt',
    });
    const oursUrl = await listen(app.server);

    // The bare bot: CloudAdapter + ActivityHandler, one upsert on the same Azurite.
    const bareTable = TableClient.fromConnectionString(azurite.connectionString, 'benchbare', { allowInsecureConnection: true });
    await bareTable.createTable();
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const bare = new BareBot(bareTable);
    const bareServer = restify.createServer({ handleUncaughtExceptions: false });
    bareServer.use(restify.plugins.bodyParser({ mapParams: false }));
    bareServer.post('/api/messages', async (req, res) => {
      await adapter.process(req, res as unknown as Response, (context) => bare.run(context));
    });
    servers.push(bareServer);
    const bareUrl = await listen(bareServer);

    // Warm both (JIT, connection pools, table creation), then alternate measured rounds so drift hits both alike.
    if (ONLY !== 'bare') await drive(oursUrl, Math.min(500, SUBMITS));
    if (ONLY !== 'ours') await drive(bareUrl, Math.min(500, SUBMITS));
    const ours: Sample[] = [];
    const bareRuns: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each measured round starts on warm connections: while the other bot ran, the idle keep-alive connections to
      // this one (and from it to Azurite) timed out, and reconnecting is a property of the bench, not of either bot.
      if (ONLY !== 'ours') {
        await drive(bareUrl, WARM_UP);
        bareRuns.push(await drive(bareUrl, SUBMITS));
      }
      if (ONLY !== 'bare') {
        await drive(oursUrl, WARM_UP);
        ours.push(await drive(oursUrl, SUBMITS));
      }
    }
    const o = figuresOf(ours);
    const b = figuresOf(bareRuns);
    const rows = (await app.services.responses.listRun(RUN_ID)).length;

    process.stdout.write(`submit-latency: ${SUBMITS * ROUNDS} submits each, ${CONCURRENCY} concurrent submitters, same Azurite\n`);
    process.stdout.write(`  ours: p50 ${o.p50Ms} ms, p99 ${o.p99Ms} ms, ${o.throughputPerSec} submits/s, ${o.cpuMsPerSubmit} ms CPU each, errors ${o.errors}, response rows ${rows} (one per respondent)\n`);
    process.stdout.write(`  bare: p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms, ${b.throughputPerSec} submits/s, ${b.cpuMsPerSubmit} ms CPU each, errors ${b.errors}\n`);
    const figures = {
      bench: 'submit-latency',
      submits: SUBMITS * ROUNDS,
      concurrency: CONCURRENCY,
      oursP50Ms: o.p50Ms,
      oursP99Ms: o.p99Ms,
      oursThroughputPerSec: o.throughputPerSec,
      bareP50Ms: b.p50Ms,
      bareP99Ms: b.p99Ms,
      bareThroughputPerSec: b.throughputPerSec,
      p50Ratio: round(o.p50Ms / b.p50Ms),
      p99Ratio: round(o.p99Ms / b.p99Ms),
      throughputRatio: round(o.throughputPerSec / b.throughputPerSec),
      oursCpuMsPerSubmit: o.cpuMsPerSubmit,
      bareCpuMsPerSubmit: b.cpuMsPerSubmit,
      cpuRatio: round(o.cpuMsPerSubmit / b.cpuMsPerSubmit),
      errors: o.errors + b.errors,
      responseRows: rows,
    };
    process.stdout.write(`  ratios (ours / bare): p50 ${figures.p50Ratio}, p99 ${figures.p99Ratio}, throughput ${figures.throughputRatio}, CPU per submit ${figures.cpuRatio}\n`);
    printFigures(figures);
  } finally {
    for (const server of servers) server.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`submit-latency failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
