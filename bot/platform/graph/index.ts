// Builds the Graph gateway from configuration: credential, cloud (Graph base URL and login authority) and retry policy.
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { credentialFromConfig, graphScope, unconfiguredCredential } from './credentials';
import { GraphGateway } from './gateway';
import { GraphTransport, realSleep, type Sleep } from './transport';

export { GraphGateway } from './gateway';

export interface GraphOptions {
  /** Tests may pass a credential that returns a fixed token; production builds one from configuration. */
  readonly credential?: TokenCredential;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export function createGraphGateway(config: Config, logger: Logger, options: GraphOptions = {}): GraphGateway {
  return new GraphGateway(
    new GraphTransport({
      baseUrl: config.GRAPH_BASE_URL,
      credential: options.credential ?? credentialFromConfig(config) ?? unconfiguredCredential,
      scope: graphScope(config),
      retry: { maxRetries: config.GRAPH_MAX_RETRIES, baseDelayMs: 1000, maxDelayMs: config.GRAPH_MAX_RETRY_WAIT_SECONDS * 1000 },
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      logger,
    }),
  );
}
