// The start-up move of rows stored before records were kept per tenant, on real Azurite: old rows are visible to their
// tenant afterwards and to no other, a second run changes nothing, an interrupted run is finished by the next one, and
// with two tenants nothing is guessed.
import path from 'node:path';
import { loadConfig } from '../../../bot/config';
import { readQuery } from '../../../bot/features/contacts/domain/contactSearch';
import { ContactDirectory } from '../../../bot/features/contacts/directory';
import { InstallationRepository } from '../../../bot/platform/conversations/installationRepository';
import type { StorageAccount } from '../../../bot/platform/storage/account';
import { CONTACTS_TABLE, ContactRepository } from '../../../bot/features/contacts/contactRepository';
import { CohortRepository } from '../../../bot/features/cohorts/cohortRepository';
import { SURVEY_RUNS_TABLE, SurveyRunRepository } from '../../../bot/features/surveys/surveyRunRepository';
import { MIGRATION_LEASE_MS, MIGRATION_TABLES, MIGRATIONS_TABLE, migrateToTenantKeys, onlyReachableTenant, type MigrationOptions } from '../../../bot/migrations/tenantScopingMigration';
import { loadDefaultUrgentHelp, loadRiskDetector, URGENT_HELP_TABLE, UrgentHelpService } from '../../../bot/features/safeguarding/urgentHelpService';
import { fixtureDirectory } from '../../support/contacts';
import { keysOf, writeLegacyDirectory, writeLegacyOrphanRow, writeLegacySurveyRun, writeLegacyUrgentHelp } from '../../support/legacyRows';
import { captureLogs, type CapturedLogs } from '../../support/logs';
import { testStorage } from '../../support/storage';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const COORDINATOR = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
const NOW = new Date('2026-11-23T10:00:00Z');
const COHORT_ID = 'a1b2c3d4e5f6a1b2c3d4e5f6';
const CHANNEL = '19:cohort-channel@thread.tacv2';
const LINES = [{ name: 'Salford CYPMHS crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }];
const salford = { id: 'salford', name: 'Salford' };
const oldham = { id: 'oldham', name: 'Oldham' };

interface World {
  readonly storage: StorageAccount;
  readonly logs: CapturedLogs;
  readonly contacts: ContactDirectory;
  readonly urgentHelp: UrgentHelpService;
  readonly surveyRuns: SurveyRunRepository;
  options(overrides?: Partial<MigrationOptions>): MigrationOptions;
}

const ROOT = path.join(__dirname, '..', '..', '..');

async function world(): Promise<World> {
  const storage = await testStorage(MIGRATION_TABLES);
  const logs = captureLogs();
  return {
    storage,
    logs,
    contacts: new ContactDirectory(new ContactRepository(storage, logs.logger)),
    urgentHelp: new UrgentHelpService(storage, loadDefaultUrgentHelp(ROOT), loadRiskDetector(ROOT)),
    surveyRuns: new SurveyRunRepository(storage),
    options: (overrides = {}) => ({ storage, logger: logs.logger, clock: { now: () => NOW }, ...overrides }),
  };
}

/** The tenant has used the bot: a coordinator's personal chat is stored under it, as a real install writes it. */
async function installedIn(storage: StorageAccount, tenantId: string, conversationId = `a:1personal-${tenantId}`): Promise<void> {
  await new InstallationRepository(storage).saveActive({
    tenantId,
    conversationId,
    scope: 'personal',
    reference: {
      bot: { id: '28:bot-app-id', name: 'Link Programme' },
      channelId: 'msteams',
      conversation: { id: conversationId, conversationType: 'personal', tenantId },
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      user: { id: '29:1user', aadObjectId: COORDINATOR },
    },
    updated: NOW,
  });
}

/** A deployment as the old code left it: two directories (one with a leftover row), Salford's urgent help, a survey run. */
async function legacyDeployment(storage: StorageAccount): Promise<void> {
  await writeLegacyDirectory(storage, salford, fixtureDirectory('salford.csv'), { version: 'v1', importedBy: COORDINATOR, now: NOW });
  await writeLegacyDirectory(storage, oldham, fixtureDirectory('oldham.json'), { version: 'v7', importedBy: COORDINATOR, now: NOW });
  await writeLegacyOrphanRow(storage, 'salford', 'v0', fixtureDirectory('salford.csv')[0]!);
  await writeLegacyUrgentHelp(storage, 'salford', LINES, COORDINATOR, NOW);
  await writeLegacySurveyRun(storage, { targetId: COHORT_ID, runId: 'run-1', conversationId: CHANNEL, openedAt: NOW, openedBy: COORDINATOR, members: ['AAAA-1'] });
}

async function expectVisibleTo(w: World, tenantId: string): Promise<void> {
  expect((await w.contacts.areas(tenantId)).map((a) => a.name)).toEqual(['Oldham', 'Salford']);
  expect((await w.contacts.searchable(tenantId, 'salford'))?.index.find(readQuery('eating disorder referral'), 1)[0]?.contact.serviceName).toBe(
    'Greater Manchester Eating Disorders Service (Salford)',
  );
  expect((await w.contacts.repository.load(tenantId, 'salford'))?.contacts).toHaveLength(12);
  expect((await w.contacts.repository.load(tenantId, 'oldham'))?.contacts).toHaveLength(6);
  expect((await w.contacts.repository.load(tenantId, 'salford'))?.importedBy).toBe(COORDINATOR);
  expect(await w.urgentHelp.linesFor(tenantId, 'salford')).toEqual({ lines: LINES, local: true });
  expect(await w.surveyRuns.get(tenantId, COHORT_ID, 'run-1')).toMatchObject({ tenantId, targetId: COHORT_ID, members: ['aaaa-1'], conversationId: CHANNEL });
}

async function expectInvisibleTo(w: World, tenantId: string): Promise<void> {
  expect(await w.contacts.areas(tenantId)).toEqual([]);
  expect(await w.contacts.repository.load(tenantId, 'salford')).toBeUndefined();
  expect((await w.urgentHelp.linesFor(tenantId, 'salford')).local).toBe(false);
  expect(await w.surveyRuns.listForTarget(tenantId, COHORT_ID)).toEqual([]);
}

/** True when no row of the old shape is left: every contacts and urgent-help partition has a tenant, every run a tenant column. */
async function legacyRowsLeft(storage: StorageAccount): Promise<number> {
  const contacts = (await keysOf(storage, CONTACTS_TABLE)).filter(([pk]) => !pk.includes('|'));
  const urgent = (await keysOf(storage, URGENT_HELP_TABLE)).filter(([pk]) => !pk.includes('|'));
  let runs = 0;
  for await (const row of storage.table(SURVEY_RUNS_TABLE).listEntities()) if (typeof row.tenantId !== 'string') runs += 1;
  return contacts.length + urgent.length + runs;
}

/** A storage account whose chosen write methods fail (as a lost connection would) after `allowed` calls. */
function failingAfter(storage: StorageAccount, allowed: number): StorageAccount {
  let calls = 0;
  const writes = new Set(['createEntity', 'upsertEntity', 'updateEntity', 'deleteEntity', 'submitTransaction']);
  return {
    ...storage,
    table(name) {
      const client = storage.table(name);
      if (name === MIGRATIONS_TABLE) return client;
      return new Proxy(client, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          if (!writes.has(String(property))) {
            const bound: unknown = value.bind(target);
            return bound;
          }
          return async (...args: unknown[]) => {
            calls += 1;
            if (calls > allowed) throw Object.assign(new Error('connection reset'), { name: 'RestError', statusCode: 503 });
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      });
    },
  };
}

describe('moving rows stored before tenant keys', () => {
  it('gives the old rows to the one tenant the deployment serves, and to no other', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    // Before the move the new code sees nothing: the old rows have no tenant.
    await expectInvisibleTo(w, TENANT);

    const outcome = await migrateToTenantKeys(w.options());
    expect(outcome).toEqual({
      kind: 'done',
      owner: TENANT,
      counts: { directories: 2, contactRows: 18, areaListRows: 0, urgentHelpLists: 1, surveyRuns: 1, keptNewer: 0, leftUnassigned: 0 },
    });
    await expectVisibleTo(w, TENANT);
    await expectInvisibleTo(w, OTHER_TENANT);
    expect(await legacyRowsLeft(w.storage)).toBe(0);
    // Only the current version's rows moved: 12 + 6 contacts, 2 pointers, 2 area list entries; the leftover row went.
    expect(await keysOf(w.storage, CONTACTS_TABLE)).toHaveLength(12 + 6 + 2 + 2);
    const line = w.logs.lines().find((l) => l.event === 'migration.tenant-scoping');
    expect(line).toMatchObject({ level: 'info', owner: TENANT, directories: 2, contactRows: 18, urgentHelpLists: 1, surveyRuns: 1 });
    expect(w.logs.lines().filter((l) => String(l.event).startsWith('migration.'))).toHaveLength(1);
  });

  it('is harmless when run again, by the same or another instance', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    await migrateToTenantKeys(w.options());
    const before = (await keysOf(w.storage, CONTACTS_TABLE)).sort();
    expect(await migrateToTenantKeys(w.options())).toEqual({ kind: 'already-done' });
    expect(await migrateToTenantKeys(w.options({ clock: { now: () => new Date(NOW.getTime() + 86_400_000) } }))).toEqual({ kind: 'already-done' });
    expect((await keysOf(w.storage, CONTACTS_TABLE)).sort()).toEqual(before);
    await expectVisibleTo(w, TENANT);
  });

  it('finishes after a run interrupted at any of its writes', async () => {
    // One case per write the move makes, until a run has room to finish: every point a crash could hit is tried.
    let interrupted = 0;
    for (let allowed = 0; allowed < 100; allowed += 1) {
      const w = await world();
      await legacyDeployment(w.storage);
      await installedIn(w.storage, TENANT);
      const first = await migrateToTenantKeys(w.options({ storage: failingAfter(w.storage, allowed) }));
      if (first.kind === 'done') break;
      interrupted += 1;
      expect(first).toEqual({ kind: 'failed' });
      expect(w.logs.lines().find((l) => l.event === 'migration.tenant-scoping.failed')).toMatchObject({ level: 'error', status: 503 });
      // Nothing is lost half-way: every directory and list is readable in one shape or the other, never in neither.
      const contacts = await keysOf(w.storage, CONTACTS_TABLE);
      for (const area of ['salford', 'oldham']) expect(contacts.some(([pk, rk]) => rk === 'area' && pk.endsWith(area))).toBe(true);
      expect((await keysOf(w.storage, URGENT_HELP_TABLE)).length).toBeGreaterThanOrEqual(1);
      expect((await keysOf(w.storage, SURVEY_RUNS_TABLE)).length).toBeGreaterThanOrEqual(1);

      if (allowed % 2 === 0) {
        // The failed run released its claim, so the next start carries on at once.
        expect((await migrateToTenantKeys(w.options())).kind).toBe('done');
      } else {
        // As if the process had died instead: its claim holds until the lease passes, then the next start takes over.
        await w.storage.table(MIGRATIONS_TABLE).updateEntity({ partitionKey: 'tenant-scoping', rowKey: 'v1', leaseUntil: new Date(NOW.getTime() + MIGRATION_LEASE_MS) }, 'Merge');
        expect(await migrateToTenantKeys(w.options())).toEqual({ kind: 'elsewhere' });
        const later = new Date(NOW.getTime() + MIGRATION_LEASE_MS + 1);
        expect((await migrateToTenantKeys(w.options({ clock: { now: () => later } }))).kind).toBe('done');
      }
      await expectVisibleTo(w, TENANT);
      await expectInvisibleTo(w, OTHER_TENANT);
      expect(await legacyRowsLeft(w.storage)).toBe(0);
      expect(await keysOf(w.storage, CONTACTS_TABLE)).toHaveLength(12 + 6 + 2 + 2);
    }
    expect(interrupted).toBeGreaterThan(10);
  }, 120_000);

  it('leaves a live claim alone and takes over one whose instance died', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    // An instance claimed the move and died before doing anything.
    await w.storage.table(MIGRATIONS_TABLE).createEntity({ partitionKey: 'tenant-scoping', rowKey: 'v1', status: 'running', leaseUntil: new Date(NOW.getTime() + 60_000), owner: '', tenantsSeen: 0, counts: '{}' });
    expect(await migrateToTenantKeys(w.options())).toEqual({ kind: 'elsewhere' });
    await expectInvisibleTo(w, TENANT);
    const afterLease = new Date(NOW.getTime() + 60_000 + 1);
    expect((await migrateToTenantKeys(w.options({ clock: { now: () => afterLease } }))).kind).toBe('done');
    await expectVisibleTo(w, TENANT);
    expect(MIGRATION_LEASE_MS).toBeGreaterThanOrEqual(60_000);
  });

  it('lets two instances starting together move the rows once', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    const outcomes = await Promise.all([migrateToTenantKeys(w.options()), migrateToTenantKeys(w.options())]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'elsewhere']);
    await expectVisibleTo(w, TENANT);
  });

  it('keeps a directory the tenant imported under its own key since the upgrade, and drops the old one', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    await w.contacts.repository.replace(TENANT, { id: 'salford', name: 'Salford' }, fixtureDirectory('salford.csv').slice(0, 3), { version: 'v9', importedBy: 'someone', now: NOW });
    const outcome = await migrateToTenantKeys(w.options());
    expect(outcome).toMatchObject({ kind: 'done', counts: { directories: 1, contactRows: 6, keptNewer: 1 } });
    expect((await w.contacts.repository.load(TENANT, 'salford'))?.contacts).toHaveLength(3);
    expect((await w.contacts.repository.load(TENANT, 'oldham'))?.contacts).toHaveLength(6);
    expect(await legacyRowsLeft(w.storage)).toBe(0);
  });

  it('with two tenants seen guesses nothing: the old rows stay unread, and every start says what to re-import', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    await installedIn(w.storage, TENANT);
    await installedIn(w.storage, OTHER_TENANT);
    const outcome = await migrateToTenantKeys(w.options());
    expect(outcome).toMatchObject({ kind: 'unassigned', tenantsSeen: 2, counts: { directories: 0, urgentHelpLists: 0, surveyRuns: 0 } });
    await expectInvisibleTo(w, TENANT);
    await expectInvisibleTo(w, OTHER_TENANT);
    expect(await legacyRowsLeft(w.storage)).toBeGreaterThan(0);
    const warning = w.logs.lines().find((l) => l.event === 'migration.tenant-scoping.unassigned');
    expect(warning).toMatchObject({ level: 'warn', tenantsSeen: 2 });
    expect(String(warning?.msg)).toContain('contacts import <area>');
    expect(String(warning?.msg)).toContain('contacts urgent-help <area>');

    // Final: a later start warns again and moves nothing, even once only one tenant is left to be seen.
    await new InstallationRepository(w.storage).remove(OTHER_TENANT, `a:1personal-${OTHER_TENANT}`);
    expect((await migrateToTenantKeys(w.options())).kind).toBe('unassigned');
    await expectInvisibleTo(w, TENANT);
    expect(w.logs.lines().filter((l) => l.event === 'migration.tenant-scoping.unassigned')).toHaveLength(2);
  });

  it('with two tenants still places a survey run whose cohort only one of them has', async () => {
    const w = await world();
    await writeLegacySurveyRun(w.storage, { targetId: COHORT_ID, runId: 'run-1', conversationId: CHANNEL, openedAt: NOW, openedBy: COORDINATOR, members: ['AAAA-1'] });
    await installedIn(w.storage, TENANT);
    await installedIn(w.storage, OTHER_TENANT);
    await new CohortRepository(w.storage).insertOrGet({
      tenantId: OTHER_TENANT,
      id: COHORT_ID,
      name: 'Salford 2026',
      areaId: 'salford',
      teamConversationId: '19:team@thread.tacv2',
      teamAadGroupId: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a',
      membershipType: 'standard',
      channelId: CHANNEL,
      members: [],
      status: 'ready',
      createdBy: COORDINATOR,
      created: NOW,
      updated: NOW,
    });
    expect(await migrateToTenantKeys(w.options())).toMatchObject({ kind: 'done', counts: { surveyRuns: 1, leftUnassigned: 0 } });
    expect(await w.surveyRuns.get(OTHER_TENANT, COHORT_ID, 'run-1')).toMatchObject({ tenantId: OTHER_TENANT });
    expect(await w.surveyRuns.get(TENANT, COHORT_ID, 'run-1')).toBeUndefined();
  });

  it('gives the old rows to a single-tenant app\'s own tenant', async () => {
    const w = await world();
    await legacyDeployment(w.storage);
    expect(await migrateToTenantKeys(w.options({ appTenantId: TENANT }))).toMatchObject({ kind: 'done', owner: TENANT });
    await expectVisibleTo(w, TENANT);
  });

  it('gives the old rows to the one tenant a multi-tenant app allows, and to nobody when it allows several', async () => {
    const allowingOne = onlyReachableTenant(loadConfig({ MicrosoftAppType: 'MultiTenant', ALLOWED_TENANT_IDS: TENANT }));
    expect(allowingOne).toBe(TENANT);
    const w = await world();
    await legacyDeployment(w.storage);
    expect(await migrateToTenantKeys(w.options({ appTenantId: allowingOne }))).toMatchObject({ kind: 'done', owner: TENANT });
    await expectVisibleTo(w, TENANT);
    expect(onlyReachableTenant(loadConfig({ MicrosoftAppType: 'MultiTenant', ALLOWED_TENANT_IDS: `${TENANT},${OTHER_TENANT}` }))).toBeUndefined();
    expect(onlyReachableTenant(loadConfig({ MicrosoftAppType: 'MultiTenant' }))).toBeUndefined();
  });

  it('with nothing stored in the old shape only records that it ran', async () => {
    const w = await world();
    await installedIn(w.storage, TENANT);
    await installedIn(w.storage, OTHER_TENANT);
    expect(await migrateToTenantKeys(w.options())).toMatchObject({ kind: 'done', counts: { directories: 0, leftUnassigned: 0 } });
    expect(w.logs.lines().filter((l) => l.level === 'warn')).toEqual([]);
    expect(await migrateToTenantKeys(w.options())).toEqual({ kind: 'already-done' });
  });
});
