// Who loads the demo area: `npm run dev` (the bot started with --demo-data) into empty storage, unless DEMO_DATA=false;
// `npm start` never, whatever DEMO_DATA says. The real entry point in a child process, storage read back afterwards.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ContactRepository } from '../../bot/features/contacts/contactRepository';
import { DEMO_AREA, PLAYGROUND } from '../../bot/features/demo';
import { createLogger } from '../../bot/logger';
import { createStorageAccount } from '../../bot/platform/storage/account';
import { startServerProcess } from '../support/serverProcess';
import { testConnectionString, uniquePrefix } from '../support/storage';

const root = path.join(__dirname, '..', '..');
/** What scripts/dev.ts passes the bot with the Playground on its default port. */
const DEV_FLAG = '--demo-data=http://127.0.0.1:56150/_connector';

/** The demo's directory areas in the storage a bot process used, after it has started. */
async function demoAreasAfterStart(env: Record<string, string>, args: readonly string[], output: string[] = []): Promise<string[]> {
  const prefix = uniquePrefix();
  const bot = await startServerProcess({ ...env, STORAGE_PREFIX: prefix }, 60_000, args);
  try {
    const contacts = new ContactRepository(createStorageAccount(testConnectionString(), prefix), createLogger('silent'));
    return (await contacts.areas(PLAYGROUND.tenantId)).map((area) => area.id);
  } finally {
    await bot.stop();
    output.push(bot.output());
  }
}

describe('the demo area at start', () => {
  it('is loaded by `npm run dev` and never by `npm start`: only scripts/dev.ts passes --demo-data', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).not.toContain('--demo-data');
    expect(scripts.start).toContain('dist/bot/index.js');
    expect(scripts.dev).toContain('scripts/dev.ts');
    expect(readFileSync(path.join(root, 'scripts', 'dev.ts'), 'utf8')).toContain('`--demo-data=http://127.0.0.1:${playgroundPort}/_connector`');
  });

  it('loads into empty storage when the bot starts as `npm run dev` starts it', async () => {
    expect(await demoAreasAfterStart({}, [DEV_FLAG])).toEqual([DEMO_AREA.id]);
  }, 90_000);

  it('is not loaded with DEMO_DATA=false, nor as `npm start` starts the bot even with DEMO_DATA=true', async () => {
    expect(await demoAreasAfterStart({ DEMO_DATA: 'false' }, [DEV_FLAG])).toEqual([]);
    expect(await demoAreasAfterStart({ DEMO_DATA: 'true' }, [])).toEqual([]);
  }, 120_000);

  it('says why and starts anyway when the flag carries no Playground address', async () => {
    const output: string[] = [];
    expect(await demoAreasAfterStart({}, ['--demo-data=not-an-address'], output)).toEqual([]);
    expect(output.join('')).toContain("demo area not loaded: --demo-data= needs the Agents Playground's connector URL");
  }, 90_000);

  it('sits in the Playground as .m365agentsplayground.yml sets it up (tenant, team, channel, group chat, users)', () => {
    const playground = parse(readFileSync(path.join(root, '.m365agentsplayground.yml'), 'utf8')) as {
      tenantId: string;
      bot: { id: string; name: string };
      currentUser: { aadObjectId: string; email: string; name: string };
      users: { aadObjectId: string; email: string; name: string }[];
      groupChat: { id: string };
      team: { id: string; name: string; aadGroupId: string; channels: { id: string }[] };
    };
    expect(PLAYGROUND.tenantId).toBe(playground.tenantId);
    expect(PLAYGROUND.bot).toEqual(playground.bot);
    expect(PLAYGROUND.team).toEqual({ id: playground.team.id, name: playground.team.name, aadGroupId: playground.team.aadGroupId });
    expect(playground.team.channels.map((channel) => channel.id)).toContain(PLAYGROUND.cohortChannel);
    expect(PLAYGROUND.groupChat).toBe(playground.groupChat.id);
    const people = [playground.currentUser, ...playground.users].map(({ name, email, aadObjectId }) => ({ name, email, aadObjectId }));
    expect(PLAYGROUND.users).toEqual(people);
  });
});
