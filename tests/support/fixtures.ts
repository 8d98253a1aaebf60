// Loads real-shaped Teams payloads from tests/fixtures and adjusts what a test needs (serviceUrl, text, value).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURE_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const FIXTURE_USER_AAD = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
export const FIXTURE_BOT_ID = '28:00000000-0000-0000-0000-00000000b07a';

export type Json = Record<string, unknown>;

export function loadFixture(relative: string): Json {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', relative), 'utf8')) as Json;
}

/** A fixture activity with a fresh id, pointed at `serviceUrl`, with any fields replaced. */
export function loadActivity(name: string, overrides: Json = {}): Json {
  const activity = loadFixture(`activities/${name}.json`);
  return { ...activity, id: `${String(activity.id)}-${Math.random().toString(36).slice(2, 8)}`, ...overrides };
}

/** The same person with another Entra ID object id and Teams id, for "someone else" cases. */
export function asUser(activity: Json, aadObjectId: string, name = 'Another Person'): Json {
  return { ...activity, from: { id: `29:${aadObjectId}`, name, aadObjectId } };
}
