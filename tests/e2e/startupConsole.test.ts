// What a new user sees when the bot starts: no deprecation warning from a dependency (restify's unused spdy printed
// DEP0111 twice), while a deprecation raised later by anything else is still printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServerProcess } from '../support/serverProcess';

const root = path.join(__dirname, '..', '..');

function runNode(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(root, 'tests', 'support', 'tsRequire.js'), '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve(output));
  });
}

describe('the console at start-up', () => {
  it('shows no deprecation warning when the real bot starts', async () => {
    const bot = await startServerProcess();
    try {
      expect(bot.output()).toContain('"event":"listening"');
      expect(bot.output()).not.toContain('DeprecationWarning');
      expect(bot.output()).not.toContain('DEP0111');
    } finally {
      await bot.stop();
    }
  }, 60_000);

  it('still prints a deprecation raised after restify has loaded', async () => {
    const output = await runNode(
      "require('./bot/http/restify'); process.emitWarning('an old call', 'DeprecationWarning', 'DEP_TEST'); setTimeout(() => {}, 50);",
    );
    expect(output).not.toContain('DEP0111');
    expect(output).toContain('[DEP_TEST] DeprecationWarning: an old call');
  }, 30_000);

  it('restify itself, loaded plainly, is what printed the warning', async () => {
    const output = await runNode("require('restify'); setTimeout(() => {}, 50);");
    expect(output).toContain('DEP0111');
  }, 30_000);
});
