// One zod schema over the environment. A bad value stops start-up with a message that names the variable and the fix.
import { isIP } from 'node:net';
import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where Teams keeps files attached in chat: SharePoint Online and OneDrive for Business (OneDrive lives on
 * `<tenant>-my.sharepoint.com`), per Microsoft 365's endpoint lists: worldwide and GCC, GCC High, DoD, 21Vianet,
 * and the French (Bleu) and German (Delos) sovereign clouds.
 */
export const DEFAULT_FILE_DOWNLOAD_HOSTS = '*.sharepoint.com,*.sharepoint.us,*.dps.mil,*.sharepoint-mil.us,*.sharepoint.cn,*.sovcloud-sharepoint.fr,*.sovcloud-sharepoint.de';
/** A host name of two or more labels, optionally preceded by `*.` for "any subdomain of". */
const hostPattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const emptyToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => isIP(value) !== 0 || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(value), 'must be an IP address or a host name')
      .optional(),
  ),
  ALLOWED_TENANT_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((raw) => raw.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id.length > 0))
      .pipe(z.array(z.string().regex(guid, 'each entry must be a tenant id (a GUID)'))),
  ),
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
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DOWNLOAD_SIGNING_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  DOWNLOAD_LINK_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(15)),
  RETENTION_RESPONSES_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(240).default(24)),
  RETENTION_PANEL_CASES_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(240).default(12)),
  RETENTION_AUDIT_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(240).default(72)),
  RETENTION_POSTS_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(240).default(36)),
  /** 5 Steps plans nobody has changed for this long are deleted with their reviews. */
  RETENTION_PLANS_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(240).default(36)),
  COORDINATOR_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((raw) => raw.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
      .pipe(z.array(z.string().regex(guid, 'each entry must be an Entra ID (AAD) object id, a GUID'))),
  ),
  GRAPH_CREDENTIAL: z.preprocess(emptyToUndefined, z.enum(['client-secret', 'certificate', 'managed-identity']).default('client-secret')),
  GRAPH_TENANT_ID: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be a tenant id (a GUID)').optional()),
  GRAPH_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().regex(guid, 'must be an app (client) id, a GUID').optional()),
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_CERTIFICATE_PATH: optionalString,
  GRAPH_BASE_URL: z.preprocess(emptyToUndefined, z.url().default('https://graph.microsoft.com')),
  GRAPH_AUTHORITY_HOST: z.preprocess(emptyToUndefined, z.url().default('https://login.microsoftonline.com')),
  GRAPH_DISABLE_INSTANCE_DISCOVERY: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false').transform((v) => v === 'true')),
  GRAPH_MAX_RETRIES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(4)),
  GRAPH_MAX_RETRY_WAIT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(300).default(60)),
  WORKSHOP_ORGANISER: z.preprocess(emptyToUndefined, z.email().optional()),
  BANK_HOLIDAYS_URL: z.preprocess(emptyToUndefined, z.url().default('https://www.gov.uk/bank-holidays.json')),
  CONTACTS_STALE_AFTER_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(12)),
  CONTACTS_IMPORT_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).max(20_000_000).default(2_000_000)),
  CONTACTS_IMPORT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(120_000).default(15_000)),
  SCHOOLS_IMPORT_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1024).max(500_000_000).default(150_000_000)),
  SCHOOLS_IMPORT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(600_000).default(120_000)),
  FILE_DOWNLOAD_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(DEFAULT_FILE_DOWNLOAD_HOSTS)
      .transform((raw) => raw.split(',').map((host) => host.trim().toLowerCase()).filter((host) => host.length > 0))
      .pipe(
        z
          .array(z.string().regex(hostPattern, 'each entry must be a host name such as contoso.sharepoint.com, or *. and a domain such as *.sharepoint.com'))
          .min(1, 'name at least one host'),
      ),
  ),
  PROACTIVE_RATE_PER_SECOND: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1000).default(30)),
  PROACTIVE_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(256).default(16)),
  PROACTIVE_VISIBILITY_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(40).max(3600).default(60)),
  SCHEDULER_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  BACKGROUND_IN_PROCESS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true').transform((v) => v === 'true')),
  DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true').transform((v) => v === 'true')),
});

export type Config = z.infer<typeof envSchema> & {
  readonly localMode: boolean;
  /** The address the server listens on: HOST, else loopback only in local mode (nothing is authenticated) or every IPv4 interface. */
  readonly host: string;
};

/** Every variable the bot reads, for documentation checks. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start because its configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The Teams Toolkit's name for each MicrosoftApp* variable. */
const toolkitNames: Record<string, string> = {
  MicrosoftAppId: 'BOT_ID',
  MicrosoftAppPassword: 'BOT_PASSWORD',
  MicrosoftAppType: 'BOT_TYPE',
  MicrosoftAppTenantId: 'BOT_TENANT_ID',
};

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
  HOST: 'the address to listen on, e.g. HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every interface)',
  ALLOWED_TENANT_IDS: 'a comma-separated list of the Entra ID tenant ids (GUIDs) the bot serves, e.g. ALLOWED_TENANT_IDS=72f988bf-...,5f0d3c2a-...',
  MicrosoftAppId: 'set MicrosoftAppId (or BOT_ID) to the Azure Bot\'s app id, or unset it to run locally',
  MicrosoftAppType: 'use MultiTenant, SingleTenant or UserAssignedMSI',
  STORAGE_PREFIX: 'for example STORAGE_PREFIX=staging',
  PUBLIC_BASE_URL: 'the https address Teams users reach the bot at, e.g. https://linkbot.azurewebsites.net',
  DOWNLOAD_SIGNING_KEY: 'a random secret of 32+ characters, e.g. the output of `openssl rand -base64 48`',
  DOWNLOAD_LINK_MINUTES: 'minutes a download link stays valid, 1 to 1440',
  RETENTION_RESPONSES_MONTHS: 'months to keep survey responses, 1 to 240 (default 24)',
  RETENTION_PANEL_CASES_MONTHS: 'months to keep a panel case after advice is given, 1 to 240 (default 12)',
  RETENTION_AUDIT_MONTHS: 'months to keep audit entries, 1 to 240 (default 72, six years)',
  RETENTION_POSTS_MONTHS: 'months to keep a network post after it was last edited, 1 to 240 (default 36)',
  RETENTION_PLANS_MONTHS: "months to keep a school's 5 Steps plan after anyone last changed it, 1 to 240 (default 36)",
  COORDINATOR_IDS: 'a comma-separated list of Entra ID object ids, e.g. COORDINATOR_IDS=1f0c...,9a2b...',
  GRAPH_CREDENTIAL: 'use client-secret, certificate or managed-identity',
  GRAPH_TENANT_ID: 'the Entra ID tenant the bot reads and writes with Microsoft Graph (defaults to MicrosoftAppTenantId)',
  GRAPH_CLIENT_ID: 'the app registration id Graph signs in as (defaults to MicrosoftAppId)',
  GRAPH_BASE_URL: 'e.g. https://graph.microsoft.com, or https://graph.microsoft.us / https://microsoftgraph.chinacloudapi.cn for national clouds',
  GRAPH_AUTHORITY_HOST: 'e.g. https://login.microsoftonline.com, or https://login.microsoftonline.us for US Government',
  GRAPH_DISABLE_INSTANCE_DISCOVERY: 'true to skip the authority check against login.microsoftonline.com (private and sovereign clouds, Azure Stack), otherwise false',
  GRAPH_MAX_RETRIES: 'a whole number from 0 to 10, e.g. GRAPH_MAX_RETRIES=4',
  GRAPH_MAX_RETRY_WAIT_SECONDS: 'a whole number of seconds from 1 to 300, e.g. 60',
  WORKSHOP_ORGANISER: 'the mailbox whose calendar holds workshops, e.g. WORKSHOP_ORGANISER=linkprogramme@contoso.org',
  BANK_HOLIDAYS_URL: 'the GOV.UK feed, https://www.gov.uk/bank-holidays.json',
  CONTACTS_STALE_AFTER_MONTHS: 'whole months (1 to 120) after a contact\'s last verified date before it is marked "may be out of date", e.g. 12',
  CONTACTS_IMPORT_MAX_BYTES: 'the largest contacts file accepted, in bytes (1024 to 20000000), e.g. 2000000',
  CONTACTS_IMPORT_TIMEOUT_MS: 'milliseconds to wait for a contacts file download (1000 to 120000), e.g. 15000',
  SCHOOLS_IMPORT_MAX_BYTES: 'the largest school register file accepted, in bytes (1024 to 500000000); the national GIAS file is about 65 MB, e.g. 150000000',
  SCHOOLS_IMPORT_TIMEOUT_MS: 'milliseconds to download and read a school register file (1000 to 600000), e.g. 120000',
  FILE_DOWNLOAD_HOSTS: 'comma-separated hosts attached files may be downloaded from; `*.` allows any subdomain, e.g. FILE_DOWNLOAD_HOSTS=*.sharepoint.com,*.sharepoint.us',
  PROACTIVE_RATE_PER_SECOND: 'requests per second the app sends to Teams, shared by every instance sending (Teams documents 30 to 50 per app), e.g. PROACTIVE_RATE_PER_SECOND=30',
  PROACTIVE_CONCURRENCY: 'how many queued sends one instance works on at once, e.g. PROACTIVE_CONCURRENCY=16',
  PROACTIVE_VISIBILITY_SECONDS: 'seconds a taken send stays hidden from other workers (40 to 3600: a send must start 15 s before this ends, and a Bot Connector call can take 10 s), e.g. PROACTIVE_VISIBILITY_SECONDS=60',
  SCHEDULER_INTERVAL_SECONDS: 'seconds between checks for due prompts (5 to 3600), e.g. SCHEDULER_INTERVAL_SECONDS=60',
  BACKGROUND_IN_PROCESS: 'true to run the scheduler and the send queue inside the bot, false when separate `npm run worker` processes do it',
  DEMO_DATA: 'true for `npm run dev` to load the Riverbend demo area into empty storage, false to start with nothing (`npm start` never loads it)',
};

/**
 * The configuration from `env`. `origins` names where variables not set in the environment came from (e.g.
 * `.localConfigs, line 3`), so that a bad value's message points at the line to fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, origins: Readonly<Record<string, string>> = {}): Config {
  const parsed = envSchema.safeParse(withToolkitNames(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const fix = fixes[variable];
        const alias = toolkitNames[variable];
        const origin = origins[variable] ?? (alias !== undefined && !env[variable] ? origins[alias] : undefined);
        return `${variable}: ${issue.message}${origin ? ` [set in ${origin}]` : ''}${fix ? ` (${fix})` : ''}`;
      }),
    );
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required when NODE_ENV=production, so that every request must carry a Bot Framework token (set MicrosoftAppId or BOT_ID)');
  }
  if (config.NODE_ENV === 'production' && !config.DOWNLOAD_SIGNING_KEY) {
    problems.push('DOWNLOAD_SIGNING_KEY: required when NODE_ENV=production, so that every instance signs download links with the same secret');
  }
  if (config.NODE_ENV === 'production' && !config.PUBLIC_BASE_URL) {
    problems.push('PUBLIC_BASE_URL: required when NODE_ENV=production, so that download links point at the bot (e.g. https://linkbot.azurewebsites.net)');
  }
  if (config.NODE_ENV === 'production' && config.MicrosoftAppType === 'MultiTenant' && config.ALLOWED_TENANT_IDS.length === 0) {
    problems.push('ALLOWED_TENANT_IDS: required when NODE_ENV=production and MicrosoftAppType=MultiTenant, so that only your organisation\'s tenants are served (a comma-separated list of tenant ids)');
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId unless MicrosoftAppType=UserAssignedMSI (set MicrosoftAppPassword or BOT_PASSWORD)');
  }
  if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant (set MicrosoftAppTenantId or BOT_TENANT_ID)');
  }
  if (config.GRAPH_CREDENTIAL === 'certificate' && !config.GRAPH_CERTIFICATE_PATH) {
    problems.push('GRAPH_CERTIFICATE_PATH: required when GRAPH_CREDENTIAL=certificate (the path of a PEM file holding the certificate and its private key)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const localMode = !config.MicrosoftAppId;
  return { ...config, localMode, host: config.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0') };
}
