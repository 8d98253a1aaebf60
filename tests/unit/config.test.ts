import { ConfigError, loadConfig } from '../../bot/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('runs locally with sensible defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, localMode: true, STORAGE_PREFIX: '', COORDINATOR_IDS: [], LOG_LEVEL: 'info' });
  });

  it('names the variable and the fix when a value is bad', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT: .*set PORT to a port number/);
  });

  it('refuses to start in production without an app id', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toContain('MicrosoftAppId: required when NODE_ENV=production');
  });

  it('needs a password with an app id unless it is a managed identity', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID })[0]).toContain('MicrosoftAppPassword');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: APP_ID }).localMode).toBe(false);
  });

  it('accepts the Teams Toolkit names BOT_ID and BOT_PASSWORD', () => {
    const config = loadConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 'secret' });
    expect(config.MicrosoftAppId).toBe(APP_ID);
    expect(config.localMode).toBe(false);
  });

  it('parses and checks the bootstrap coordinator list', () => {
    expect(loadConfig({ COORDINATOR_IDS: ` ${APP_ID} , ` }).COORDINATOR_IDS).toEqual([APP_ID]);
    expect(problemsOf({ COORDINATOR_IDS: 'jane@example.org' })[0]).toMatch(/^COORDINATOR_IDS: .*object id/);
  });

  it('downloads attached files from SharePoint and OneDrive hosts by default, and checks a host list that is set', () => {
    expect(loadConfig({}).FILE_DOWNLOAD_HOSTS).toEqual(expect.arrayContaining(['*.sharepoint.com', '*.sharepoint.us', '*.sharepoint.cn']));
    expect(loadConfig({ FILE_DOWNLOAD_HOSTS: ' *.SharePoint.com , files.contoso.org ' }).FILE_DOWNLOAD_HOSTS).toEqual(['*.sharepoint.com', 'files.contoso.org']);
    for (const bad of ['*', '*.com', 'https://contoso.sharepoint.com', 'contoso.sharepoint.com/personal', '10.0.0.1:443', ' , ']) {
      expect(problemsOf({ FILE_DOWNLOAD_HOSTS: bad })[0]).toMatch(/^FILE_DOWNLOAD_HOSTS: .*\*\.sharepoint\.com/);
    }
  });

  it('keeps MSAL instance discovery on unless GRAPH_DISABLE_INSTANCE_DISCOVERY=true', () => {
    expect(loadConfig({}).GRAPH_DISABLE_INSTANCE_DISCOVERY).toBe(false);
    expect(loadConfig({ GRAPH_DISABLE_INSTANCE_DISCOVERY: 'true' }).GRAPH_DISABLE_INSTANCE_DISCOVERY).toBe(true);
    expect(problemsOf({ GRAPH_DISABLE_INSTANCE_DISCOVERY: 'yes' })[0]).toMatch(/^GRAPH_DISABLE_INSTANCE_DISCOVERY: .*private and sovereign clouds/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '' }).localMode).toBe(true);
  });

  it('configures Graph for the public cloud by default and names the fix for a bad Graph setting', () => {
    expect(loadConfig({})).toMatchObject({
      GRAPH_CREDENTIAL: 'client-secret',
      GRAPH_BASE_URL: 'https://graph.microsoft.com',
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      BANK_HOLIDAYS_URL: 'https://www.gov.uk/bank-holidays.json',
    });
    expect(problemsOf({ GRAPH_CREDENTIAL: 'password' })[0]).toMatch(/^GRAPH_CREDENTIAL: .*client-secret, certificate or managed-identity/);
    expect(problemsOf({ GRAPH_CREDENTIAL: 'certificate' })[0]).toMatch(/^GRAPH_CERTIFICATE_PATH: required when GRAPH_CREDENTIAL=certificate/);
    expect(problemsOf({ WORKSHOP_ORGANISER: 'not a mailbox' })[0]).toMatch(/^WORKSHOP_ORGANISER: /);
  });

  it('reads retention periods per kind, defaulting to 24 / 12 / 72 months, and names the variable when one is wrong', () => {
    expect(loadConfig({})).toMatchObject({ RETENTION_RESPONSES_MONTHS: 24, RETENTION_PANEL_CASES_MONTHS: 12, RETENTION_AUDIT_MONTHS: 72 });
    expect(loadConfig({ RETENTION_PANEL_CASES_MONTHS: '6' }).RETENTION_PANEL_CASES_MONTHS).toBe(6);
    expect(problemsOf({ RETENTION_AUDIT_MONTHS: 'six years' })[0]).toMatch(/^RETENTION_AUDIT_MONTHS: .*default 72/);
  });

  it('listens on loopback only in local mode, on every interface with an app id, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', HOST: '::1' }).host).toBe('::1');
    expect(problemsOf({ HOST: 'not a host!' })[0]).toMatch(/^HOST: .*HOST=127\.0\.0\.1/);
  });

  it('reads the tenant allow-list, lower-cased, and requires it for a multi-tenant bot in production', () => {
    expect(loadConfig({}).ALLOWED_TENANT_IDS).toEqual([]);
    expect(loadConfig({ ALLOWED_TENANT_IDS: ` ${APP_ID.toUpperCase()} ,, ` }).ALLOWED_TENANT_IDS).toEqual([APP_ID]);
    expect(problemsOf({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' })[0]).toMatch(/^ALLOWED_TENANT_IDS: each entry must be a tenant id/);
    const production = { NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', DOWNLOAD_SIGNING_KEY: 'k'.repeat(32), PUBLIC_BASE_URL: 'https://bot.example.org' };
    expect(problemsOf(production)).toEqual([expect.stringMatching(/^ALLOWED_TENANT_IDS: required when NODE_ENV=production and MicrosoftAppType=MultiTenant/)]);
    expect(problemsOf({ ...production, ALLOWED_TENANT_IDS: APP_ID })).toEqual([]);
    expect(problemsOf({ ...production, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: APP_ID })).toEqual([]);
  });
});
