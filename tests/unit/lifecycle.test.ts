// Teams Toolkit lifecycle: teamsapp.yml parses, uses known actions, points at files that exist,
// and every placeholder the manifest needs is provided by provision or by env/.env.dev.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

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
