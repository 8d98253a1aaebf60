// Starts Azurite (tables, queues, blobs) as a child process on free local ports, for `npm start` and the tests.
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
 */
const WATCHDOG = [
  "const entry = process.argv[1];",
  "process.argv = [process.argv[0], entry, ...process.argv.slice(2)];",
  "const stop = () => { process.kill(process.pid, 'SIGINT'); setTimeout(() => process.exit(0), 5000).unref(); };",
  "process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();",
  "require(entry);",
].join('\n');

export interface EmbeddedAzurite {
  readonly connectionString: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** A folder to keep data in; omit to keep everything in memory. */
  readonly location?: string;
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
  const [blobPort, queuePort, tablePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const entry = path.join(options.projectRoot, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
  const storageArgs = options.location ? ['--location', options.location] : ['--inMemoryPersistence'];
  if (options.location) mkdirSync(options.location, { recursive: true });
  const child = spawn(
    process.execPath,
    ['-e', WATCHDOG, entry, ...storageArgs, '--disableTelemetry', '--silent', '--skipApiVersionCheck', '--loose',
      '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
      '--blobPort', String(blobPort), '--queuePort', String(queuePort), '--tablePort', String(tablePort)],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = whenReady(child, exited, () => stderr, { blobPort, queuePort, tablePort });
  // A caller that gives up before awaiting `ready` (it failed first) must not see an unhandled rejection.
  ready.catch(() => undefined);
  return { ready };
}

async function whenReady(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
  ports: { blobPort: number; queuePort: number; tablePort: number },
): Promise<EmbeddedAzurite> {
  const { blobPort, queuePort, tablePort } = ports;
  try {
    await Promise.race([
      Promise.all([waitForPort(tablePort, 20_000, 'Azurite'), waitForPort(queuePort, 20_000, 'Azurite')]),
      exited.then((code) => {
        throw new Error(`Azurite exited with code ${code} before it was ready: ${stderr().trim() || 'no output'}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blobPort}/${ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT};` +
      `TableEndpoint=http://127.0.0.1:${tablePort}/${ACCOUNT};`,
    pid: child.pid ?? -1,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
