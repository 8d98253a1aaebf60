// `.localConfigs`, what the Teams Toolkit's local debug (F5) writes for the bot: read beneath the environment, each bad
// line named by file and line, and never read in production or by `npm run dev`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { NO_LOCAL_CONFIGS_FLAG, parseLocalConfigs, readLocalConfigs, withLocalConfigs } from '../../bot/localConfigs';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const OTHER_ID = '99999999-8888-4777-8666-555555555555';

/** What teamsapp.local.yml's file/createOrUpdateEnvironmentFile step writes. */
const written = `BOT_ID=${BOT_ID}\nBOT_PASSWORD=s3cr~et.value_1\nMicrosoftAppType=MultiTenant\nPUBLIC_BASE_URL=https://abcd-3978.uks1.devtunnels.ms\n`;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('.localConfigs', () => {
  it('gives the bot the app id, password and public address the Toolkit wrote', () => {
    const { env, origins } = withLocalConfigs({}, parseLocalConfigs(written));
    const config = loadConfig(env, origins);
    expect(config).toMatchObject({ MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 's3cr~et.value_1', PUBLIC_BASE_URL: 'https://abcd-3978.uks1.devtunnels.ms', localMode: false });
  });

  it('lets a variable set in the environment win over the file, even under its other name', () => {
    const local = parseLocalConfigs(written);
    const { env } = withLocalConfigs({ BOT_PASSWORD: 'from-the-shell', MicrosoftAppId: OTHER_ID, PUBLIC_BASE_URL: '' }, local);
    const config = loadConfig(env);
    expect(config.MicrosoftAppPassword).toBe('from-the-shell');
    expect(config.MicrosoftAppId).toBe(OTHER_ID);
    // Set to nothing in the environment is still set there: the file's address is not used.
    expect(config.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('reads comments, blank lines, Windows line ends and quoted values', () => {
    const local = parseLocalConfigs(`# written by teamsapp\r\n\r\nBOT_ID="${BOT_ID}"\r\nBOT_PASSWORD='a b#c'\r\nBOT_DOMAIN=\r\n`);
    expect(local.values).toEqual({ BOT_ID, BOT_PASSWORD: 'a b#c', BOT_DOMAIN: '' });
  });

  it('refuses a malformed line, naming the file, the line and what to do', () => {
    const problems = problemsOf(() => parseLocalConfigs(`BOT_ID=${BOT_ID}\nthis is not a setting\nBOT_PASSWORD="unclosed\nBOT_ID=${OTHER_ID}\n`));
    expect(problems).toEqual([
      expect.stringMatching(/^\.localConfigs, line 2: is not NAME=value .*delete the file/),
      expect.stringMatching(/^\.localConfigs, line 3: has a value that opens a quote and does not close it/),
      '.localConfigs, line 4: BOT_ID is already set on line 1 (keep one of them)',
    ]);
    expect(new ConfigError(problems).message).toContain('The bot cannot start because its configuration is not valid');
  });

  it('names the line of a value the schema refuses', () => {
    const { env, origins } = withLocalConfigs({}, parseLocalConfigs(`BOT_ID=not-a-guid\nBOT_PASSWORD=x\n`));
    expect(problemsOf(() => loadConfig(env, origins))).toEqual([expect.stringMatching(/^MicrosoftAppId: must be the bot's Microsoft App ID \(a GUID\) \[set in \.localConfigs, line 1\]/)]);
  });

  describe('reading the file', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'localconfigs-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('is read from the project folder when it is there, and its absence is not an error', () => {
      expect(readLocalConfigs(root, {}, [])).toBeUndefined();
      writeFileSync(path.join(root, '.localConfigs'), written);
      expect(readLocalConfigs(root, {}, [])?.values.BOT_ID).toBe(BOT_ID);
    });

    it('is not read in production, nor by npm run dev (the Playground needs local mode)', () => {
      writeFileSync(path.join(root, '.localConfigs'), written);
      expect(readLocalConfigs(root, { NODE_ENV: 'production' }, [])).toBeUndefined();
      expect(readLocalConfigs(root, {}, ['node', 'bot/index.ts', NO_LOCAL_CONFIGS_FLAG])).toBeUndefined();
    });
  });
});
