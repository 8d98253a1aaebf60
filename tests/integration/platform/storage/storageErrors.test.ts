// What a repository sees when storage refuses: an AppError with a code (conflict, not-found, storage-unavailable,
// internal), never a RestError, for every kind of table call: point writes, ETag-conditional updates, transactions,
// reads and listed pages. Real Azurite, plus a stand-in answering 503 and a port nobody listens on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import { AppError } from '../../../../bot/errors';
import { StorageError, translatingStorageErrors } from '../../../../bot/platform/storage/storageErrors';
import { isConflict, isNotFound } from '../../../../bot/platform/storage/account';
import { testConnectionString, testStorage } from '../../../support/storage';

async function thrownBy(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

async function drain(entities: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const entity of entities) if (entity) count += 1;
  return count;
}

describe('storage errors as AppError codes', () => {
  const TABLE = 'storageErrors';

  it('an insert that meets an existing row, or an update after someone else\'s, is a conflict', async () => {
    const table = (await testStorage([TABLE])).table(TABLE);
    const first = await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    const twice = await thrownBy(() => table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 2 }));
    expect(twice).toBeInstanceOf(StorageError);
    expect(twice).toMatchObject({ code: 'conflict', statusCode: 409, userMessage: new AppError('conflict').userMessage });
    expect(isConflict(twice)).toBe(true);

    await table.updateEntity({ partitionKey: 'p', rowKey: 'r', value: 3 }, 'Merge', { etag: first.etag });
    const stale = await thrownBy(() => table.updateEntity({ partitionKey: 'p', rowKey: 'r', value: 4 }, 'Merge', { etag: first.etag }));
    expect(stale).toMatchObject({ code: 'conflict', statusCode: 412 });
    expect((await table.getEntity<{ value: number }>('p', 'r')).value).toBe(3);
  });

  it('a transaction whose row exists already is a conflict, and writes none of its rows', async () => {
    const table = (await testStorage([TABLE])).table(TABLE);
    await table.createEntity({ partitionKey: 'p', rowKey: 'b' });
    const batch = await thrownBy(() => table.submitTransaction([['create', { partitionKey: 'p', rowKey: 'a' }], ['create', { partitionKey: 'p', rowKey: 'b' }]]));
    expect(batch.code).toBe('conflict');
    expect(await drain(table.listEntities())).toBe(1);
  });

  it('a row that is not there is not-found, for reads, deletes and merges', async () => {
    const table = (await testStorage([TABLE])).table(TABLE);
    for (const call of [() => table.getEntity('p', 'gone'), () => table.deleteEntity('p', 'gone'), () => table.updateEntity({ partitionKey: 'p', rowKey: 'gone', v: 1 }, 'Merge')]) {
      const error = await thrownBy(call);
      expect(error).toMatchObject({ code: 'not-found', statusCode: 404 });
      expect(error.userMessage).toMatch(/just been removed, so it did not go through/);
      expect(isNotFound(error)).toBe(true);
    }
  });

  it('listing a table that is not there fails not-found, iterated directly or by page', async () => {
    const storage = await testStorage([]);
    const missing = storage.table('neverCreated');
    expect(await thrownBy(() => drain(missing.listEntities()))).toMatchObject({ code: 'not-found' });
    expect(await thrownBy(() => drain(missing.listEntities().byPage({ maxPageSize: 1 })))).toMatchObject({ code: 'not-found' });
  });

  it('a request storage refuses as malformed is internal, with the storage error kept as its cause only', async () => {
    const table = (await testStorage([TABLE])).table(TABLE);
    // A key with "/" is refused by Table Storage (400): a bug of ours, not something the person can fix.
    const error = await thrownBy(() => table.createEntity({ partitionKey: 'p', rowKey: 'a/b' }));
    expect(error.code).toBe('internal');
    expect(error.userMessage).toBe(new AppError('internal').userMessage);
    expect((error.cause as { name?: string }).name).toBe('RestError');
  });

  describe('storage not answering', () => {
    let server: Server;
    let busy = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { lang: 'en-US', value: 'The server is busy.' } } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      busy = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const clientAt = (origin: string) =>
      translatingStorageErrors(
        TableClient.fromConnectionString(testConnectionString().replace(/TableEndpoint=[^;]+/, `TableEndpoint=${origin}/devstoreaccount1`), 'cohorts', {
          allowInsecureConnection: true,
          retryOptions: { maxRetries: 0 },
        }),
      );

    it('a 503, or no answer at all, is storage-unavailable: try again later', async () => {
      for (const origin of [busy, 'http://127.0.0.1:1']) {
        const client = clientAt(origin);
        for (const call of [() => client.getEntity('p', 'r'), () => client.createEntity({ partitionKey: 'p', rowKey: 'r' }), () => drain(client.listEntities())]) {
          const error = await thrownBy(call);
          expect(error.code).toBe('storage-unavailable');
          expect(error.userMessage).toContain('cannot reach its storage');
        }
      }
    });
  });
});
