// The Bot Framework adapter and its authentication: the only place credentials meet botbuilder.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config';
import { connectorClientOptions } from './connectorHttp';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * CloudAdapter with one Bot Connector client per service URL for proactive sends and updates, kept for the life of
 * the process. botbuilder's continueConversationAsync builds a new connector client, a user-token client and a turn
 * for every proactive call, which at fan-out rates is a large share of the sender's CPU. A client's credentials fetch
 * and cache their own tokens, so reusing it is safe; Teams uses a handful of service URLs (one per region).
 */
export class LinkCloudAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private factory: ConnectorFactory | undefined;

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    /** The bot's Microsoft app id; empty when running locally without credentials. */
    readonly appId: string | undefined,
  ) {
    super(auth);
  }

  connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.connectors.get(serviceUrl);
    if (!client) {
      // The same identity botbuilder gives a proactive turn, and its default audience.
      this.factory ??= this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(this.appId ?? ''));
      client = this.factory.create(serviceUrl, undefined);
      this.connectors.set(serviceUrl, client);
      // A failure (the token endpoint was down, say) is not kept: the next call tries again.
      client.catch(() => this.connectors.delete(serviceUrl));
    }
    return client;
  }
}

export function createAdapter(config: Config): LinkCloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.localMode
    ? {}
    : {
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppPassword: config.MicrosoftAppPassword,
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      };
  const auth = new ConfigurationBotFrameworkAuthentication(options, undefined, undefined, undefined, connectorClientOptions());
  return new LinkCloudAdapter(auth, config.MicrosoftAppId);
}
