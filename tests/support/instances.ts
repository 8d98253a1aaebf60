// Several instances of the app over the same Azurite storage (one prefix), as several App Service instances would run.
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import type { Clock } from '../../bot/platform/clock';
import { captureLogs } from './logs';
import { testConnectionString } from './storage';

export function appInstance(prefix: string, clock: Clock): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', STORAGE_PREFIX: prefix });
  return createApp({ config, logger: captureLogs().logger, storageConnectionString: testConnectionString(), clock });
}
