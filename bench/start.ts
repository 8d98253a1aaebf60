// bench:start — cold start: from launching the bot (embedded Azurite included, fresh data folder each run)
// to a 200 from /healthz. Baseline in the same run: a bare Node HTTP server answering 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, median, printFigures, round, waitFor200 } from './support';
import { at } from '../bot/domain/indexed';

const lastOf = (runs: readonly number[]): number => at(runs, runs.length - 1, 'start-up runs');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(__dirname, '..', '..');

async function timeToHealthy(command: string, args: string[], env: NodeJS.ProcessEnv, url: (port: number) => string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so that stopping it is what Ctrl-C in a terminal does: SIGINT to the whole group.
  const child: ChildProcess = spawn(command, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    return await waitFor200(url(port), started, 60_000);
  } finally {
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
  }
}

async function main(): Promise<void> {
  const bot: number[] = [];
  const npmStart: number[] = [];
  const baseline: number[] = [];
  const bare = `require('node:http').createServer((q, s) => { s.writeHead(200); s.end('ok'); }).listen(Number(process.env.PORT), '127.0.0.1'); process.on('SIGINT', () => process.exit(0));`;
  for (let run = 1; run <= RUNS; run++) {
    const data = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
    const env = { AZURE_STORAGE_CONNECTION_STRING: '', AZURITE_LOCATION: path.join(data, 'azurite'), LOG_LEVEL: 'warn' };
    try {
      baseline.push(await timeToHealthy(process.execPath, ['-e', bare], {}, (port) => `http://127.0.0.1:${port}/`));
      bot.push(await timeToHealthy(process.execPath, [path.join(root, 'dist', 'bot', 'index.js')], env, (port) => `http://127.0.0.1:${port}/healthz`));
      rmSync(data, { recursive: true, force: true });
      npmStart.push(await timeToHealthy('npm', ['start', '--silent'], env, (port) => `http://127.0.0.1:${port}/healthz`));
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
    process.stdout.write(`run ${run}/${RUNS}: bare node ${round(lastOf(baseline), 0)} ms, bot ${round(lastOf(bot), 0)} ms, npm start ${round(lastOf(npmStart), 0)} ms\n`);
  }
  const figures = {
    bench: 'start',
    runs: RUNS,
    medianMs: round(median(bot), 0),
    npmStartMedianMs: round(median(npmStart), 0),
    baselineMedianMs: round(median(baseline), 0),
    overBaseline: round(median(bot) / median(baseline), 1),
  };
  process.stdout.write(
    `median cold start to a healthy /healthz: ${figures.medianMs} ms for the bot with embedded Azurite (${figures.overBaseline}x a bare Node server's ${figures.baselineMedianMs} ms); ${figures.npmStartMedianMs} ms through \`npm start\` (incremental type-check and build included)\n`,
  );
  printFigures(figures);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
