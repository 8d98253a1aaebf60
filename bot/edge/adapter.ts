// The Bot Framework adapter and its authentication: the only place credentials meet botbuilder.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { connectorClientOptions } from './connectorHttp';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** jsonwebtoken's errors for a token that is not valid, which botframework passes on as they are. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Longer than a healthy fetch of the signing keys takes; past it the request is answered 503 so Teams tries again. */
export const AUTHENTICATE_TIMEOUT_MS = 10_000;

/** The Bot Framework's signing keys (its OpenID metadata and key set) could not be fetched: no token can be checked. */
export class SigningKeysUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The Bot Framework signing keys could not be fetched.', { cause });
    this.name = 'SigningKeysUnavailableError';
  }
}

/**
 * botframework-connector's OpenIdMetadata fetches with node-fetch: no answer (refused, reset, DNS, a body that is not
 * JSON) is a FetchError; an answer other than 2xx is an AuthenticationError "Failed to load openID config: 500" or
 * "Failed to load Keys: 500", with statusCode 500.
 */
function isSigningKeyFetchFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, statusCode, message } = error as { name?: unknown; statusCode?: unknown; message?: unknown };
  if (name === 'FetchError') return true;
  return statusCode === 500 && typeof message === 'string' && /^Failed to load (openID config|Keys)/.test(message);
}

/**
 * CloudAdapter with one Bot Connector client per service URL for proactive sends and updates, kept for the life of
 * the process. botbuilder's continueConversationAsync builds a new connector client, a user-token client and a turn
 * for every proactive call, which at fan-out rates is a large share of the sender's CPU. A client's credentials fetch
 * and cache their own tokens, so reusing it is safe; Teams uses a handful of service URLs (one per region).
 */
export class LinkCloudAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private factory: ConnectorFactory | undefined;
  /**
   * Results of `authenticate`, by the request's activity object: botbuilder's `process` hands that same object to
   * `processActivity`, so each request finds exactly its own result, and a request that never gets there leaves nothing.
   */
  private readonly authenticated = new WeakMap<object, AuthenticateRequestResult>();

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    /** The bot's Microsoft app id; empty when running locally without credentials. */
    readonly appId: string | undefined,
  ) {
    super(auth);
  }

  /**
   * Checks a request's Bot Framework token before `process` is called, so a forged or wrong token is refused by us
   * (logged once, as JSON) instead of by `process`, which writes the error's stack to the console. The result is kept
   * for that `process` call, so the token is not validated twice. Undefined when the token is not accepted.
   */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new SigningKeysUnavailableError()), AUTHENTICATE_TIMEOUT_MS);
    });
    try {
      // Only fetching the keys can take long (node-fetch has no timeout of its own); checking a token is instant.
      const result = await Promise.race([this.botFrameworkAuthentication.authenticateRequest(activity, authHeader), timeout]);
      this.authenticated.set(activity, result);
      return result;
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) throw error;
      if (isSigningKeyFetchFailure(error)) throw new SigningKeysUnavailableError(error);
      // botframework's AuthenticationError carries 401; a bad signature, an expired or not-yet-valid token come
      // straight from jsonwebtoken, with only a name.
      const { statusCode, name } = error as { statusCode?: number; name?: string };
      if (statusCode === 401 || (name !== undefined && TOKEN_ERRORS.has(name))) return undefined;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const known = this.authenticated.get(activity);
    if (known) return super.processActivity(known, activity, logic);
    return typeof auth === 'string' ? super.processActivity(auth, activity, logic) : super.processActivity(auth, activity, logic);
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
