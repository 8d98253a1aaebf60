// The layer rules in .dependency-cruiser.cjs catch each kind of bad import (on a fixture tree) and the real bot passes them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const root = path.join(__dirname, '..', '..');
const config = path.join(root, '.dependency-cruiser.cjs');
const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const fixtureRoot = path.join(root, 'tests', 'fixtures', 'boundaries');

const cruiseResult = z.object({
  summary: z.object({
    totalCruised: z.number(),
    violations: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        unresolvedTo: z.string().optional(),
        dependencyTypes: z.array(z.string()).optional(),
        rule: z.object({ name: z.string(), severity: z.string() }),
      }),
    ),
  }),
});
type CruiseResult = z.infer<typeof cruiseResult>;

/** Runs the depcruise CLI as `npm run boundaries` does; it exits non-zero on a violation, so read its JSON either way. */
function cruise(cwd: string, targets: string[]): Promise<CruiseResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...targets, '--config', config, '--output-type', 'json'],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (stdout.trim() === '') {
          reject(new Error(`depcruise printed nothing (${error?.message ?? 'no error'}): ${stderr}`));
          return;
        }
        resolve(cruiseResult.parse(JSON.parse(stdout)));
      },
    );
  });
}

/** "rule: from -> to", naming a package (or Node built-in) by what the code imports rather than where it resolved. */
function describeViolations(result: CruiseResult): string[] {
  return result.summary.violations
    .map((v) => {
      const external = (v.dependencyTypes ?? []).some((type) => type === 'core' || type.startsWith('npm'));
      return `${v.rule.name}: ${v.from} -> ${external && v.unresolvedTo !== undefined ? v.unresolvedTo : v.to}`;
    })
    .sort();
}

const scripts = z
  .object({ scripts: z.object({ boundaries: z.string(), test: z.string() }) })
  .parse(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))).scripts;

describe('layer rules (dependency-cruiser)', () => {
  // The folders `npm run boundaries` cruises: "depcruise bot scripts bench --config ...".
  const words = scripts.boundaries.split(/\s+/);
  const targets = words.slice(1, words.indexOf('--config'));
  let fixture: CruiseResult;
  let real: CruiseResult;

  beforeAll(async () => {
    // Both cruises at once: about 3 s on an idle machine (mostly starting Node and parsing TypeScript); the timeout
    // allows for the rest of the suite sharing two cores with them.
    [fixture, real] = await Promise.all([cruise(fixtureRoot, ['bot']), cruise(root, targets)]);
  }, 120_000);

  it('catches each kind of bad import in the fixture tree, and only those', () => {
    expect(describeViolations(fixture)).toEqual(
      [
        // bot/platform/ reaching into a feature.
        'platform-imports-no-feature: bot/platform/leaky.ts -> bot/features/alpha/feature.ts',
        // Code outside the features using a feature's internals (its index.ts is fine, and app.ts may fold its feature.ts).
        'outside-imports-feature-only-through-index-or-manifest: bot/edge/usesFeature.ts -> bot/features/beta/internal.ts',
        // Routing using a feature at all: every feature registers with routing, so that would be a folder-level loop.
        'routing-imports-no-feature: bot/routing/dispatch.ts -> bot/features/beta/index.ts',
        // One feature using another's internals (its index.ts is fine); a domain file too.
        'feature-imports-feature-only-through-index: bot/features/alpha/feature.ts -> bot/features/beta/internal.ts',
        'feature-imports-feature-only-through-index: bot/features/alpha/domain/pure.ts -> bot/features/beta/domain/rule.ts',
        // A domain file importing the platform, its own repository, fs, csv-parse's stream API and a storage SDK
        // (zod, luxon, node:crypto, csv-parse/sync and bot/domain/ are fine).
        'domain-imports-no-outer-layer: bot/features/alpha/domain/pure.ts -> bot/platform/clock.ts',
        'domain-imports-no-feature-outside-domain: bot/features/alpha/domain/pure.ts -> bot/features/alpha/alphaRepository.ts',
        'domain-imports-only-pure-packages: bot/features/alpha/domain/pure.ts -> fs',
        'domain-imports-only-pure-packages: bot/features/alpha/domain/pure.ts -> @azure/data-tables',
        'domain-imports-only-pure-packages: bot/features/alpha/domain/pure.ts -> csv-parse',
        // The bot SDK outside bot/edge/ (bot/edge/adapter.ts imports it too, and that is fine).
        'only-edge-imports-bot-sdk: bot/features/alpha/handler.ts -> botbuilder',
        'only-edge-imports-bot-sdk: bot/features/alpha/handler.ts -> botframework-schema',
        // An import that resolves to nothing.
        'not-to-unresolvable: bot/features/beta/typo.js -> ./doesNotExist',
        // An import cycle.
        'no-circular: bot/features/beta/ping.ts -> bot/features/beta/pong.ts',
      ].sort(),
    );
    expect(fixture.summary.violations.every((v) => v.rule.severity === 'error')).toBe(true);
  });

  it('finds no violation in the real bot, scripts and bench (what `npm run boundaries` checks)', () => {
    expect(targets).toEqual(['bot', 'scripts', 'bench']);
    expect(describeViolations(real)).toEqual([]);
    // It looked at the real tree, not at an empty selection.
    expect(real.summary.totalCruised).toBeGreaterThan(300);
  });

  it('runs in `npm test` before jest', () => {
    expect(scripts.test).toMatch(/npm run boundaries && .*jest/);
  });
});
