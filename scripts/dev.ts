// `npm run dev`: the bot (with embedded Azurite) plus the Microsoft 365 Agents Playground pointed at it,
// so a person can chat with the bot in a Teams-like page with no tenant. Ctrl-C stops everything.
// It runs the TypeScript as it is (tsx, with tsconfig.dev.json) instead of type-checking and building first, so a start
// takes seconds; `npm test` and `npm start` still type-check. The bot's JSON log lines are shown through pino-pretty
// here only: `npm start` (production) keeps writing JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pretty from 'pino-pretty';
import { waitForHttpOk } from '../bot/platform/net';
import { NO_LOCAL_CONFIGS_FLAG } from '../bot/localConfigs';
import { projectRoot } from '../bot/projectRoot';
import { playgroundLaunch } from './playground';
import { installInPlayground } from './playgroundInstall';

const root = projectRoot(__dirname);
const port = process.env.PORT || '3978';
const playgroundPort = process.env.PLAYGROUND_PORT || '56150';
// The current user in .m365agentsplayground.yml, so coordinator commands can be tried at once.
const playgroundCoordinator = 'a1e0c0de-0000-4000-8000-000000000020';
const startedAt = performance.now();

/**
 * How a child runs our code: from source through tsx's hooks when this script itself runs from source
 * (`npm run dev`), from dist/ when it was built (`node dist/scripts/dev.js`).
 */
const fromSource = __filename.endsWith('.ts');
// The bot needs tsx's ESM hook too (start-up loads the app with a dynamic import()); the Playground's loopback
// preload is one CommonJS file, so the require hook alone is enough there.
const runner = fromSource ? ['--import', 'tsx'] : [];
const preloads = fromSource ? [require.resolve('tsx/cjs')] : [];
const ourFile = (folder: string, name: string): string => (fromSource ? path.join(root, folder, `${name}.ts`) : path.join(root, 'dist', folder, `${name}.js`));
const childEnv: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.dev.json') };

const children: ChildProcess[] = [];
let stopping = false;

/** One progress line, with the seconds since `npm run dev` started, so a slow step shows where the time goes. */
function progress(message: string): void {
  process.stdout.write(`[dev ${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${message}\n`);
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  setTimeout(() => process.exit(code), 3000).unref();
  // Waiting for an exit never rejects; the timer above is the fallback if a child hangs.
  void Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve()))).then(() => process.exit(code));
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv, prettyLogs: boolean): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', prettyLogs ? 'pipe' : 'inherit', 'inherit'] });
  // pino-pretty writes to this process's stdout itself; lines that are not JSON pass through unchanged.
  if (prettyLogs) child.stdout?.pipe(pretty({ colorize: process.stdout.isTTY, singleLine: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' }));
  children.push(child);
  child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`\n${name} stopped (exit code ${code ?? 'none'}); stopping the rest.\n`);
      stopAll(code ?? 1);
    }
  });
  return child;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  progress('starting the bot and its storage (embedded Azurite)…');
  // --demo-data: the bot loads the Riverbend demo area into empty storage (DEMO_DATA=false turns it off); its network's
  // prompts go to this Playground's Bot Connector. --no-local-configs: the Playground needs the bot in local mode, so
  // the app id and password F5 (teamsapp.local.yml) wrote to .localConfigs are not read here.
  start('The bot', [...runner, ourFile('bot', 'index'), `--demo-data=http://127.0.0.1:${playgroundPort}/_connector`, NO_LOCAL_CONFIGS_FLAG], {
    ...childEnv,
    PORT: port,
    COORDINATOR_IDS: process.env.COORDINATOR_IDS ?? playgroundCoordinator,
  }, true);
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, 100);
  progress(`the bot is ready at http://127.0.0.1:${port}/api/messages; starting the Agents Playground…`);
  // The Playground has no host option: the preload keeps it on 127.0.0.1 (PLAYGROUND_HOST to choose another address).
  const playground = playgroundLaunch(root, playgroundPort, `http://127.0.0.1:${port}/api/messages`, [...preloads, ourFile('scripts', 'loopbackOnly')]);
  start('The Agents Playground', playground.args, { ...childEnv, ...playground.env }, false);
  // The Playground sends no install for its team or group chat, so team commands would ask for a reinstall: send them.
  const playgroundBase = `http://127.0.0.1:${playgroundPort}`;
  await waitForHttpOk(`${playgroundBase}/_internal/v1/config`, 60_000, 100);
  progress("installing the app in the Playground's team, group chat and your 1:1 chat…");
  await installInPlayground(playgroundBase);
  progress('ready');
  process.stdout.write(`\nLink Programme bot: http://127.0.0.1:${port}/api/messages\nOpen the Agents Playground: http://127.0.0.1:${playgroundPort}\n(Ctrl-C stops the bot, its storage and the Playground.)\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
