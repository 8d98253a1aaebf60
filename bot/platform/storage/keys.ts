// The one place that turns ids into PartitionKey/RowKey values Table Storage accepts.
// Disallowed characters (/ \ # ? and control characters) and '%' itself are percent-encoded, so the mapping is reversible.
import { validationError } from '../../errors';

export function toKey(id: string): string {
  if (id.length === 0) throw validationError('An id this request needs is empty. Open a new card, or check the command, and try again.');
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in table keys, so they are escaped
  const key = id.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
  // Ids come from requests (a local client or a card can send any string): one empty or too long to store is the
  // request's fault, a 400.
  if (Buffer.byteLength(key, 'utf8') > 1024) throw validationError('An id in this request is too long for the bot to store. Open a new card, or check the command, and try again.');
  return key;
}

/**
 * The key of a record that belongs to one tenant: `<tenant>|<id>`, escaped as above. Every table holding a tenant's
 * area data (contacts, urgent help, term calendars) and survey runs uses it, so two tenants with the same area or
 * cohort never share a partition. '%' and '|' in the tenant id are encoded first, so the first '|' always ends the
 * tenant and no tenant id can reach into another tenant's keys. Ids the bot makes (area slugs) never contain '|'.
 */
export function tenantKey(tenantId: string, id: string): string {
  if (tenantId.length === 0) throw new Error('A tenant-scoped key needs a tenant id.');
  return toKey(`${tenantId.replace(/%/g, '%25').replace(/\|/g, '%7C')}|${id}`);
}

/** The tenant and id of a key made by `tenantKey`; undefined for a key that has no tenant (written before tenant keys). */
export function splitTenantKey(key: string): { readonly tenantId: string; readonly id: string } | undefined {
  const plain = fromKey(key);
  const bar = plain.indexOf('|');
  return bar === -1 ? undefined : { tenantId: fromKey(plain.slice(0, bar)), id: plain.slice(bar + 1) };
}

export function fromKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A RowKey that sorts newest first: Table Storage returns rows in ascending key order. */
export function newestFirstKey(at: Date, suffix: string): string {
  const inverted = (8_640_000_000_000_000 - at.getTime()).toString().padStart(16, '0');
  return `${inverted}_${toKey(suffix)}`;
}
