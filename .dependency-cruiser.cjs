// The layer rules of LAYOUT.md as machine checks: `npm run boundaries` (and so `npm test`) fails on any import that breaks one.
//
// Paths are relative to the repository root. Only the bot's own code is held to the layers (`bot/`): tests, bench and
// scripts stand outside the app and may reach into it (a bench drives the botbuilder adapter directly, a test opens a
// repository), so they are cruised for cycles only.

const path = require('node:path');

/**
 * Packages a `domain/` file may import: pure computation, no I/O, no clock, no network, no SDK. Each entry is matched
 * against the resolved path under node_modules/ (a package, or one module of it).
 */
const PURE_PACKAGES = [
  // zod: parsing untrusted input is the domain's own business (schemas live beside the types they check).
  'zod/',
  // luxon: date arithmetic in Europe/London; the domain passes `now` in and never calls DateTime.now().
  'luxon/',
  // minisearch: an in-memory index over strings handed in (contact search, typo guard); it reads no file.
  'minisearch/',
  // csv-parse/sync and csv-stringify/sync: the synchronous string-to-rows forms only, not the stream APIs.
  'csv-parse/lib/sync\\.',
  'csv-stringify/lib/sync\\.',
];

/** Node built-ins a `domain/` file may import: `crypto` for deterministic hashes and HMACs (createHash, createHmac). */
const PURE_NODE_MODULES = ['crypto'];

/** The SDKs that speak Bot Framework / Teams; only the edge may know them. */
const BOT_SDK = '(botbuilder|botbuilder-[^/]+|botframework-[^/]+|@microsoft/teamsfx)(/|$)';

const DOMAIN = '^bot/(domain|features/[^/]+/domain)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-feature',
      comment:
        'bot/platform/ is what features stand on; if it imported a feature, the feature could not be changed or ' +
        'removed without touching the platform, and the imports would run back up (LAYOUT.md, VS Code workbench ' +
        'model: the core never imports a contribution). Pass what the platform needs in from app.ts instead.',
      severity: 'error',
      from: { path: '^bot/platform/' },
      to: { path: '^bot/features/' },
    },
    {
      name: 'routing-imports-no-feature',
      comment:
        'bot/routing/ is what every feature registers with (defineFeature, the route table, the dispatcher); if it ' +
        'imported a feature, that feature and routing would sit in a folder-level loop. A feature contributes to ' +
        'dispatch through its manifest instead (e.g. safeguarding gives tooLongText), and shared names such as the ' +
        'roles live in bot/domain/.',
      severity: 'error',
      from: { path: '^bot/routing/' },
      to: { path: '^bot/features/' },
    },
    {
      name: 'feature-imports-feature-only-through-index',
      comment:
        "A feature may use another feature only through what that feature exports on purpose, its index.ts; " +
        "reaching into another feature's repository, cards or domain ties the two together so that neither can " +
        'change its internals alone. Export what is needed from the index, or move it to bot/domain/ or platform/.',
      severity: 'error',
      from: { path: '^bot/features/([^/]+)/' },
      to: {
        path: '^bot/features/[^/]+/',
        pathNot: ['^bot/features/$1/', '^bot/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'outside-imports-feature-only-through-index-or-manifest',
      comment:
        'Code outside the features (routing, edge, http, the app) sees a feature only through what it exports on ' +
        'purpose: its manifest (feature.ts, folded by app.ts through bot/features/index.ts) or its index.ts. ' +
        'Exception, narrowly: bot/migrations/ moves stored rows across several features\' tables at start-up, so it ' +
        'opens their repositories (a migration is about storage layout, not a feature\'s behaviour). bot/platform/ is ' +
        'left to platform-imports-no-feature, which forbids even the index.',
      severity: 'error',
      from: { path: '^bot/', pathNot: ['^bot/features/[^/]+/', '^bot/migrations/', '^bot/platform/'] },
      to: {
        path: '^bot/features/[^/]+/',
        pathNot: '^bot/features/[^/]+/(index|feature)\\.ts$',
      },
    },
    {
      name: 'domain-imports-no-outer-layer',
      comment:
        'domain/ folders are pure logic (no I/O, time passed in), testable without storage, Graph or Teams. They may ' +
        'import other domain/ code, bot/events.ts (plain event types, zod only) and bot/errors.ts, and nothing from ' +
        'the layers that do I/O or wiring: platform/, edge/, routing/, http/, migrations/, or the top-level app ' +
        'modules (app, config, logger, server, startup, index, worker, background).',
      severity: 'error',
      from: { path: DOMAIN },
      to: {
        path: [
          '^bot/(platform|edge|routing|http|migrations)/',
          '^bot/(app|config|logger|server|startup|index|worker|background|projectRoot)\\.ts$',
        ],
      },
    },
    {
      name: 'domain-imports-no-feature-outside-domain',
      comment:
        "A domain/ file may not import its feature's repositories, flows or handlers (they do I/O), nor another " +
        "feature at all: only domain/ code. Move the shared pure function into a domain/ folder.",
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^bot/features/', pathNot: '^bot/features/[^/]+/domain/' },
    },
    {
      name: 'domain-imports-only-pure-packages',
      comment:
        'domain/ code may import only the pure packages listed in PURE_PACKAGES / PURE_NODE_MODULES at the top of ' +
        'this file (zod, luxon, minisearch, csv-parse/sync, csv-stringify/sync, node:crypto). Anything else (an SDK, ' +
        'a storage client, fs, http, a logger) is I/O and belongs in a repository, flow or platform service.',
      severity: 'error',
      from: { path: DOMAIN },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'core'],
        pathNot: [
          `(^|/)node_modules/(${PURE_PACKAGES.join('|')})`,
          `^(node:)?(${PURE_NODE_MODULES.join('|')})$`,
        ],
      },
    },
    {
      name: 'only-edge-imports-bot-sdk',
      comment:
        'Handlers are handle(input, services) and never see a TurnContext; botbuilder, botframework-* and ' +
        '@microsoft/teamsfx are imported only in bot/edge/, which turns activities into plain events (bot/events.ts). ' +
        'The path matches both a resolved package (node_modules/...) and, should it not resolve, the bare name.',
      severity: 'error',
      from: { path: '^bot/', pathNot: '^bot/edge/' },
      to: { path: [`(^|/)node_modules/${BOT_SDK}`, `^${BOT_SDK}`] },
    },
    {
      name: 'no-circular',
      comment:
        'An import cycle makes load order matter (a value is undefined at import time), and means two modules ' +
        'cannot be understood or changed apart. Break it by moving the shared piece down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency; tsc would say so too, but say it here.',
      severity: 'error',
      from: { path: '^bot/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    // Absolute, so the test can cruise its fixture tree (tests/fixtures/boundaries/) with the same configuration.
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    // Resolve like TypeScript/Node: package "exports" (minisearch/SearchableMap) and the .ts/.json extensions.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      mainFields: ['main', 'types'],
    },
    skipAnalysisNotInRules: true,
    cache: false,
  },
};
