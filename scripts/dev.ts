// `npm run dev`: the bot (with embedded Azurite) plus the Microsoft 365 Agents Playground pointed at it,
// so a person can chat with the bot in a Teams-like page with no tenant. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitForHttpOk } from '../bot/platform/net';
import { playgroundLaunch } from './playground';
import { installInPlayground } from './playgroundInstall';

const root = path.resolve(__dirname, '..', '..');
const port = process.env.PORT || '3978';
const playgroundPort = process.env.PLAYGROUND_PORT || '56150';
// The current user in .m365agentsplayground.yml, so coordinator commands can be tried at once.
const playgroundCoordinator = 'a1e0c0de-0000-4000-8000-000000000020';

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  setTimeout(() => process.exit(code), 3000).unref();
  // Waiting for an exit never rejects; the timer above is the fallback if a child hangs.
  void Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve()))).then(() => process.exit(code));
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
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
  // --demo-data: the bot loads the Riverbend demo area into empty storage (DEMO_DATA=false turns it off); its network's
  // prompts go to this Playground's Bot Connector.
  start('The bot', process.execPath, [path.join(root, 'dist', 'bot', 'index.js'), `--demo-data=http://127.0.0.1:${playgroundPort}/_connector`], {
    ...process.env,
    PORT: port,
    COORDINATOR_IDS: process.env.COORDINATOR_IDS ?? playgroundCoordinator,
  });
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`, 60_000, 200);
  // The Playground has no host option: the preload keeps it on 127.0.0.1 (PLAYGROUND_HOST to choose another address).
  const playground = playgroundLaunch(root, playgroundPort, `http://127.0.0.1:${port}/api/messages`, [path.join(__dirname, 'loopbackOnly.js')]);
  start('The Agents Playground', process.execPath, playground.args, playground.env);
  // The Playground sends no install for its team or group chat, so team commands would ask for a reinstall: send them.
  const playgroundBase = `http://127.0.0.1:${playgroundPort}`;
  await waitForHttpOk(`${playgroundBase}/_internal/v1/config`, 60_000, 200);
  await installInPlayground(playgroundBase);
  process.stdout.write(`\nLink Programme bot: http://127.0.0.1:${port}/api/messages\nOpen the Agents Playground: http://127.0.0.1:${playgroundPort}\n(Ctrl-C stops the bot, its storage and the Playground.)\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
