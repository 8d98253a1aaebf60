// Network posts: share an idea or ask a question between meetings (`share`, `ask`, `find`, `network tags`), the post
// cards' actions (held when they suggest risk), and the end-of-half-term digest.
import { retentionCutoff } from '../../domain/retention';
import { defineFeature } from '../../routing/feature';
import { postCard, postDigestCard, postDraftCard, postFormCard, postResultsCard } from './cards/post';
import * as postAnswered from './cardActions/postAnswered';
import * as postDiscard from './cardActions/postDiscard';
import * as postEdit from './cardActions/postEdit';
import * as postEditForm from './cardActions/postEditForm';
import * as postHelpful from './cardActions/postHelpful';
import * as postRemove from './cardActions/postRemove';
import * as postReopen from './cardActions/postReopen';
import * as postSendAnyway from './cardActions/postSendAnyway';
import * as postSubmit from './cardActions/postSubmit';
import * as postView from './cardActions/postView';
import * as networkTags from './commands/networkTags';
import * as posts from './commands/posts';
import { networkDigestSource } from './digestSource';
import * as networkDigest from './jobs/networkDigest';
import { postsSource } from './personalData';
import { POSTS_TABLE, PostRepository } from './postRepository';

export interface PostsServices {
  /** Network posts (share/ask), their Helpful marks, each network's tag list and members seen acting. */
  readonly posts: PostRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends PostsServices {}
}

export const postsFeature = defineFeature({
  name: 'posts',
  cards: [postCard, postDigestCard, postDraftCard, postFormCard, postResultsCard],
  tables: [POSTS_TABLE],
  services: ({ platform }): PostsServices => ({ posts: new PostRepository(platform.storage) }),
  commands: [
    { ...posts.shareRoute, handle: posts.share },
    { ...posts.askRoute, handle: posts.ask },
    { ...posts.findRoute, handle: posts.find },
    { ...networkTags.route, handle: networkTags.handle },
  ],
  cardActions: [
    postSubmit.action,
    postHelpful.action,
    postAnswered.action,
    postEditForm.action,
    postEdit.action,
    postRemove.action,
    postSendAnyway.action,
    postDiscard.action,
    postReopen.action,
    postView.action,
  ],
  fanoutJobs: [{ kind: networkDigest.NETWORK_DIGEST_JOB, handle: networkDigest.handle }],
  dueSources: [networkDigestSource],
  personalData: (services) => [postsSource(services.posts)],
  retention: ({ posts: stored, config }) => [
    { kind: 'posts', purgeExpired: (now) => stored.purgeOlderThan(retentionCutoff(now, config.RETENTION_POSTS_MONTHS)) },
  ],
});
