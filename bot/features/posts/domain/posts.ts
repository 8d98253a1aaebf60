// Network posts between meetings (what the areas' Yammer groups were for): the form's rules, ranked search over a
// network's posts, unanswered questions, the half-term digest and the link back to the message. Pure: time is a parameter.
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { indexTerm, stem, tokenize, typoTolerance } from '../../../domain/searchText';
import type { ConversationReference } from '../../../events';

export type PostKind = 'share' | 'ask';

export const MAX_TITLE = 120;
export const MAX_TEXT = 2000;
export const MAX_LINK = 500;
export const MAX_TAGS = 5;
/** A tag as coordinators write it: short, lower-case words. */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9 &/-]{0,29}$/;
export const MAX_NETWORK_TAGS = 30;
/** Questions open this long are listed by `find unanswered` and the digest, so someone picks them up. */
export const UNANSWERED_AFTER_DAYS = 3;
export const MAX_QUERY_LENGTH = 300;

export interface Post {
  readonly tenantId: string;
  readonly networkId: string;
  readonly postId: string;
  readonly kind: PostKind;
  readonly authorId: string;
  readonly authorName: string;
  /** The author's Teams user id (29:...), when the client sent it: the posted card refreshes for them to their own view. */
  readonly authorUserId?: string;
  readonly title: string;
  readonly text: string;
  readonly link?: string;
  readonly tags: readonly string[];
  readonly helpfulCount: number;
  readonly answered: boolean;
  /** The posted message's id, once the card is in the conversation. */
  readonly activityId?: string;
  readonly created: Date;
  readonly updated: Date;
}

/** A post row is `pending` while its card is being posted; only `posted` rows are found, counted and digested. */
export type PostStatus = 'pending' | 'posted';

export interface StoredPost {
  readonly post: Post;
  readonly status: PostStatus;
  /** Where the card is, for refreshing it in place. */
  readonly reference?: ConversationReference;
  readonly etag: string;
  /** Who has marked it helpful (lower-case Entra object ids), read with the post; `post.helpfulCount` is how many. */
  readonly markedBy: readonly string[];
}

export interface HelpfulMark {
  readonly tenantId: string;
  readonly networkId: string;
  readonly postId: string;
  readonly personId: string;
  readonly marked: Date;
}

export interface PostDraft {
  readonly title: string;
  readonly text: string;
  readonly link?: string;
  readonly tags: readonly string[];
}

/** A post as first published from a draft: no Helpful marks yet, not answered, created and updated now. */
export function newPost(
  network: { readonly tenantId: string; readonly networkId: string },
  author: { readonly aadObjectId: string; readonly name: string; readonly teamsUserId?: string },
  postId: string,
  kind: PostKind,
  draft: PostDraft,
  now: Date,
): Post {
  return {
    tenantId: network.tenantId,
    networkId: network.networkId,
    postId,
    kind,
    authorId: author.aadObjectId,
    authorName: author.name,
    authorUserId: author.teamsUserId,
    ...draft,
    helpfulCount: 0,
    answered: false,
    created: now,
    updated: now,
  };
}

/** Tags arrive from a multi-select as "a,b" (Teams) or as an array (other clients). */
const tagsInput = z.union([z.string(), z.array(z.string())]).optional();

export const postFormSchema = z.object({
  title: z.string().optional(),
  text: z.string().optional(),
  link: z.string().optional(),
  tags: tagsInput,
});

export function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A problem with one field of the post form, named by the field (the form's input id). */
export interface PostFormProblem {
  readonly field: 'title' | 'text' | 'link' | 'tags';
  readonly message: string;
}

export interface PostFormReading {
  readonly draft?: PostDraft;
  /** Every problem, each saying the limit or what to choose. */
  readonly problems: string[];
  /** The same problems by field; empty when the form could not be read at all (it is out of date, not to be fixed). */
  readonly fields: PostFormProblem[];
}

/** Reads the post form; every problem at once, each saying the limit or what to choose. */
export function readPostForm(raw: unknown, networkTags: readonly string[]): PostFormReading {
  const parsed = postFormSchema.safeParse(raw);
  if (!parsed.success) return { problems: ['The form is out of date: type "share" or "ask" again for a new one.'], fields: [] };
  const fields: PostFormProblem[] = [];
  const problem = (field: PostFormProblem['field'], message: string) => fields.push({ field, message });
  const title = (parsed.data.title ?? '').trim();
  const text = (parsed.data.text ?? '').replace(/\r\n/g, '\n').trim();
  const link = (parsed.data.link ?? '').trim();
  if (title.length === 0) problem('title', 'Give the post a title.');
  else if (title.length > MAX_TITLE) problem('title', `The title is ${title.length} characters; keep it to ${MAX_TITLE}.`);
  if (text.length === 0) problem('text', 'Write the idea, question or resource: the text is empty.');
  else if (text.length > MAX_TEXT) problem('text', `The text is ${text.length} characters; keep it to ${MAX_TEXT} (put longer material in a linked document).`);
  if (link.length > 0) {
    if (link.length > MAX_LINK) problem('link', `The link is over ${MAX_LINK} characters; share a shorter link.`);
    else if (!isWebLink(link)) problem('link', 'The link must be a web address starting with https:// or http://.');
  }
  const rawTags = parsed.data.tags === undefined ? [] : Array.isArray(parsed.data.tags) ? parsed.data.tags : parsed.data.tags.split(',');
  const tags = [...new Set(rawTags.map(normaliseTag).filter((t) => t.length > 0))];
  const known = new Set(networkTags.map(normaliseTag));
  const unknown = tags.filter((t) => !known.has(t));
  // Only tag-shaped words are named back: anything else in the field (pasted text, control characters) is not echoed.
  const nameable = unknown.filter((t) => TAG_PATTERN.test(t)).slice(0, 5);
  if (unknown.length > 0) {
    const named =
      nameable.length > 0
        ? `Unknown tag${unknown.length > 1 ? 's' : ''}: ${nameable.join(', ')}${unknown.length > nameable.length ? ' and others' : ''}`
        : `${unknown.length > 1 ? 'Those tags are' : 'That tag is'} not on this network's list`;
    problem('tags', `${named}. Choose from: ${networkTags.join(', ')}.`);
  }
  if (tags.length > MAX_TAGS) problem('tags', `Choose up to ${MAX_TAGS} tags.`);
  if (fields.length > 0) return { problems: fields.map((f) => f.message), fields };
  return { draft: { title, text, link: link || undefined, tags }, problems: [], fields };
}

export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A network's tag list as a coordinator types it: "anxiety, attendance, staff wellbeing". */
export function parseTagList(text: string): { tags: string[]; problems: string[] } {
  const tags = [...new Set(text.split(/[,\n]/).map(normaliseTag).filter((t) => t.length > 0))];
  const problems: string[] = [];
  const bad = tags.filter((t) => !TAG_PATTERN.test(t));
  if (tags.length === 0) problems.push('List the tags separated by commas, e.g. anxiety, attendance, staff wellbeing.');
  if (bad.length > 0) problems.push(`Tags are up to 30 lower-case letters, digits, spaces or dashes; fix: ${bad.slice(0, 5).map((t) => t.slice(0, 40)).join(', ')}.`);
  if (tags.length > MAX_NETWORK_TAGS) problems.push(`A network has up to ${MAX_NETWORK_TAGS} tags; you listed ${tags.length}.`);
  return { tags, problems };
}

export interface RankedPost {
  readonly post: Post;
  readonly score: number;
}

/** Two scores this close are a tie, so the newer post comes first. */
const TIE = 1e-6;

/** Ranked search over posts (title, text, tags) with the same stemming and typo tolerance as the contacts directory. */
export class PostIndex {
  private readonly search: MiniSearch<{ id: string }>;
  private readonly byId: Map<string, Post>;
  private readonly vocabulary = new Set<string>();

  constructor(posts: readonly Post[]) {
    this.byId = new Map(posts.map((p) => [`${p.networkId}/${p.postId}`, p]));
    const known = (term: string) => this.vocabulary.has(term);
    this.search = new MiniSearch<{ id: string }>({
      fields: ['title', 'text', 'tags'],
      extractField: (document, field) => {
        const post = this.byId.get(document.id);
        if (!post) return '';
        if (field === 'id') return document.id;
        if (field === 'tags') return post.tags.join(' ');
        return field === 'title' ? post.title : field === 'text' ? `${post.text} ${post.link ?? ''}` : '';
      },
      processTerm: indexTerm(this.vocabulary),
      searchOptions: {
        processTerm: (term) => {
          const lower = term.toLowerCase();
          return lower.length < 2 ? null : stem(lower);
        },
        boost: { tags: 3, title: 2, text: 1 },
        ...typoTolerance(known),
        combineWith: 'OR',
      },
    });
    this.search.addAll([...this.byId.keys()].map((id) => ({ id })));
  }

  /** Best matches first; equal scores newest first. */
  find(words: string, limit: number): RankedPost[] {
    const query = tokenize(words.replace(/#/g, ' ')).join(' ').trim();
    if (query.length === 0) return [];
    const ranked: RankedPost[] = [];
    for (const hit of this.search.search(query)) {
      const post = this.byId.get(String(hit.id));
      if (post) ranked.push({ post, score: hit.score });
    }
    return ranked
      .sort((a, b) => (Math.abs(a.score - b.score) > TIE * Math.max(a.score, b.score) ? b.score - a.score : b.post.created.getTime() - a.post.created.getTime()))
      .slice(0, limit);
  }
}

/** Questions nobody has marked answered, asked at least `days` ago, oldest first (they have waited longest). */
export function unansweredQuestions(posts: readonly Post[], now: Date, days = UNANSWERED_AFTER_DAYS): Post[] {
  const before = now.getTime() - days * 86_400_000;
  return posts.filter((p) => p.kind === 'ask' && !p.answered && p.created.getTime() <= before).sort((a, b) => a.created.getTime() - b.created.getTime());
}

export interface Digest {
  readonly mostHelpful: readonly Post[];
  readonly unanswered: readonly Post[];
  readonly counts: { readonly shared: number; readonly asked: number; readonly answered: number; readonly helpful: number };
}

/** The half-term's digest: posts made from `from` to `to`, the most helpful first, and every open question. */
export function digestOf(posts: readonly Post[], from: Date, to: Date, limit = 5): Digest {
  const inWindow = posts.filter((p) => p.created >= from && p.created < to);
  const mostHelpful = inWindow
    .filter((p) => p.helpfulCount > 0)
    .sort((a, b) => b.helpfulCount - a.helpfulCount || b.created.getTime() - a.created.getTime())
    .slice(0, limit);
  const unanswered = posts.filter((p) => p.kind === 'ask' && !p.answered && p.created < to).sort((a, b) => a.created.getTime() - b.created.getTime()).slice(0, limit);
  return {
    mostHelpful,
    unanswered,
    counts: {
      shared: inWindow.filter((p) => p.kind === 'share').length,
      asked: inWindow.filter((p) => p.kind === 'ask').length,
      answered: inWindow.filter((p) => p.kind === 'ask' && p.answered).length,
      helpful: inWindow.reduce((sum, p) => sum + p.helpfulCount, 0),
    },
  };
}

/** Where a network lives, for the link to a message in it. */
export interface MessageHome {
  readonly tenantId: string;
  /** The channel id for a channel network, the chat id otherwise. */
  readonly conversationId: string;
  readonly isChannel: boolean;
}

/** The Teams deep link to a posted message: https://teams.microsoft.com/l/message/{channel or chat id}/{message id}. */
export function messageLink(home: MessageHome, messageId: string): string {
  const base = `https://teams.microsoft.com/l/message/${encodeURIComponent(home.conversationId)}/${encodeURIComponent(messageId)}`;
  if (home.isChannel) return `${base}?tenantId=${encodeURIComponent(home.tenantId)}&parentMessageId=${encodeURIComponent(messageId)}`;
  return `${base}?context=${encodeURIComponent(JSON.stringify({ contextType: 'chat' }))}`;
}
