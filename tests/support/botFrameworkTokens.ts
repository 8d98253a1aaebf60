// Real-shaped Bot Framework tokens for tests with an app id: RS256 JWTs signed by a key made in the test, and the Bot
// Framework's OpenID metadata and key set (served by nock) publishing that key. Shapes follow "Authentication with the
// Bot Connector API" (learn.microsoft.com).
import { sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import type { Json } from './fixtures';

export const BOT_FRAMEWORK_LOGIN = 'https://login.botframework.com';
export const OPENID_CONFIGURATION_PATH = '/v1/.well-known/openidconfiguration';
export const KEYS_PATH = '/v1/.well-known/keys';
export const SIGNING_KEY_ID = 'link-test-signing-key';

/** An RS256 JWT as the Bot Connector signs it: `kid` (and `x5t`) name the key in the published key set. */
export function signedToken(privateKey: KeyObject, claims: Json): string {
  const encode = (part: Json) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ typ: 'JWT', alg: 'RS256', x5t: SIGNING_KEY_ID, kid: SIGNING_KEY_ID })}.${encode(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/** The claims of a channel-to-bot token for the app and this activity's service URL, valid from a minute ago. */
export function channelClaims(appId: string, serviceUrl: string): Json {
  const now = Math.floor(Date.now() / 1000);
  return { serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, iss: 'https://api.botframework.com', aud: appId };
}

/** The OpenID metadata document, pointing at the key set. */
export const OPENID_CONFIGURATION = {
  issuer: 'https://api.botframework.com',
  authorization_endpoint: 'https://invalid.botframework.com',
  jwks_uri: `${BOT_FRAMEWORK_LOGIN}${KEYS_PATH}`,
  id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
};

/** The key set holding `publicKey` as the Teams-endorsed signing key. */
export function keySet(publicKey: KeyObject): Json {
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { keys: [{ kty: 'RSA', use: 'sig', kid: SIGNING_KEY_ID, x5t: SIGNING_KEY_ID, n, e, endorsements: ['msteams'] }] };
}

/**
 * The Bot Framework's OpenID metadata and its key set, holding `publicKey`. botbuilder fetches them once per process
 * and keeps them for a day, so each is answered once.
 */
export function serveBotFrameworkSigningKeys(publicKey: KeyObject): void {
  nock(BOT_FRAMEWORK_LOGIN).get(OPENID_CONFIGURATION_PATH).reply(200, OPENID_CONFIGURATION).get(KEYS_PATH).reply(200, keySet(publicKey));
}
