// The Bot Framework adapter and its authentication: the only place credentials meet botbuilder.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config';
import { connectorClientOptions } from './connectorHttp';

export function createAdapter(config: Config): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.localMode
    ? {}
    : {
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppPassword: config.MicrosoftAppPassword,
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options, undefined, undefined, undefined, connectorClientOptions()));
}
