// Starts one in-memory Azurite for the whole test run; each test file isolates itself with its own table prefix.
// Also builds the dashboard tab's pages (web/ into dist/web/, about a second), which the server reads at start-up, so
// the tab and browser tests serve what `npm run build` would.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startAzurite } from '../../bot/platform/storage/embeddedAzurite';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-web.mjs')], { cwd: root, stdio: 'inherit' });
  const azurite = await startAzurite({ projectRoot: root });
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  (globalThis as { __AZURITE__?: typeof azurite }).__AZURITE__ = azurite;
}
