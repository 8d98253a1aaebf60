// Real Azurite storage for a test: a fresh table prefix per call keeps test files and cases apart.
import { randomBytes } from 'node:crypto';
import { createStorageAccount, type StorageAccount } from '../../bot/platform/storage/account';

export function testConnectionString(): string {
  const value = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!value) throw new Error('TEST_STORAGE_CONNECTION_STRING is not set: run the tests with `npm test`, which starts Azurite.');
  return value;
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function testStorage(tables: readonly string[], queues: readonly string[] = []): Promise<StorageAccount & { prefix: string }> {
  const prefix = uniquePrefix();
  const storage = createStorageAccount(testConnectionString(), prefix);
  await storage.ensure(tables, queues);
  return Object.assign(storage, { prefix });
}
