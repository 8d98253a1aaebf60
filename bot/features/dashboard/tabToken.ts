// The dashboard tab's own check of the Teams SSO token (authentication.getAuthToken() in the page): the server, not
// the page, decides who is asking. Signature against the tenant's Entra signing keys, issuer (v1 or v2 form), audience
// (`api://<host>/<app id>`, the manifest's webApplicationInfo.resource) and expiry. A token that fails any of these
// gets a reason and nothing is read.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface TabTokenSettings {
  /** The Entra tenant the app is registered in. */
  readonly tenantId: string;
  /** The bot's app (client) id. */
  readonly appId: string;
  /** The host the tab is served from, e.g. `link-bot.example.org` (the audience is `api://<host>/<app id>`). */
  readonly host: string;
  /** Where the tenant's signing keys are published; Entra's own address unless a test points elsewhere. */
  readonly jwksUrl?: string;
}

export type TabTokenRefusal = 'missing' | 'malformed' | 'bad-signature' | 'wrong-issuer' | 'wrong-audience' | 'expired' | 'not-yet-valid' | 'no-user' | 'keys-unavailable';

export type TabTokenOutcome =
  | { readonly ok: true; readonly user: { readonly aadObjectId: string; readonly tenantId: string; readonly name?: string } }
  | { readonly ok: false; readonly reason: TabTokenRefusal; readonly message: string };

const refusalMessages: Record<TabTokenRefusal, string> = {
  missing: 'A Teams sign-in token is required: open the dashboard from its tab in Teams.',
  malformed: 'The sign-in token could not be read. Reload the tab.',
  'bad-signature': 'The sign-in token was not signed by Microsoft Entra for this organisation.',
  'wrong-issuer': 'The sign-in token was issued for another organisation.',
  'wrong-audience': 'The sign-in token was issued for another app.',
  expired: 'The sign-in token has expired. Reload the tab.',
  'not-yet-valid': 'The sign-in token is not valid yet. Check the device clock and reload the tab.',
  'no-user': 'The sign-in token does not name a person.',
  'keys-unavailable': 'Microsoft Entra could not be reached to check the sign-in token. Try again in a minute.',
};

const claimsSchema = z.object({ oid: z.string().min(1), tid: z.string().min(1), name: z.string().optional() });

export function refuse(reason: TabTokenRefusal): TabTokenOutcome {
  return { ok: false, reason, message: refusalMessages[reason] };
}

export function entraIssuers(tenantId: string): string[] {
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

export function tabAudience(settings: Pick<TabTokenSettings, 'host' | 'appId'>): string {
  return `api://${settings.host}/${settings.appId}`;
}

export interface TabTokenVerifier {
  verify(authorization: string | undefined, now: Date): Promise<TabTokenOutcome>;
}

export function createTabTokenVerifier(settings: TabTokenSettings, keys?: JWTVerifyGetKey): TabTokenVerifier {
  const keySet = keys ?? createRemoteJWKSet(new URL(settings.jwksUrl ?? `https://login.microsoftonline.com/${settings.tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000 });
  const issuers = entraIssuers(settings.tenantId);
  // Accept the bare app id too: Entra puts it in `aud` for v2 tokens whose app id URI is the default.
  const audiences = [tabAudience(settings), settings.appId];
  return {
    async verify(authorization, now) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!authorization?.trim()) return refuse('missing');
      if (!match?.[1]) return refuse('malformed');
      try {
        const { payload } = await jwtVerify(match[1], keySet, { issuer: issuers, audience: audiences, currentDate: now, algorithms: ['RS256'], clockTolerance: 60 });
        const claims = claimsSchema.safeParse(payload);
        if (!claims.success) return refuse('no-user');
        if (claims.data.tid !== settings.tenantId) return refuse('wrong-issuer');
        return { ok: true, user: { aadObjectId: claims.data.oid, tenantId: claims.data.tid, ...(claims.data.name ? { name: claims.data.name } : {}) } };
      } catch (error) {
        return refuse(classify(error));
      }
    },
  };
}

function classify(error: unknown): TabTokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not-yet-valid';
    return 'malformed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed) return 'bad-signature';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys-unavailable';
  // Every fault jose finds in the token itself is a JOSEError; anything else is the key fetch failing (refused, reset).
  if (!(error instanceof errors.JOSEError)) return 'keys-unavailable';
  return 'malformed';
}
