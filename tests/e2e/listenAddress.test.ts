// Where the real bot process listens: loopback only in local mode (nothing is authenticated there), every interface
// when HOST says so; the address served is logged at start.
import { nonLoopbackAddress, refusesConnections } from '../support/addresses';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

function listeningLine(bot: ServerProcess): Record<string, unknown> | undefined {
  return bot
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.event === 'listening');
}

describe('the address the bot listens on', () => {
  it('is 127.0.0.1 only in local mode, and the log says so', async () => {
    const bot = await startServerProcess();
    try {
      const port = Number(new URL(bot.url).port);
      expect(listeningLine(bot)).toMatchObject({ address: '127.0.0.1', port, msg: `bot listening on 127.0.0.1 only, port ${port}` });
      expect(await refusesConnections('127.0.0.1', port)).toBe(false);
      expect(await refusesConnections(nonLoopbackAddress(), port)).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 60_000);

  it('is every interface when HOST=0.0.0.0, and the log says so', async () => {
    const bot = await startServerProcess({ HOST: '0.0.0.0' });
    try {
      const port = Number(new URL(bot.url).port);
      expect(listeningLine(bot)).toMatchObject({ address: '0.0.0.0', port, msg: `bot listening on every interface, port ${port}` });
      const health = await fetch(`http://${nonLoopbackAddress()}:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
