// Microsoft Graph at the HTTP boundary for tests: nock with real response shapes, a fixed-token credential
// (that is Azure identity, not our code) and a sleep that records waits instead of waiting.
import type { AccessToken, TokenCredential } from '@azure/identity';
import nock from 'nock';
import { loadFixture, type Json } from './fixtures';

export const GRAPH = 'https://graph.microsoft.com';
export const TEAM_GROUP_ID = '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e';

export const fixedTokenCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: 'test-graph-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

/** A sleep that returns at once and remembers how long it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export function graphFixture(name: string): Json {
  return loadFixture(`graph/${name}.json`);
}

/** Only Graph is mocked; Azurite and local stand-ins on 127.0.0.1 stay reachable. */
export function isolateGraph(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
}

/** Undo `isolateGraph` when a test file ends, so its interception never leaks into the next file in this worker. */
export function releaseGraph(): void {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
}

export function user(id: string, mail: string, userType: 'Member' | 'Guest' = 'Member'): Json {
  return { id, displayName: mail.split('@')[0], mail, userPrincipalName: userType === 'Guest' ? `${mail.replace('@', '_')}#EXT#@contoso.onmicrosoft.com` : mail, userType };
}

export interface BatchRequestItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly body?: Record<string, unknown>;
}

export function batchRequests(body: unknown): BatchRequestItem[] {
  return (body as { requests: BatchRequestItem[] }).requests;
}

/** The lookup URL the gateway sends for an address (inside a batch). */
export function lookupUrl(email: string): string {
  return `/users?$filter=${encodeURIComponent(`mail eq '${email}' or userPrincipalName eq '${email}'`)}&$select=id,displayName,mail,userPrincipalName,userType`;
}

/** Answers a users-lookup batch: found people get the documented list shape, others an empty list. */
export function answerLookups(body: unknown, directory: ReadonlyMap<string, Json>): Json {
  return {
    responses: batchRequests(body).map((r) => {
      const email = decodeURIComponent(r.url).match(/mail eq '([^']+)'/)?.[1] ?? '';
      const found = directory.get(email);
      return {
        id: r.id,
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,mail,userPrincipalName,userType)', value: found ? [found] : [] },
      };
    }),
  };
}
