// The one place that turns ids into PartitionKey/RowKey values Table Storage accepts.
// Disallowed characters (/ \ # ? and control characters) and '%' itself are percent-encoded, so the mapping is reversible.

export function toKey(id: string): string {
  if (id.length === 0) throw new Error('A table key cannot be empty.');
  const key = id.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
  if (Buffer.byteLength(key, 'utf8') > 1024) throw new Error('A table key is longer than the 1 KiB Table Storage allows.');
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
