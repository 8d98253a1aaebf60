// Teams Toolkit lifecycle: teamsapp.yml parses, uses known actions, points at files that exist,
// and every placeholder the manifest needs is provided by provision or by env/.env.dev; the F5 profile in .vscode fits
// teamsapp.local.yml and the bot's settings.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../bot/config';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Lifecycle {
  version: string;
  provision: Step[];
  deploy: Step[];
}

const knownActions = new Set([
  'teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update',
  'teamsApp/publishAppPackage', 'arm/deploy', 'botAadApp/create', 'botFramework/create', 'cli/runNpmCommand',
  'azureAppService/zipDeploy', 'file/createOrUpdateEnvironmentFile',
]);

function envFile(file: string): Record<string, string> {
  return Object.fromEntries(
    read(file)
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s', (file) => {
  const lifecycle = parse(read(file)) as Lifecycle;

  it('uses only Teams Toolkit actions that exist', () => {
    const used = [...lifecycle.provision, ...lifecycle.deploy].map((step) => step.uses);
    expect(used.filter((action) => !knownActions.has(action))).toEqual([]);
  });

  it('points at files that exist', () => {
    const paths = JSON.stringify(lifecycle)
      .match(/"\.\/(infra|appPackage)\/[^"$]+"/g)!
      .map((p) => p.slice(3, -1))
      .filter((p) => !p.startsWith('appPackage/build'));
    for (const p of paths) expect({ path: p, exists: existsSync(path.join(root, p)) }).toEqual({ path: p, exists: true });
  });
});

describe('placeholders', () => {
  it('are all filled for the dev environment by env/.env.dev, provision or the Bicep outputs', () => {
    const lifecycle = parse(read('teamsapp.yml')) as Lifecycle;
    const written = lifecycle.provision.flatMap((step) => Object.values(step.writeToEnvironmentFile ?? {}));
    const outputs = [...read('infra/azure.bicep').matchAll(/^output (\w+)/gm)].map((m) => m[1]);
    const provided = new Set([...Object.keys(envFile('env/.env.dev')), ...written, ...outputs]);
    const needed = [read('appPackage/manifest.json'), read('infra/azure.parameters.json')]
      .flatMap((text) => [...text.matchAll(/\$\{\{([A-Z_]+)\}\}/g)].map((m) => m[1] as string))
      .filter((name) => !name.startsWith('SECRET_'));
    expect([...new Set(needed)].filter((name) => !provided.has(name))).toEqual([]);
  });
});

describe('F5 in a real tenant (.vscode, teamsapp.local.yml, .localConfigs)', () => {
  interface Task {
    label: string;
    type?: string;
    command?: string;
    dependsOn?: string[];
    args?: { env?: string; ports?: { portNumber: number; writeToEnvironmentFile?: Record<string, string> }[] };
  }
  const tasks = (JSON.parse(read('.vscode/tasks.json')) as { tasks: Task[] }).tasks;
  const task = (label: string): Task => {
    const found = tasks.find((t) => t.label === label);
    if (!found) throw new Error(`no task "${label}" in .vscode/tasks.json`);
    return found;
  };
  const launch = JSON.parse(read('.vscode/launch.json')) as {
    configurations: { name: string; port?: number; url?: string }[];
    compounds: { name: string; configurations: string[]; preLaunchTask: string }[];
  };
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('runs the Toolkit profile in order: prerequisites, tunnel, provision, deploy, then the bot', () => {
    const all = task('Start Teams App Locally');
    expect(all.dependsOn).toEqual(['Validate prerequisites', 'Start local tunnel', 'Provision', 'Deploy', 'Start application']);
    for (const label of all.dependsOn ?? []) task(label);
    expect([task('Provision'), task('Deploy')].map((t) => [t.type, t.command, t.args?.env])).toEqual([['teamsfx', 'provision', 'local'], ['teamsfx', 'deploy', 'local']]);
  });

  it("opens the dev tunnel on the bot's port and writes the address the bot registration points at", () => {
    const tunnel = task('Start local tunnel');
    expect(tunnel.command).toBe('debug-start-local-tunnel');
    const port = tunnel.args?.ports?.[0];
    expect(port?.portNumber).toBe(loadConfig({}).PORT);
    expect(port?.writeToEnvironmentFile).toEqual({ endpoint: 'BOT_ENDPOINT', domain: 'BOT_DOMAIN' });
    expect(read('teamsapp.local.yml')).toContain('messagingEndpoint: ${{BOT_ENDPOINT}}/api/messages');
  });

  it('starts the bot with the debugger on the port the launch profile attaches to, and opens Teams with the local app', () => {
    const script = /^npm run (\S+)$/.exec(task('Start bot').command ?? '')?.[1];
    expect(script).toBeDefined();
    const inspectPort = Number(/--inspect=(\d+)/.exec(scripts[script!] ?? '')?.[1]);
    expect(launch.configurations.find((c) => c.name === 'Attach to the bot')?.port).toBe(inspectPort);
    for (const compound of launch.compounds) {
      expect(compound.preLaunchTask).toBe('Start Teams App Locally');
      for (const name of compound.configurations) expect(launch.configurations.map((c) => c.name)).toContain(name);
      const browser = launch.configurations.find((c) => compound.configurations.includes(c.name) && c.url);
      expect(browser?.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/app\/\$\{\{local:TEAMS_APP_ID\}\}\?installAppPackage=true/);
    }
  });

  it('writes to .localConfigs only settings the bot reads, from values provision or env/.env.local provide', () => {
    const lifecycle = parse(read('teamsapp.local.yml')) as Lifecycle;
    const step = lifecycle.deploy.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile');
    expect(step?.with?.target).toBe('./.localConfigs');
    const envs = step?.with?.envs as Record<string, string>;
    const readByBot = new Set([...CONFIG_VARIABLES, 'BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID']);
    expect(Object.keys(envs).filter((name) => !readByBot.has(name))).toEqual([]);
    const written = lifecycle.provision.flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {}));
    const provided = new Set([...Object.keys(envFile('env/.env.local')), ...written]);
    const needed = Object.values(envs).flatMap((value) => [...String(value).matchAll(/\$\{\{([A-Z_]+)\}\}/g)].map((m) => m[1] as string));
    expect(needed.filter((name) => !provided.has(name))).toEqual([]);
  });

  it('names one Teams Toolkit CLI, teamsapp, in the yml files, env files and README', () => {
    const texts = ['teamsapp.yml', 'teamsapp.local.yml', 'env/.env.dev', 'env/.env.local', 'README.md'].map(read).join('\n');
    expect(texts).toMatch(/`teamsapp provision --env local`/);
    expect(texts).not.toMatch(/\batk\b/);
  });
});
