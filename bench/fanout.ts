// Benchmark: 10,000 proactive sends through the real queue, ledger, rate limiter and botbuilder edge (in `npm run worker`
// processes) to a local Bot Connector stand-in that enforces Teams' limits and injects 2% 502s; then the same with the
// worker killed mid-run and a new one started. Last line: one JSON object of figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NETWORK_PROMPT_JOB, type NetworkPromptPayload } from '../bot/features/networks/jobs/networkPrompt';
import { projectRoot } from '../bot/projectRoot';
import { FANOUT_POISON_QUEUE, FANOUT_QUEUE, FanoutProducer, type FanoutTarget } from '../bot/platform/messaging/fanout';
import { CONVERSATION_WINDOWS } from '../bot/platform/messaging/rateLimiter';
import { RunRepository, SEND_RUNS_TABLE } from '../bot/platform/messaging/runRepository';
import { SEND_LEDGER_TABLE } from '../bot/platform/messaging/sendLedger';
import { SEND_CONTROL_TABLE } from '../bot/platform/messaging/throttleStore';
import { createStorageAccount } from '../bot/platform/storage/account';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { odata } from '../bot/platform/storage/account';
import { cpuMsOf, round, seeded } from './support';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 10_000);
const FAILURE_RATE = 0.02;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_ID = '28:00000000-0000-0000-0000-00000000b07a';
const PREFIX = 'bench';
const VISIBILITY_SECONDS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const out = (line: string) => process.stdout.write(`${line}\n`);


interface StandIn {
  readonly serviceUrl: string;
  /** Successful deliveries per conversation id. */
  readonly delivered: Map<string, number>;
  readonly counters: { requests: number; ok: number; injected502: number; appLimited429: number; conversationLimited429: number };
  firstAt: number;
  lastOkAt: number;
  reset(): void;
  close(): Promise<void>;
}

/** The Bot Connector stand-in: a token bucket of R per second per app, Teams' per-conversation windows, 2% 502s. */
async function startStandIn(rate: number): Promise<StandIn> {
  // Seeded, so the 2% of 502s fall the same way run to run.
  const random = seeded(20251103);
  let tokens = rate;
  let refilledAt = performance.now();
  const perConversation = new Map<string, number[]>();
  const state: StandIn = {
    serviceUrl: '',
    delivered: new Map(),
    counters: { requests: 0, ok: 0, injected502: 0, appLimited429: 0, conversationLimited429: 0 },
    firstAt: 0,
    lastOkAt: 0,
    reset() {
      this.delivered.clear();
      Object.assign(this.counters, { requests: 0, ok: 0, injected502: 0, appLimited429: 0, conversationLimited429: 0 });
      this.firstAt = 0;
      this.lastOkAt = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      state.counters.requests += 1;
      if (state.firstAt === 0) state.firstAt = now;
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return answer(res, 404, { error: { code: 'NotFound' } });
      const conversationId = decodeURIComponent(match[1] as string);
      // Per app: a bucket of R tokens refilled at R per second.
      tokens = Math.min(rate, tokens + ((now - refilledAt) / 1000) * rate);
      refilledAt = now;
      if (tokens < 1) {
        state.counters.appLimited429 += 1;
        return answer(res, 429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
      }
      tokens -= 1;
      // Per conversation: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1,800 per hour.
      const times = perConversation.get(conversationId) ?? [];
      for (const [windowMs, limit] of CONVERSATION_WINDOWS) {
        if (times.filter((t) => t > now - windowMs).length >= limit) {
          state.counters.conversationLimited429 += 1;
          return answer(res, 429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '1' });
        }
      }
      times.push(now);
      perConversation.set(conversationId, times);
      if (random() < FAILURE_RATE) {
        state.counters.injected502 += 1;
        return answer(res, 502, { error: { code: 'BadGateway' } });
      }
      state.counters.ok += 1;
      state.lastOkAt = now;
      state.delivered.set(conversationId, (state.delivered.get(conversationId) ?? 0) + 1);
      return answer(res, 200, { id: `activity-${state.counters.ok}` });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
}

function startWorker(root: string, connectionString: string): ChildProcess {
  const child = spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'dist', 'bot', 'worker.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      MicrosoftAppId: '',
      BOT_ID: '',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      STORAGE_PREFIX: PREFIX,
      PROACTIVE_RATE_PER_SECOND: String(RATE),
      PROACTIVE_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '128',
      PROACTIVE_VISIBILITY_SECONDS: String(VISIBILITY_SECONDS),
      SCHEDULER_INTERVAL_SECONDS: '3600',
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

function targetsFor(label: string, serviceUrl: string): FanoutTarget[] {
  return Array.from({ length: TARGETS }, (_, i) => {
    const conversationId = `19:bench-${label}-${i}@thread.v2`;
    return {
      targetId: conversationId,
      tenantId: TENANT,
      conversationId,
      reference: { bot: { id: BOT_ID, name: 'Link Programme' }, conversation: { id: conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true }, channelId: 'msteams', serviceUrl },
    };
  });
}

const payload: NetworkPromptPayload = {
  networkId: 'bench',
  network: 'Benchmark network',
  promptId: 'focus',
  style: 'question',
  halfTerm: 'Autumn 2 2025/26',
  title: 'A new half-term',
  text: 'What will you focus on this half-term? Reply in this thread so the network can see it.',
};

function tally(standIn: StandIn, targets: readonly FanoutTarget[]) {
  let lost = 0;
  let duplicated = 0;
  for (const t of targets) {
    const n = standIn.delivered.get(t.conversationId) ?? 0;
    if (n === 0) lost += 1;
    if (n > 1) duplicated += n - 1;
  }
  return { sent: targets.length - lost, lost, duplicated };
}

async function waitForDelivery(standIn: StandIn, targets: readonly FanoutTarget[], timeoutMs: number, until?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const done = targets.filter((t) => standIn.delivered.has(t.conversationId)).length;
    if (until?.() || done >= targets.length || Date.now() > deadline) return;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      out(`  ... ${done} of ${targets.length} delivered`);
    }
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const root = projectRoot();
  // Azurite at its fastest for this load: tables in memory, the queue on disk (see `queueLocation`: in memory, its
  // clean-up of spent messages stalls it for seconds at a time once thousands have passed).
  const location = mkdtempSync(path.join(tmpdir(), 'fanout-bench-'));
  const azurite = await startAzurite({ projectRoot: root, queueLocation: location });
  const standIn = await startStandIn(RATE);
  const storage = createStorageAccount(azurite.connectionString, PREFIX);
  await storage.ensure([SEND_RUNS_TABLE, SEND_LEDGER_TABLE, SEND_CONTROL_TABLE], [FANOUT_QUEUE, FANOUT_POISON_QUEUE]);
  const runs = new RunRepository(storage);
  // Azurite scans every stored message to delete one (Azure Storage does not), so the run is fed in as it drains.
  const producer = new FanoutProducer(storage, runs, { concurrency: Number(process.env.BENCH_PRODUCER_CONCURRENCY ?? 16), maxQueueDepth: Number(process.env.BENCH_QUEUE_DEPTH ?? 250) });
  const workers: ChildProcess[] = [];
  try {
    out(`fanout bench: ${TARGETS} targets, rate R = ${RATE}/s, stand-in enforcing R per app and Teams' per-conversation windows, ${FAILURE_RATE * 100}% 502s`);

    // Baseline: how fast this machine's local queue service (Azurite) alone takes and deletes one message per
    // target, with no sending and no ledger; the sender cannot beat it, whatever R is.
    const baselineQueue = storage.queue('fanout-baseline');
    await baselineQueue.createIfNotExists();
    const baselineCount = Math.min(TARGETS, Number(process.env.BENCH_QUEUE_DEPTH ?? 250));
    await Promise.all(Array.from({ length: 32 }, async (_, w) => {
      for (let i = w; i < baselineCount; i += 32) await baselineQueue.sendMessage(JSON.stringify({ i }));
    }));
    const drainStarted = performance.now();
    let drained = 0;
    while (drained < baselineCount) {
      const batches = await Promise.all(Array.from({ length: 4 }, () => baselineQueue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 })));
      const items = batches.flatMap((b) => b.receivedMessageItems);
      if (items.length === 0) break;
      await Promise.all(items.map((m) => baselineQueue.deleteMessage(m.messageId, m.popReceipt)));
      drained += items.length;
    }
    const queueDrainPerSecond = drained / ((performance.now() - drainStarted) / 1000);
    await baselineQueue.delete();
    out(`baseline: the local queue service takes and deletes ${queueDrainPerSecond.toFixed(0)} messages/s on this machine (no sending, no ledger)`);

    // Run 1: one worker, no crash.
    const first = targetsFor('a', standIn.serviceUrl);
    const worker1 = startWorker(root, azurite.connectionString);
    workers.push(worker1);
    // Where the CPU goes per message sent: the two Azurite processes, the worker, and this process (producer + stand-in).
    const [queuePid, tablePid] = azurite.pids as [number, number];
    const processes = { queue: queuePid, tables: tablePid, worker: worker1.pid ?? -1, benchAndStandIn: process.pid };
    const cpuBefore = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMsOf(pid)]));
    const enqueueStarted = Date.now();
    await producer.start({ tenantId: TENANT, runId: 'bench:a', kind: NETWORK_PROMPT_JOB, label: 'bench a', ownerId: 'bench', dueAt: new Date(), targets: first, payload }, new Date());
    const enqueueSeconds = (Date.now() - enqueueStarted) / 1000;
    out(`  enqueued ${TARGETS} (one queue message each, fed in as the queue drains) in ${enqueueSeconds.toFixed(1)} s`);
    await waitForDelivery(standIn, first, 10 * 60_000);
    await sleep(2000); // anything late (a duplicate) would arrive now
    const seconds = (standIn.lastOkAt - standIn.firstAt) / 1000;
    const achieved = standIn.counters.ok / seconds;
    const run1 = { ...tally(standIn, first), seconds, achieved, counters: { ...standIn.counters } };
    const cpuMsPerSend = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, round((cpuMsOf(pid) - (cpuBefore[name] as number)) / Math.max(1, run1.counters.ok), 3)]));
    await stopWorker(worker1, 'SIGTERM');
    out(`run 1: ${run1.sent} sent, ${run1.lost} lost, ${run1.duplicated} duplicated in ${seconds.toFixed(1)} s: ${achieved.toFixed(1)}/s = ${(achieved / RATE).toFixed(3)} of R`);
    out(`  CPU per message sent (ms): ${Object.entries(cpuMsPerSend).map(([name, ms]) => `${name} ${ms}`).join(', ')}`);
    out(`  stand-in: ${run1.counters.requests} requests, ${run1.counters.injected502} injected 502s, ${run1.counters.appLimited429} per-app 429s, ${run1.counters.conversationLimited429} per-conversation 429s`);

    // Run 2: kill the worker (SIGKILL, no clean-up) half-way, then start a new one.
    standIn.reset();
    const second = targetsFor('b', standIn.serviceUrl);
    const worker2 = startWorker(root, azurite.connectionString);
    workers.push(worker2);
    const feeding = producer.start({ tenantId: TENANT, runId: 'bench:b', kind: NETWORK_PROMPT_JOB, label: 'bench b', ownerId: 'bench', dueAt: new Date(), targets: second, payload }, new Date());
    await waitForDelivery(standIn, second, 10 * 60_000, () => standIn.counters.ok >= TARGETS / 2);
    await stopWorker(worker2, 'SIGKILL');
    const atCrash = standIn.counters.ok;
    let inFlight = 0;
    for await (const _row of storage.table(SEND_LEDGER_TABLE).listEntities({ queryOptions: { filter: odata`PartitionKey eq 'bench:b' and status eq 'sending'`, select: ['status'] } })) inFlight += 1;
    out(`run 2: worker killed after ${atCrash} deliveries with ${inFlight} sends in flight (ledger rows in "sending"); starting a new worker`);
    const worker3 = startWorker(root, azurite.connectionString);
    workers.push(worker3);
    await feeding;
    await waitForDelivery(standIn, second, 10 * 60_000);
    await sleep(2000);
    const run2 = tally(standIn, second);
    await stopWorker(worker3, 'SIGTERM');
    out(`run 2: ${run2.sent} sent, ${run2.lost} lost, ${run2.duplicated} duplicated (at most ${inFlight} allowed: the sends in flight at the crash)`);

    const figures = {
      bench: 'fanout',
      rate: RATE,
      targets: TARGETS,
      seconds: Number(run1.seconds.toFixed(1)),
      enqueueSeconds: Number(enqueueSeconds.toFixed(1)),
      achievedPerSecond: Number(run1.achieved.toFixed(1)),
      achievedOverRate: Number((run1.achieved / RATE).toFixed(3)),
      queueDrainPerSecond: Number(queueDrainPerSecond.toFixed(1)),
      achievedOverQueueDrain: Number((run1.achieved / queueDrainPerSecond).toFixed(3)),
      cpuMsPerSend,
      sent: run1.sent,
      lost: run1.lost,
      duplicated: run1.duplicated,
      injected502: run1.counters.injected502,
      throttled429: run1.counters.appLimited429 + run1.counters.conversationLimited429,
      crashSent: run2.sent,
      crashLost: run2.lost,
      crashDuplicated: run2.duplicated,
      inFlight,
    };
    out(JSON.stringify(figures));
  } finally {
    for (const worker of workers) await stopWorker(worker, 'SIGKILL');
    await standIn.close();
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fanout bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
