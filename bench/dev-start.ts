// bench:dev-start — a warm `npm run dev`: from launching it to the "Open the Agents Playground" line (bot, embedded
// Azurite, demo area checked, Playground up, the app installed in its conversations). Baseline in the same run: the
// way `npm run dev` started before, an incremental type-check build first (`tsc -p tsconfig.build.json`, nothing
// changed) and then the built dist/scripts/dev.js. The target: under 10 s on a warm machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, median, printFigures, round } from './support';
import { at } from '../bot/domain/indexed';
import { projectRoot } from '../bot/projectRoot';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = projectRoot(__dirname);
const READY_LINE = 'Open the Agents Playground';

/** Milliseconds from spawning `command` to its READY_LINE; then stops its whole process group as Ctrl-C would. */
async function timeToPlayground(command: string, args: string[], azurite: string): Promise<number> {
  const env = { ...process.env, PORT: String(await freePort()), PLAYGROUND_PORT: String(await freePort()), AZURITE_LOCATION: azurite, LOG_LEVEL: 'warn' };
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${READY_LINE}" line within 120 s:\n${output}`)), 120_000);
      const look = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${command} ${args.join(' ')} exited (code ${code}) before "${READY_LINE}":\n${output}`));
      });
    });
  } finally {
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
  }
}

async function main(): Promise<void> {
  const dev: number[] = [];
  const buildFirst: number[] = [];
  // One storage folder for every run, loaded with the demo area by a first start that is not counted: "warm".
  const data = mkdtempSync(path.join(tmpdir(), 'bench-dev-start-'));
  const azurite = path.join(data, 'azurite');
  const buildFirstArgs = ['-c', `${JSON.stringify(process.execPath)} node_modules/typescript/bin/tsc -p tsconfig.build.json && exec ${JSON.stringify(process.execPath)} dist/scripts/dev.js`];
  try {
    await timeToPlayground('npm', ['run', 'dev', '--silent'], azurite);
    await timeToPlayground('sh', buildFirstArgs, azurite);
    for (let run = 1; run <= RUNS; run++) {
      dev.push(await timeToPlayground('npm', ['run', 'dev', '--silent'], azurite));
      buildFirst.push(await timeToPlayground('sh', buildFirstArgs, azurite));
      process.stdout.write(`run ${run}/${RUNS}: npm run dev ${round(at(dev, run - 1, 'dev runs'), 0)} ms, build first ${round(at(buildFirst, run - 1, 'build-first runs'), 0)} ms\n`);
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
  const figures = {
    bench: 'dev-start',
    runs: RUNS,
    medianMs: round(median(dev), 0),
    buildFirstMedianMs: round(median(buildFirst), 0),
    ofBuildFirst: round(median(dev) / median(buildFirst), 2),
    targetMs: 10_000,
    underTarget: median(dev) < 10_000,
  };
  process.stdout.write(
    `median warm start to "${READY_LINE}": ${figures.medianMs} ms with npm run dev (tsx), ${figures.buildFirstMedianMs} ms building first (${figures.ofBuildFirst} of it); target under 10,000 ms\n`,
  );
  printFigures(figures);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
