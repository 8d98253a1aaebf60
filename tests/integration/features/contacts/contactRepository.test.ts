// The versioned directory on real Azurite: replacements are all or nothing, readers never see a mix of versions, and
// each tenant's directories are its own.
import type { Contact } from '../../../../bot/features/contacts/domain/contacts';
import { AppError } from '../../../../bot/errors';
import { CONTACTS_TABLE, ContactRepository, directoryPartition } from '../../../../bot/features/contacts/contactRepository';
import { odata } from '../../../../bot/platform/storage/account';
import { captureLogs } from '../../../support/logs';
import { testStorage } from '../../../support/storage';

function directory(prefix: string, count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    serviceName: `${prefix} service ${i}`,
    kind: 'voluntary-sector',
    needs: ['anxiety'],
    ageMin: 5,
    ageMax: 18,
    whoCanRefer: ['school'],
    howToRefer: 'Phone us',
    phone: '0161 000 0000',
    email: '',
    web: '',
    openingHours: '',
    notes: '',
    lastVerified: '2026-01-01',
  }));
}

const area = { id: 'salford', name: 'Salford' };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const now = new Date('2026-11-23T10:00:00Z');

async function setUp() {
  const storage = await testStorage([CONTACTS_TABLE]);
  return { storage, repository: new ContactRepository(storage, captureLogs().logger) };
}

async function rowCount(storage: Awaited<ReturnType<typeof setUp>>['storage'], tenantId = TENANT): Promise<number> {
  let rows = 0;
  const filter = odata`PartitionKey eq ${directoryPartition(tenantId, 'salford')}`;
  for await (const entity of storage.table(CONTACTS_TABLE).listEntities({ queryOptions: { filter } })) {
    if (entity.rowKey !== 'area') rows += 1;
  }
  return rows;
}

describe('the contacts table', () => {
  it('replaces a large directory (over 100 rows) and removes the old version', async () => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, area, directory('old', 250), { version: 'v1', importedBy: 'me', now });
    const first = await repository.load(TENANT, 'salford');
    expect(first?.contacts).toHaveLength(250);
    await repository.replace(TENANT, area, directory('new', 120), { version: 'v2', importedBy: 'me', now, expectedEtag: first?.etag, previousVersion: first?.version });
    const second = await repository.load(TENANT, 'salford');
    expect(second?.contacts.map((c) => c.id).every((id) => id.startsWith('new-'))).toBe(true);
    expect(second?.contacts).toHaveLength(120);
    expect(await rowCount(storage)).toBe(120);
    expect(await repository.areas(TENANT)).toEqual([area]);
  });

  it.each([30, 150])('refuses a replacement of %i rows based on an out-of-date version and leaves nothing behind', async (count) => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, area, directory('old', 10), { version: 'v1', importedBy: 'me', now });
    const seen = await repository.load(TENANT, 'salford');
    await repository.replace(TENANT, area, directory('other', 10), { version: 'v2', importedBy: 'someone else', now, expectedEtag: seen?.etag, previousVersion: 'v1' });
    const late = repository.replace(TENANT, area, directory('late', count), { version: 'v3', importedBy: 'me', now, expectedEtag: seen?.etag, previousVersion: 'v1' });
    await expect(late).rejects.toBeInstanceOf(AppError);
    await expect(late).rejects.toMatchObject({ code: 'conflict' });
    const current = await repository.load(TENANT, 'salford');
    expect(current?.contacts.map((c) => c.id)).toEqual(directory('other', 10).map((c) => c.id).sort());
    expect(await rowCount(storage)).toBe(10);
  });

  it('refuses to create an area directory twice at once', async () => {
    const { repository } = await setUp();
    await repository.replace(TENANT, area, directory('a', 5), { version: 'v1', importedBy: 'me', now });
    await expect(repository.replace(TENANT, area, directory('b', 5), { version: 'v2', importedBy: 'me', now })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never shows a reader a mix of two versions while a large import lands', async () => {
    const { repository } = await setUp();
    await repository.replace(TENANT, area, directory('old', 150), { version: 'v1', importedBy: 'me', now });
    const first = await repository.load(TENANT, 'salford');
    let done = false;
    const replacing = repository
      .replace(TENANT, area, directory('new', 300), { version: 'v2', importedBy: 'me', now, expectedEtag: first?.etag, previousVersion: 'v1' })
      .finally(() => {
        done = true;
      });
    const seen: string[] = [];
    while (!done) {
      const current = await repository.load(TENANT, 'salford');
      const prefixes = new Set(current?.contacts.map((c) => c.id.split('-')[0]));
      expect(prefixes.size).toBe(1);
      expect(current?.contacts.length).toBe(prefixes.has('old') ? 150 : 300);
      seen.push([...prefixes][0]!);
    }
    await replacing;
    expect((await repository.load(TENANT, 'salford'))?.contacts).toHaveLength(300);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('has no directory for an area never imported', async () => {
    const { repository } = await setUp();
    expect(await repository.load(TENANT, 'nowhere')).toBeUndefined();
    expect(await repository.pointer(TENANT, 'nowhere')).toBeUndefined();
    expect(await repository.areas(TENANT)).toEqual([]);
  });

  it('keeps two tenants\' directories for an area of the same name apart', async () => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, area, directory('ours', 5), { version: 'v1', importedBy: 'me', now });
    expect(await repository.load(OTHER_TENANT, 'salford')).toBeUndefined();
    expect(await repository.areas(OTHER_TENANT)).toEqual([]);
    // The other tenant's first import of "Salford" is a new directory, not a replacement of ours.
    await repository.replace(OTHER_TENANT, { id: 'salford', name: 'SALFORD' }, directory('theirs', 3), { version: 'v2', importedBy: 'them', now });
    expect((await repository.load(TENANT, 'salford'))?.contacts.map((c) => c.id.split('-')[0])).toEqual(Array(5).fill('ours'));
    expect((await repository.load(OTHER_TENANT, 'salford'))?.contacts.map((c) => c.id.split('-')[0])).toEqual(Array(3).fill('theirs'));
    expect(await repository.areas(TENANT)).toEqual([area]);
    expect(await repository.areas(OTHER_TENANT)).toEqual([{ id: 'salford', name: 'SALFORD' }]);
    expect(await rowCount(storage, TENANT)).toBe(5);
    expect(await rowCount(storage, OTHER_TENANT)).toBe(3);
  });
});
