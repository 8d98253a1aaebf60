// Starts one in-memory Azurite for the whole test run; each test file isolates itself with its own table prefix.
import path from 'node:path';
import { startAzurite } from '../../bot/platform/storage/embeddedAzurite';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ projectRoot: path.resolve(__dirname, '..', '..') });
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __AZURITE__?: typeof azurite }).__AZURITE__ = azurite;
}
