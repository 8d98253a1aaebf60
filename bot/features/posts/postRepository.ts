// The `posts` table: a network's posts, the "Helpful" marks (one row per post and person), its tag list and the members
// it has seen act, all in the network's partition `<tenant>|<network id>` (see keys.ts), so a search or a digest is one
// read. A post's Helpful count is the number of its mark rows, counted on read: a person's mark is one row or none, so
// nothing can double count, and people clicking the same post at the same moment never contend for one counter.
import { z } from 'zod';
import type { HelpfulMark, Post, PostDraft, StoredPost } from './domain/posts';
import { AppError } from '../../errors';
import { conversationReferenceSchema, type ConversationReference } from '../../events';
import { deleteIfExists, getIfExists, isConflict, isNotFound, odata, type StorageAccount } from '../../platform/storage/account';
import { fromKey, tenantKey, toKey } from '../../platform/storage/keys';

export const POSTS_TABLE = 'posts';

const postRow = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  tenantId: z.string(),
  networkId: z.string(),
  postId: z.string(),
  kind: z.enum(['share', 'ask']),
  authorId: z.string(),
  authorName: z.string(),
  authorUserId: z.string().optional(),
  title: z.string(),
  text: z.string(),
  link: z.string().optional(),
  tags: z.string(),
  answered: z.boolean(),
  activityId: z.string().optional(),
  reference: z.string().optional(),
  status: z.enum(['pending', 'posted']),
  created: z.coerce.date(),
  updated: z.coerce.date(),
});

const markRow = z.object({ tenantId: z.string(), networkId: z.string(), postId: z.string(), personId: z.string(), marked: z.coerce.date() });
const tagListSchema = z.array(z.string());

/** The same person's clicks racing each other (create met their new mark, or delete met it gone) try again. */
const MAX_TOGGLE_ATTEMPTS = 4;

const partitionOf = (tenantId: string, networkId: string) => tenantKey(tenantId, networkId);
const postKey = (postId: string) => `p_${toKey(postId)}`;
const markPrefix = (postId: string) => `h_${toKey(postId)}_`;
const markKey = (postId: string, personId: string) => `${markPrefix(postId)}${toKey(personId.toLowerCase())}`;
const memberKey = (personId: string) => `m_${toKey(personId.toLowerCase())}`;
const TAGS_KEY = 'tags';

export class PostRepository {
  constructor(private readonly storage: StorageAccount) {}

  private get table() {
    return this.storage.table(POSTS_TABLE);
  }

  /** The network's own tag list, or undefined when it still uses the default list. */
  async tags(tenantId: string, networkId: string): Promise<string[] | undefined> {
    const entity = await getIfExists<{ tags: string }>(this.table, partitionOf(tenantId, networkId), TAGS_KEY);
    return entity ? tagListSchema.parse(JSON.parse(entity.tags)) : undefined;
  }

  async setTags(tenantId: string, networkId: string, tags: readonly string[], by: string, now: Date): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: partitionOf(tenantId, networkId), rowKey: TAGS_KEY, type: 'tags', tenantId, networkId, tags: JSON.stringify(tags), setBy: by, updated: now },
      'Replace',
    );
  }

  /** Stores a post as `pending`, before its card is posted; `markPosted` makes it findable. */
  async createPending(post: Post): Promise<void> {
    await this.table.createEntity({ ...this.postEntity(post), status: 'pending' });
  }

  async markPosted(tenantId: string, networkId: string, postId: string, activityId: string | undefined, reference: ConversationReference): Promise<void> {
    await this.table.updateEntity(
      { partitionKey: partitionOf(tenantId, networkId), rowKey: postKey(postId), status: 'posted', activityId: activityId ?? '', reference: JSON.stringify(reference) },
      'Merge',
    );
  }

  async get(tenantId: string, networkId: string, postId: string): Promise<StoredPost | undefined> {
    const entity = await getIfExists(this.table, partitionOf(tenantId, networkId), postKey(postId));
    if (!entity) return undefined;
    const prefix = markPrefix(postId);
    const markedBy = (await this.markRowKeys(tenantId, networkId, postId)).map((rowKey) => fromKey(rowKey.slice(prefix.length)));
    return toStored(entity, markedBy);
  }

  /** A network's posted posts with their Helpful counts; reads one partition (posts, then marks). */
  async listPosted(tenantId: string, networkId: string): Promise<Post[]> {
    const partitionKey = partitionOf(tenantId, networkId);
    const counts = new Map<string, number>();
    const marks = odata`PartitionKey eq ${partitionKey} and RowKey ge ${'h_'} and RowKey lt ${'h_~'}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter: marks, select: ['postId'] } })) {
      const postId = String(entity.postId);
      counts.set(postId, (counts.get(postId) ?? 0) + 1);
    }
    const found: Post[] = [];
    const posts = odata`PartitionKey eq ${partitionKey} and RowKey ge ${'p_'} and RowKey lt ${'p_~'} and status eq ${'posted'}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter: posts } })) {
      const { post } = toStored(entity, []);
      found.push({ ...post, helpfulCount: counts.get(post.postId) ?? 0 });
    }
    return found;
  }

  private async markRowKeys(tenantId: string, networkId: string, postId: string): Promise<string[]> {
    const partitionKey = partitionOf(tenantId, networkId);
    const prefix = markPrefix(postId);
    const keys: string[] = [];
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) keys.push(String(entity.rowKey));
    return keys;
  }

  /** Whether the person has marked the post helpful. */
  async hasMarked(tenantId: string, networkId: string, postId: string, personId: string): Promise<boolean> {
    return (await getIfExists(this.table, partitionOf(tenantId, networkId), markKey(postId, personId))) !== undefined;
  }

  /**
   * Adds the person's "Helpful" mark or takes it away. The mark is one row per post and person: creating it twice fails
   * (409), so a repeated click can only toggle, never count twice. Returns the post with its new count.
   * `justRead` is the post as the caller has just read it (with its marks), so the first attempt need not read it again.
   */
  async toggleHelpful(
    tenantId: string,
    networkId: string,
    postId: string,
    personId: string,
    now: Date,
    justRead?: StoredPost,
  ): Promise<{ marked: boolean; post: StoredPost } | undefined> {
    const partitionKey = partitionOf(tenantId, networkId);
    const rowKey = markKey(postId, personId);
    let stored = justRead;
    for (let attempt = 1; ; attempt += 1) {
      stored ??= await this.get(tenantId, networkId, postId);
      if (!stored || stored.status !== 'posted') return undefined;
      const marked = stored.markedBy.includes(personId.toLowerCase());
      try {
        if (marked) await this.table.deleteEntity(partitionKey, rowKey);
        else await this.table.createEntity({ partitionKey, rowKey, type: 'helpful', tenantId, networkId, postId, personId: personId.toLowerCase(), marked: now });
      } catch (error) {
        // Their other click got there first: look again and toggle from what is stored now.
        if (!isConflict(error) && !isNotFound(error)) throw error;
        // Still crossing after a few tries (a mark row gone as well as one already there): a conflict either way.
        if (attempt >= MAX_TOGGLE_ATTEMPTS) throw new AppError('conflict', undefined, { cause: error });
        stored = undefined;
        continue;
      }
      const after = await this.get(tenantId, networkId, postId);
      if (!after) {
        // Removed meanwhile: take the mark back out so no orphan is left.
        if (!marked) await deleteIfExists(this.table, partitionKey, rowKey);
        return undefined;
      }
      return { marked: !marked, post: after };
    }
  }

  /** Marks a question answered (not an edit: `updated` stays); true when this call changed it. */
  async setAnswered(stored: StoredPost, now: Date): Promise<boolean> {
    if (stored.post.answered) return false;
    await this.table.updateEntity(
      { partitionKey: partitionOf(stored.post.tenantId, stored.post.networkId), rowKey: postKey(stored.post.postId), answered: true, answeredAt: now },
      'Merge',
      { etag: stored.etag },
    );
    return true;
  }

  /** Replaces the title, text, link and tags, only if nobody changed the post since it was read. */
  async edit(stored: StoredPost, draft: PostDraft, now: Date): Promise<void> {
    await this.table.updateEntity(
      {
        partitionKey: partitionOf(stored.post.tenantId, stored.post.networkId),
        rowKey: postKey(stored.post.postId),
        title: draft.title,
        text: draft.text,
        link: draft.link ?? '',
        tags: JSON.stringify(draft.tags),
        updated: now,
      },
      'Merge',
      { etag: stored.etag },
    );
  }

  /** Deletes the post and its "Helpful" marks; the post row goes in the first transaction, so it is never half there. */
  async remove(tenantId: string, networkId: string, postId: string): Promise<number> {
    const partitionKey = partitionOf(tenantId, networkId);
    const rows = [postKey(postId), ...(await this.markRowKeys(tenantId, networkId, postId))];
    try {
      for (let i = 0; i < rows.length; i += 100) {
        await this.table.submitTransaction(rows.slice(i, i + 100).map((rowKey) => ['delete', { partitionKey, rowKey }]));
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return 0;
    }
    return 1;
  }

  /** Remembers that the person acted in the network's conversation (which proves membership). */
  async rememberMember(tenantId: string, networkId: string, personId: string, now: Date): Promise<void> {
    await this.table.upsertEntity({ partitionKey: partitionOf(tenantId, networkId), rowKey: memberKey(personId), type: 'member', tenantId, networkId, personId: personId.toLowerCase(), seen: now }, 'Replace');
  }

  /** When the person was last seen acting in the network, if ever. */
  async memberSeen(tenantId: string, networkId: string, personId: string): Promise<Date | undefined> {
    const entity = await getIfExists<{ seen: Date }>(this.table, partitionOf(tenantId, networkId), memberKey(personId));
    return entity ? new Date(entity.seen) : undefined;
  }

  /** Everything held about a person across the tenant's networks: their posts, "Helpful" marks and member rows. */
  async heldAbout(tenantId: string, personId: string): Promise<{ posts: Post[]; marks: HelpfulMark[]; memberships: { networkId: string; seen: Date }[] }> {
    const posts: Post[] = [];
    const marks: HelpfulMark[] = [];
    const memberships: { networkId: string; seen: Date }[] = [];
    const lower = personId.toLowerCase();
    const filter = odata`tenantId eq ${tenantId} and (authorId eq ${lower} or personId eq ${lower})`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter } })) {
      const rowKey = String(entity.rowKey);
      if (rowKey.startsWith('p_')) {
        const { post } = toStored(entity, []);
        posts.push({ ...post, helpfulCount: (await this.markRowKeys(post.tenantId, post.networkId, post.postId)).length });
      }
      else if (rowKey.startsWith('h_')) {
        const mark = markRow.parse(entity);
        marks.push({ ...mark });
      } else if (rowKey.startsWith('m_')) memberships.push({ networkId: String(entity.networkId), seen: new Date(String(entity.seen)) });
    }
    return { posts, marks, memberships };
  }

  /** Erases a person's posts (with everyone's marks on them), their marks on others' posts (counts follow) and member rows. */
  async eraseFor(tenantId: string, personId: string): Promise<number> {
    const held = await this.heldAbout(tenantId, personId);
    let erased = 0;
    for (const post of held.posts) erased += await this.remove(post.tenantId, post.networkId, post.postId);
    for (const mark of held.marks) {
      if (held.posts.some((p) => p.networkId === mark.networkId && p.postId === mark.postId)) continue;
      if (await deleteIfExists(this.table, partitionOf(mark.tenantId, mark.networkId), markKey(mark.postId, mark.personId))) erased += 1;
    }
    for (const membership of held.memberships) {
      if (await deleteIfExists(this.table, partitionOf(tenantId, membership.networkId), memberKey(personId))) erased += 1;
    }
    return erased;
  }

  /** Deletes posts not updated since `cutoff` (with their marks); for retention. Returns how many posts went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const old: { tenantId: string; networkId: string; postId: string }[] = [];
    const filter = odata`type eq 'post' and updated lt ${cutoff}`;
    for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['tenantId', 'networkId', 'postId'] } })) {
      old.push({ tenantId: String(entity.tenantId), networkId: String(entity.networkId), postId: String(entity.postId) });
    }
    let purged = 0;
    for (const post of old) purged += await this.remove(post.tenantId, post.networkId, post.postId);
    return purged;
  }

  private postEntity(post: Post) {
    return {
      partitionKey: partitionOf(post.tenantId, post.networkId),
      rowKey: postKey(post.postId),
      type: 'post',
      tenantId: post.tenantId,
      networkId: post.networkId,
      postId: post.postId,
      kind: post.kind,
      authorId: post.authorId.toLowerCase(),
      authorName: post.authorName,
      authorUserId: post.authorUserId ?? '',
      title: post.title,
      text: post.text,
      link: post.link ?? '',
      tags: JSON.stringify(post.tags),
      answered: post.answered,
      activityId: post.activityId ?? '',
      created: post.created,
      updated: post.updated,
    };
  }
}

function toStored(entity: unknown, markedBy: readonly string[]): StoredPost {
  const row = postRow.parse(entity);
  return {
    post: {
      tenantId: row.tenantId,
      networkId: row.networkId,
      postId: row.postId,
      kind: row.kind,
      authorId: row.authorId,
      authorName: row.authorName,
      authorUserId: row.authorUserId || undefined,
      title: row.title,
      text: row.text,
      link: row.link || undefined,
      tags: tagListSchema.parse(JSON.parse(row.tags)),
      helpfulCount: markedBy.length,
      answered: row.answered,
      activityId: row.activityId || undefined,
      created: row.created,
      updated: row.updated,
    },
    status: row.status,
    reference: row.reference ? conversationReferenceSchema.parse(JSON.parse(row.reference)) : undefined,
    etag: row.etag ?? '',
    markedBy,
  };
}

