// The school register on real Azurite: an import replaces the area's register as one change (a reader sees the old
// register or the new one, never a mix), a lost race changes nothing, a crashed import's rows are cleaned up by the
// next one, LA codes survive imports, and each tenant's areas are its own.
import { AppError } from '../../../../bot/errors';
import type { RegisterEntry } from '../../../../bot/features/schools/domain/register';
import { registerPartition, SCHOOLS_TABLE, SchoolRepository } from '../../../../bot/features/schools/schoolRepository';
import { odata } from '../../../../bot/platform/storage/account';
import { captureLogs } from '../../../support/logs';
import { testStorage } from '../../../support/storage';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const now = new Date('2026-12-03T10:00:00Z');

function register(count: number, name = 'School'): RegisterEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    urn: String(100000 + i),
    name: `${name} ${i}`,
    kind: i % 50 === 49 ? 'service' : 'school',
    phase: i % 2 === 0 ? 'primary' : 'secondary',
    laCode: '894',
    laName: 'Telford and Wrekin',
    ...(i % 7 === 0 ? { proposedToClose: true } : {}),
  }));
}

async function setUp() {
  const storage = await testStorage([SCHOOLS_TABLE]);
  return { storage, repository: new SchoolRepository(storage, captureLogs().logger) };
}

async function rowsIn(storage: Awaited<ReturnType<typeof setUp>>['storage'], partition: string): Promise<number> {
  let rows = 0;
  for await (const _ of storage.table(SCHOOLS_TABLE).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } })) rows += 1;
  return rows;
}

describe('SchoolRepository', () => {
  it('keeps the LA codes set before an import, and the register after', async () => {
    const { repository } = await setUp();
    await repository.setLaCodes(TENANT, 'telford', ['894'], now);
    const area = await repository.area(TENANT, 'telford');
    expect(area).toMatchObject({ id: 'telford', laCodes: ['894'], count: 0 });
    await repository.replace(TENANT, 'telford', register(250), { generation: 'g1', importedBy: 'coordinator', now, expected: area });
    const loaded = await repository.load(TENANT, 'telford');
    expect(loaded?.area).toMatchObject({ laCodes: ['894'], generation: 'g1', count: 250, importedBy: 'coordinator' });
    expect(loaded?.entries).toHaveLength(250);
    expect(loaded?.entries.find((e) => e.urn === '100007')).toEqual({ urn: '100007', name: 'School 7', kind: 'school', phase: 'secondary', laCode: '894', laName: 'Telford and Wrekin', proposedToClose: true });
    await repository.setLaCodes(TENANT, 'telford', ['352', '894'], now);
    expect((await repository.load(TENANT, 'telford'))?.entries).toHaveLength(250);
    expect(await repository.areas(TENANT)).toEqual(['telford']);
  });

  it('replaces the register whole and deletes the old generation', async () => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, 'telford', register(150), { generation: 'g1', importedBy: 'a', now });
    const first = await repository.area(TENANT, 'telford');
    await repository.replace(TENANT, 'telford', register(120, 'Academy'), { generation: 'g2', importedBy: 'b', now, expected: first });
    const loaded = await repository.load(TENANT, 'telford');
    expect(loaded?.entries).toHaveLength(120);
    expect(loaded?.entries.every((e) => e.name.startsWith('Academy'))).toBe(true);
    expect(await rowsIn(storage, registerPartition(TENANT, 'telford'))).toBe(121);
  });

  it('lets a reader during an import see the old register whole, then the new one', async () => {
    const { repository } = await setUp();
    await repository.replace(TENANT, 'telford', register(300, 'Old'), { generation: 'g1', importedBy: 'a', now });
    const expected = await repository.area(TENANT, 'telford');
    const importing = repository.replace(TENANT, 'telford', register(300, 'New'), { generation: 'g2', importedBy: 'b', now, expected });
    const seen: string[] = [];
    let done = false;
    void importing.then(() => (done = true));
    while (!done) {
      const loaded = await repository.load(TENANT, 'telford');
      const names = new Set(loaded?.entries.map((e) => e.name.split(' ')[0]));
      expect(loaded?.entries).toHaveLength(300);
      expect(names.size).toBe(1);
      seen.push([...names][0]!);
    }
    await importing;
    expect(seen[0]).toBe('Old');
    expect((await repository.load(TENANT, 'telford'))?.entries[0]?.name).toMatch(/^New/);
  });

  it('refuses the second of two imports started from the same register, and leaves the winner whole', async () => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, 'telford', register(10), { generation: 'g1', importedBy: 'a', now });
    const expected = await repository.area(TENANT, 'telford');
    await repository.replace(TENANT, 'telford', register(20, 'Winner'), { generation: 'g2', importedBy: 'a', now, expected });
    const late = repository.replace(TENANT, 'telford', register(30, 'Late'), { generation: 'g3', importedBy: 'b', now, expected });
    await expect(late).rejects.toMatchObject({ code: 'conflict' });
    await expect(late).rejects.toBeInstanceOf(AppError);
    const loaded = await repository.load(TENANT, 'telford');
    expect(loaded?.entries).toHaveLength(20);
    expect(await rowsIn(storage, registerPartition(TENANT, 'telford'))).toBe(21);
  });

  it('deletes the rows of an import that crashed part-way at the next import', async () => {
    const { storage, repository } = await setUp();
    await repository.replace(TENANT, 'telford', register(10), { generation: 'g1', importedBy: 'a', now });
    const partitionKey = registerPartition(TENANT, 'telford');
    // What a crash after writing some rows of generation g2 leaves: the mark and the rows, the pointer still at g1.
    await storage.table(SCHOOLS_TABLE).updateEntity({ partitionKey, rowKey: 'area', writing: 'g2' }, 'Merge');
    for (let i = 0; i < 5; i += 1) await storage.table(SCHOOLS_TABLE).createEntity({ partitionKey, rowKey: `s_g2_${i}`, name: 'half', kind: 'school', phase: 'primary' });
    expect((await repository.load(TENANT, 'telford'))?.entries).toHaveLength(10);
    const expected = await repository.area(TENANT, 'telford');
    await repository.replace(TENANT, 'telford', register(3), { generation: 'g3', importedBy: 'a', now, expected });
    expect(await rowsIn(storage, partitionKey)).toBe(4);
  });

  it('keeps each tenant\'s areas apart', async () => {
    const { repository } = await setUp();
    await repository.setLaCodes(TENANT, 'telford', ['894'], now);
    await repository.replace(OTHER_TENANT, 'telford', register(2), { generation: 'g1', importedBy: 'x', now });
    expect((await repository.load(TENANT, 'telford'))?.entries).toEqual([]);
    expect((await repository.load(OTHER_TENANT, 'telford'))?.area.laCodes).toEqual([]);
    expect(await repository.load(TENANT, 'manchester')).toBeUndefined();
  });
});
