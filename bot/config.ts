// One zod schema over the environment. A bad value stops start-up with a message that names the variable and the fix.
import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const emptyToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be the bot\'s Microsoft App ID (a GUID)').optional()),
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be a tenant id (a GUID)').optional()),
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  STORAGE_PREFIX: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[a-z][a-z0-9]{0,19}$/, 'must be lower-case letters and digits, starting with a letter, at most 20').default(''),
  ),
  AZURITE_LOCATION: z.preprocess(emptyToUndefined, z.string().default('.data/azurite')),
  COORDINATOR_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((raw) => raw.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
      .pipe(z.array(z.string().regex(guid, 'each entry must be an Entra ID (AAD) object id, a GUID'))),
  ),
  PROACTIVE_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1000).default(30)),
  PROACTIVE_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(256).default(16)),
  PROACTIVE_VISIBILITY_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  SCHEDULER_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  BACKGROUND_IN_PROCESS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true').transform((v) => v === 'true')),
});

export type Config = z.infer<typeof envSchema> & { readonly localMode: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start because its configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Teams Toolkit writes BOT_ID / BOT_PASSWORD / BOT_TENANT_ID; botbuilder reads MicrosoftApp*. Accept both. */
function withToolkitNames(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    ...env,
    MicrosoftAppId: env.MicrosoftAppId || env.BOT_ID,
    MicrosoftAppPassword: env.MicrosoftAppPassword || env.BOT_PASSWORD,
    MicrosoftAppType: env.MicrosoftAppType || env.BOT_TYPE,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId || env.BOT_TENANT_ID,
  };
}

const fixes: Record<string, string> = {
  PORT: 'set PORT to a port number such as 3978',
  MicrosoftAppId: 'set MicrosoftAppId (or BOT_ID) to the Azure Bot\'s app id, or unset it to run locally',
  MicrosoftAppType: 'use MultiTenant, SingleTenant or UserAssignedMSI',
  STORAGE_PREFIX: 'for example STORAGE_PREFIX=staging',
  COORDINATOR_IDS: 'a comma-separated list of Entra ID object ids, e.g. COORDINATOR_IDS=1f0c...,9a2b...',
  PROACTIVE_RATE_PER_SECOND: 'requests per second each instance sends to Teams: the per-app limit (30, or 50 in current docs) divided by the number of instances, e.g. PROACTIVE_RATE_PER_SECOND=15',
  PROACTIVE_CONCURRENCY: 'how many queued sends one instance works on at once, e.g. PROACTIVE_CONCURRENCY=16',
  PROACTIVE_VISIBILITY_SECONDS: 'seconds a taken send stays hidden from other workers (5 to 3600), e.g. PROACTIVE_VISIBILITY_SECONDS=60',
  SCHEDULER_INTERVAL_SECONDS: 'seconds between checks for due prompts (5 to 3600), e.g. SCHEDULER_INTERVAL_SECONDS=60',
  BACKGROUND_IN_PROCESS: 'true to run the scheduler and the send queue inside the bot, false when separate `npm run worker` processes do it',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withToolkitNames(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const fix = fixes[variable];
        return `${variable}: ${issue.message}${fix ? ` (${fix})` : ''}`;
      }),
    );
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required when NODE_ENV=production, so that every request must carry a Bot Framework token (set MicrosoftAppId or BOT_ID)');
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId unless MicrosoftAppType=UserAssignedMSI (set MicrosoftAppPassword or BOT_PASSWORD)');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant (set MicrosoftAppTenantId or BOT_TENANT_ID)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, localMode: !config.MicrosoftAppId };
}
