// The programme dashboard: a Teams tab (personal "Programme" tab per area, configurable channel tab per cohort) served
// by the bot's own server, its JSON API behind the Teams SSO token, and `report evaluation` (PDF and Excel).
import { projectRoot } from '../../projectRoot';
import { defineFeature } from '../../routing/feature';
import * as reportEvaluation from './commands/reportEvaluation';
import { tabRoutes } from './routes';
import { createTabTokenVerifier, type TabTokenVerifier } from './tabToken';

export interface DashboardServices {
  /** The tab's SSO token check; absent in local mode (no MicrosoftAppId), where the Playground's user is assumed. */
  readonly tabTokens: TabTokenVerifier | undefined;
}

declare module '../../platform/services' {
  interface FeatureServices extends DashboardServices {}
}

export const dashboardFeature = defineFeature({
  name: 'dashboard',
  services: ({ platform }): DashboardServices => {
    const { config } = platform;
    if (config.localMode || !config.MicrosoftAppId) return { tabTokens: undefined };
    const tenantId = config.MicrosoftAppTenantId;
    const host = config.PUBLIC_BASE_URL ? new URL(config.PUBLIC_BASE_URL).host : undefined;
    if (!tenantId || !host) {
      platform.logger.warn({ event: 'dashboard.sso-unconfigured' }, 'the dashboard tab refuses every request: set MicrosoftAppTenantId and PUBLIC_BASE_URL for its sign-in check');
    }
    return {
      tabTokens: createTabTokenVerifier({
        tenantId: tenantId ?? 'unset',
        appId: config.MicrosoftAppId,
        host: host ?? 'unset',
        jwksUrl: `${config.GRAPH_AUTHORITY_HOST.replace(/\/$/, '')}/${tenantId ?? 'unset'}/discovery/v2.0/keys`,
      }),
    };
  },
  commands: [{ ...reportEvaluation.route, handle: reportEvaluation.handle }],
  httpRoutes: (services) => tabRoutes(services, projectRoot()),
});
