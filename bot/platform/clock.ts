// Time and ids come through here so that handlers and domain code stay deterministic under test.
import { randomUUID } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export interface IdSource {
  newId(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdSource = { newId: () => randomUUID() };
