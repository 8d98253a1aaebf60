// The Azure identity credential the Graph gateway signs in with, chosen by configuration (national clouds included).
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../../config';
import { AppError } from '../../errors';

/** The scope for application permissions in the configured cloud, e.g. `https://graph.microsoft.com/.default`. */
export function graphScope(config: Pick<Config, 'GRAPH_BASE_URL'>): string {
  return `${config.GRAPH_BASE_URL.replace(/\/+$/, '')}/.default`;
}

/** Returns undefined when Graph is not configured (local runs); callers then explain which variables to set. */
export function credentialFromConfig(config: Config): TokenCredential | undefined {
  const tenantId = config.GRAPH_TENANT_ID ?? config.MicrosoftAppTenantId;
  const clientId = config.GRAPH_CLIENT_ID ?? config.MicrosoftAppId;
  // MSAL checks a login host it does not know with login.microsoftonline.com first ("instance discovery"); a private
  // or sovereign cloud that host cannot vouch for needs the check off. Managed identity signs in without an authority.
  const authority = { authorityHost: config.GRAPH_AUTHORITY_HOST, disableInstanceDiscovery: config.GRAPH_DISABLE_INSTANCE_DISCOVERY };
  switch (config.GRAPH_CREDENTIAL) {
    case 'managed-identity':
      return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    case 'certificate':
      if (!tenantId || !clientId || !config.GRAPH_CERTIFICATE_PATH) return undefined;
      return new ClientCertificateCredential(tenantId, clientId, { certificatePath: config.GRAPH_CERTIFICATE_PATH }, authority);
    case 'client-secret': {
      const secret = config.GRAPH_CLIENT_SECRET ?? config.MicrosoftAppPassword;
      if (!tenantId || !clientId || !secret) return undefined;
      return new ClientSecretCredential(tenantId, clientId, secret, authority);
    }
  }
}

/** Stands in when Graph is not configured: every call fails with a message naming the variables to set. */
export const unconfiguredCredential: TokenCredential = {
  getToken() {
    return Promise.reject(new AppError(
      'graph-permission',
      'Microsoft Graph is not configured for this bot. Set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or GRAPH_CREDENTIAL=certificate with GRAPH_CERTIFICATE_PATH, or GRAPH_CREDENTIAL=managed-identity), then restart it.',
      ),
    );
  },
};
