// The one place that turns ids into PartitionKey/RowKey values Table Storage accepts.
// Disallowed characters (/ \ # ? and control characters) and '%' itself are percent-encoded, so the mapping is reversible.
import { validationError } from '../../errors';

export function toKey(id: string): string {
  if (id.length === 0) throw validationError('An id this request needs is empty. Open a new card, or check the command, and try again.');
  const key = id.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
  // Ids come from requests (a local client or a card can send any string): one empty or too long to store is the
  // request's fault, a 400.
  if (Buffer.byteLength(key, 'utf8') > 1024) throw validationError('An id in this request is too long for the bot to store. Open a new card, or check the command, and try again.');
  return key;
}

export function fromKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A RowKey that sorts newest first: Table Storage returns rows in ascending key order. */
export function newestFirstKey(at: Date, suffix: string): string {
  const inverted = (8_640_000_000_000_000 - at.getTime()).toString().padStart(16, '0');
  return `${inverted}_${toKey(suffix)}`;
}
