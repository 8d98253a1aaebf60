// What `privacy export` and `privacy delete` cover of network posts: a person's posts, Helpful marks and memberships.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import type { PostRepository } from './postRepository';

/** Network posts the person wrote and their "Helpful" marks; erasing removes their posts from search and digests. */
export function postsSource(posts: PostRepository): PersonalDataSource {
  return {
    name: 'posts',
    async exportFor(tenantId, aadObjectId) {
      const held = await posts.heldAbout(tenantId, aadObjectId);
      return {
        posts: held.posts.map((p) => ({
          networkId: p.networkId,
          kind: p.kind,
          title: p.title,
          text: p.text,
          link: p.link,
          tags: p.tags,
          helpfulCount: p.helpfulCount,
          answered: p.answered,
          created: p.created.toISOString(),
          updated: p.updated.toISOString(),
        })),
        helpfulMarks: held.marks.map((m) => ({ networkId: m.networkId, postId: m.postId, marked: m.marked.toISOString() })),
        networksSeenIn: held.memberships.map((m) => ({ networkId: m.networkId, seen: m.seen.toISOString() })),
      };
    },
    eraseFor: (tenantId, aadObjectId) => posts.eraseFor(tenantId, aadObjectId),
  };
}
