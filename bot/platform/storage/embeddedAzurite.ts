// Starts Azurite (queues and tables) as child processes on free local ports, for `npm start` and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitForPort } from '../net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ACCOUNT = 'devstoreaccount1';
// Azurite's published development key: not a secret.
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Runs Azurite's own entry point, but first ties its life to ours: stdin is a pipe from the parent, and it closes
 * whenever the parent goes (even on SIGKILL or a crash), so Azurite then shuts itself down instead of lingering.
 * "shutdown" is the message both Azurite services answer by saving and closing their stores, on every platform
 * (a signal on Windows ends the process without that).
 */
const WATCHDOG = [
  "const entry = process.argv[1];",
  "process.argv = [process.argv[0], entry, ...process.argv.slice(2)];",
  "const stop = () => { process.emit('message', 'shutdown'); setTimeout(() => process.exit(0), 5000).unref(); };",
  "process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();",
  "require(entry);",
].join('\n');

export interface EmbeddedAzurite {
  readonly connectionString: string;
  /** The queue and table service processes. */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** A folder to keep data in; omit to keep everything in memory. */
  readonly location?: string;
  /**
   * A folder for queue data alone, tables staying in memory (the fan-out bench). In memory, Azurite keeps each queued
   * message as its own extent and every minute deletes the spent ones with a linear search each, which stalls it for
   * seconds once thousands of messages have passed; on disk messages share extent files.
   */
  readonly queueLocation?: string;
  readonly projectRoot: string;
}

export async function startAzurite(options: AzuriteOptions): Promise<EmbeddedAzurite> {
  return (await launchAzurite(options)).ready;
}

/**
 * Spawns Azurite and resolves as soon as the process exists, with `ready` for when it accepts connections,
 * so a caller can do other start-up work (loading modules) while Azurite boots.
 */
export async function launchAzurite(options: AzuriteOptions): Promise<{ readonly ready: Promise<EmbeddedAzurite> }> {
  // Queues and tables run as two processes, so a busy queue (a fan-out) and busy tables (the send ledger, answers)
  // each get a core instead of sharing one event loop. The bot uses no blobs, so that service is not started.
  const [queue, table] = await Promise.all([spawnService('queue', options), spawnService('table', options)]);
  const ready = (async (): Promise<EmbeddedAzurite> => {
    try {
      await Promise.all([queue.ready, table.ready]);
    } catch (error) {
      queue.child.kill('SIGKILL');
      table.child.kill('SIGKILL');
      throw error;
    }
    return {
      connectionString:
        `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
        `QueueEndpoint=http://127.0.0.1:${queue.port}/${ACCOUNT};TableEndpoint=http://127.0.0.1:${table.port}/${ACCOUNT};`,
      pids: [queue.child.pid ?? -1, table.child.pid ?? -1],
      stop: async () => {
        await Promise.all([stopChild(queue), stopChild(table)]);
      },
    };
  })();
  // A caller that gives up before awaiting `ready` (it failed first) must not see an unhandled rejection.
  ready.catch(() => undefined);
  return { ready };
}

interface SpawnedService {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<number | null>;
  /** Resolves when Azurite reports its stores closed. */
  readonly closed: Promise<void>;
  readonly ready: Promise<void>;
}

async function spawnService(service: 'queue' | 'table', options: AzuriteOptions): Promise<SpawnedService> {
  const port = await freePort();
  const entry = path.join(options.projectRoot, 'node_modules', 'azurite', 'dist', 'src', service, 'main.js');
  const location = service === 'queue' ? (options.queueLocation ?? options.location) : options.location;
  if (location) mkdirSync(location, { recursive: true });
  const storageArgs = location ? ['--location', location] : ['--inMemoryPersistence'];
  const child = spawn(
    process.execPath,
    ['-e', WATCHDOG, entry, ...storageArgs, '--disableTelemetry', '--silent', '--skipApiVersionCheck', '--loose',
      `--${service}Host`, '127.0.0.1', `--${service}Port`, String(port)],
    // Its own process group: Ctrl-C in a terminal reaches only the bot, which then stops Azurite after its own last
    // writes (queued sends recorded, heartbeat removed) instead of losing storage under them. The stdin watchdog still
    // ends it if the bot dies. (On Windows a detached child would get a console window of its own: hidden.)
    { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], detached: true, windowsHide: true },
  );
  // Azurite says when it has closed its stores (data saved); its process may linger after that on idle connections.
  const closed = new Promise<void>((resolve) => {
    let tail = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-200);
      if (tail.includes('successfully closed')) resolve();
    });
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = Promise.race([
    waitForPort(port, 20_000, `Azurite ${service}`),
    exited.then((code) => {
      throw new Error(`Azurite's ${service} service exited with code ${code} before it was ready: ${stderr.trim() || 'no output'}`);
    }),
  ]);
  ready.catch(() => undefined);
  return { child, port, exited, closed, ready };
}

/**
 * Asks Azurite to shut down ("shutdown", which it answers by saving and closing its stores; the table service ignores
 * SIGTERM's clean-up); once it says it has closed, or after 5 s, whatever is left of the process is killed.
 */
async function stopChild({ child, exited, closed }: SpawnedService): Promise<void> {
  // A function, not an inline test: the process can end while we wait, which a narrowed property would hide.
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  if (!running()) return;
  if (child.connected) child.send('shutdown');
  else child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
  clearTimeout(timer);
  if (running()) child.kill('SIGKILL');
  await exited;
}
