// The real bot (`bot/index.ts`, as `npm start` runs it) in a child process on a free port, against the tests' Azurite:
// for tests that must show the process itself survives what a request does to it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testConnectionString, uniquePrefix } from './storage';

const root = path.join(__dirname, '..', '..');

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout and stderr so far. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** `args` go after the entry point, as `npm run dev` passes `--demo-data`. */
export async function startServerProcess(env: Record<string, string> = {}, timeoutMs = 60_000, args: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'tsRequire.js'), path.join(root, 'bot', 'index.ts'), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
      STORAGE_PREFIX: uniquePrefix(),
      BACKGROUND_IN_PROCESS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The bot did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const listening = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { event?: string; url?: string })
        .find((line) => line.event === 'listening');
      if (listening?.url) {
        clearTimeout(timer);
        resolve(new URL(listening.url).origin);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The bot exited (code ${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
