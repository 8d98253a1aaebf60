// Stops the Azurite the run started, so nothing is left running.
import type { EmbeddedAzurite } from '../../bot/platform/storage/embeddedAzurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __AZURITE__?: EmbeddedAzurite }).__AZURITE__?.stop();
}
