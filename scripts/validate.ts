// `npm run validate [-- --env local|dev]`: checks the Teams app package (manifest against the bundled official schema,
// icons, commands) with the placeholders of env/.env.<env> filled, then writes and checks
// appPackage/build/appPackage.<env>.zip, the file to upload in Teams or the Developer Portal. Exits 1 on any problem.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { checkAppPackage, readEnvFile } from './appPackage';
import { projectRoot } from '../bot/projectRoot';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--env');
  const environment = at >= 0 ? args[at + 1] : 'local';
  if (!environment || !/^[a-z0-9-]+$/.test(environment)) {
    process.stderr.write('Name the environment after --env, e.g. npm run validate -- --env dev (its values are read from env/.env.dev).\n');
    process.exitCode = 2;
    return;
  }
  const root = projectRoot();
  const envFile = path.join(root, 'env', `.env.${environment}`);
  if (!existsSync(envFile)) {
    process.stderr.write(`There is no env/.env.${environment}; the environments here are local and dev.\n`);
    process.exitCode = 2;
    return;
  }
  const report = await checkAppPackage({ dir: path.join(root, 'appPackage'), values: readEnvFile(envFile), zipPath: path.join(root, 'appPackage', 'build', `appPackage.${environment}.zip`) });
  for (const check of report.checks) {
    process.stdout.write(`${check.ok ? '✓' : '✗'} ${check.name}${check.note ? ` (${check.note})` : ''}\n`);
    for (const problem of check.problems) process.stdout.write(`    ${problem}\n`);
  }
  process.stdout.write(report.ok ? `\nThe app package is valid: ${path.relative(root, report.zipPath ?? '')}\n` : '\nThe app package has problems (above).\n');
  process.exitCode = report.ok ? 0 : 1;
}

void main();
