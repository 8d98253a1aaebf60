// Signed, expiring download links served by the bot itself: the file lives in Table Storage, the link carries an HMAC.
// The `downloads` table: PartitionKey a random file id (rows `meta` and `chunk-NNNN`); the file is reached only by its
// signed link, so no tenant is needed in the key. The owner's Entra ID object id is a column, for erasure.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deleteIfExists, getIfExists, odata, type StorageAccount } from '../storage/account';
import { toKey } from '../storage/keys';

export const DOWNLOADS_TABLE = 'downloads';

/** A Binary property holds at most 64 KiB; an entity at most 1 MiB, so 12 chunks of 60 KiB per row leaves headroom. */
const CHUNK_BYTES = 60 * 1024;
const CHUNKS_PER_ROW = 12;
/** Exports are small (a person's data, a survey run); refuse anything that would be silly to keep in a table. */
export const MAX_DOWNLOAD_BYTES = 8 * 1024 * 1024;

export interface PublishRequest {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer | string;
  /** Whose file it is, for audit and erasure; never shown in the link. */
  readonly ownerAadObjectId: string;
  readonly now: Date;
  readonly ttlMinutes?: number;
}

export interface PublishedLink {
  readonly url: string;
  readonly expiresAt: Date;
}

export interface DownloadedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export type DownloadOutcome =
  | { readonly kind: 'file'; readonly file: DownloadedFile }
  | { readonly kind: 'bad-signature' | 'expired' | 'not-found' };

const metaSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  expiresAt: z.coerce.date(),
  rows: z.number().int().min(1),
  bytes: z.number().int().min(0),
});

export class DownloadLinks {
  constructor(
    private readonly storage: StorageAccount,
    private readonly signingKey: string,
    private readonly publicBaseUrl: string,
    private readonly newId: () => string,
    private readonly defaultTtlMinutes = 15,
  ) {}

  private get table() {
    return this.storage.table(DOWNLOADS_TABLE);
  }

  async publish(request: PublishRequest): Promise<PublishedLink> {
    const content = typeof request.content === 'string' ? Buffer.from(request.content, 'utf8') : request.content;
    if (content.length > MAX_DOWNLOAD_BYTES) throw new Error(`A download is limited to ${MAX_DOWNLOAD_BYTES} bytes; this one is ${content.length}.`);
    const id = this.newId().replace(/-/g, '');
    const expiresAt = new Date(request.now.getTime() + (request.ttlMinutes ?? this.defaultTtlMinutes) * 60_000);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < content.length || chunks.length === 0; offset += CHUNK_BYTES) chunks.push(content.subarray(offset, offset + CHUNK_BYTES));
    const rows: Record<string, unknown>[] = [];
    for (let start = 0; start < chunks.length; start += CHUNKS_PER_ROW) {
      const row: Record<string, unknown> = { partitionKey: id, rowKey: `chunk-${String(rows.length).padStart(4, '0')}` };
      chunks.slice(start, start + CHUNKS_PER_ROW).forEach((chunk, i) => {
        row[`c${i}`] = new Uint8Array(chunk);
      });
      row.count = Math.min(CHUNKS_PER_ROW, chunks.length - start);
      rows.push(row);
    }
    const meta = {
      partitionKey: id,
      rowKey: 'meta',
      fileName: request.fileName,
      contentType: request.contentType,
      expiresAt,
      rows: rows.length,
      bytes: content.length,
      owner: toKey(request.ownerAadObjectId),
    };
    // Chunks first, then the meta row that makes the file visible: a crash in between leaves nothing readable.
    for (let start = 0; start < rows.length; start += 100) {
      await this.table.submitTransaction(rows.slice(start, start + 100).map((entity) => ['create', entity as { partitionKey: string; rowKey: string }]));
    }
    await this.table.createEntity(meta);
    const expires = expiresAt.getTime();
    const url = `${this.publicBaseUrl.replace(/\/$/, '')}/downloads/${id}?expires=${expires}&sig=${this.sign(id, expires)}`;
    return { url, expiresAt };
  }

  async open(id: string, expires: string, signature: string, now: Date): Promise<DownloadOutcome> {
    const expiresAt = Number(expires);
    if (!/^[0-9a-f]{32}$/.test(id) || !Number.isSafeInteger(expiresAt) || !this.verify(id, expiresAt, signature)) return { kind: 'bad-signature' };
    if (now.getTime() > expiresAt) return { kind: 'expired' };
    const row = await getIfExists(this.table, id, 'meta');
    if (!row) return { kind: 'not-found' };
    const meta = metaSchema.parse(row);
    if (now.getTime() > meta.expiresAt.getTime()) return { kind: 'expired' };
    const parts: Buffer[] = [];
    const filter = odata`PartitionKey eq ${id} and RowKey ge 'chunk-' and RowKey lt 'chunk.'`;
    for await (const row of this.table.listEntities({ queryOptions: { filter } })) {
      const count = Number(row.count);
      for (let i = 0; i < count; i++) parts.push(Buffer.from(row[`c${i}`] as Uint8Array));
    }
    const content = Buffer.concat(parts);
    if (content.length !== meta.bytes) return { kind: 'not-found' };
    return { kind: 'file', file: { fileName: meta.fileName, contentType: meta.contentType, content } };
  }

  /** Deletes every file whose link has expired; safe to run repeatedly and from several instances. */
  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    const filter = odata`RowKey eq 'meta' and expiresAt lt ${now}`;
    for await (const meta of this.table.listEntities({ queryOptions: { filter, select: ['partitionKey'] } })) {
      await this.deleteFile(meta.partitionKey as string);
      purged += 1;
    }
    return purged;
  }

  /** Files a person owns that are still stored (for privacy export). */
  async ownedBy(ownerAadObjectId: string): Promise<{ id: string; fileName: string; expiresAt: Date }[]> {
    const found: { id: string; fileName: string; expiresAt: Date }[] = [];
    const filter = odata`RowKey eq 'meta' and owner eq ${toKey(ownerAadObjectId)}`;
    for await (const meta of this.table.listEntities({ queryOptions: { filter } })) {
      const parsed = metaSchema.parse(meta);
      found.push({ id: meta.partitionKey as string, fileName: parsed.fileName, expiresAt: parsed.expiresAt });
    }
    return found;
  }

  /** Deletes every file a person owns (privacy erasure); returns how many files went. */
  async eraseOwnedBy(ownerAadObjectId: string): Promise<number> {
    const owned = await this.ownedBy(ownerAadObjectId);
    for (const file of owned) await this.deleteFile(file.id);
    return owned.length;
  }

  private async deleteFile(id: string): Promise<void> {
    for await (const row of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${id}`, select: ['rowKey'] } })) {
      await deleteIfExists(this.table, id, row.rowKey as string);
    }
  }

  private sign(id: string, expires: number): string {
    return createHmac('sha256', this.signingKey).update(`${id}.${expires}`).digest('base64url');
  }

  private verify(id: string, expires: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(id, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
