// How `npm run dev` starts the Microsoft 365 Agents Playground, shared with its test: on loopback only (through the
// loopbackOnly preload, since the Playground has no host option), pointed at the bot, with telemetry off.
import path from 'node:path';

export interface PlaygroundLaunch {
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/** `preload` is the compiled loopbackOnly.js (or, in tests, the TypeScript with its require hook). */
export function playgroundLaunch(root: string, port: number | string, botEndpoint: string, preload: readonly string[]): PlaygroundLaunch {
  return {
    args: [
      ...preload.flatMap((file) => ['--require', file]),
      path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
      'start',
      '-c',
      'msteams',
      '-p',
      String(port),
      // Replies come back to 127.0.0.1, where the Playground listens, not to "localhost" (which may be ::1 first).
      '--service-url',
      `http://127.0.0.1:${port}/_connector`,
      '--disable-telemetry',
    ],
    env: { ...process.env, BOT_ENDPOINT: botEndpoint, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
  };
}
