// Benchmark: network posts on Azurite. (1) `find` as a Teams question runs it: read the network's partition, build the
// MiniSearch index, rank; against the naive baseline of the same read plus a substring scan. (2) "Helpful" clicked by
// many people on one post at the same moment: every click counted once (no lost or doubled marks), timed against the
// same clicks one after another. Last output line: one JSON object of figures.
import { performance } from 'node:perf_hooks';
import { PostIndex, type Post } from '../bot/features/posts/domain/posts';
import { projectRoot } from '../bot/projectRoot';
import { createStorageAccount } from '../bot/platform/storage/account';
import { startAzurite } from '../bot/platform/storage/embeddedAzurite';
import { POSTS_TABLE, PostRepository } from '../bot/features/posts/postRepository';
import type { ConversationReference } from '../bot/events';
import { percentile, printFigures, round } from './support';

const POSTS = 600;
const ROUNDS = 5;
const CLICKERS = 30;
const TENANT = 'bench-tenant';
const NETWORK = 'bench-network';
const TOPICS = ['attendance letters', 'exam anxiety group', 'transition days', 'parent workshops', 'staff wellbeing walk', 'referral forms', 'bereavement support', 'self-harm training', 'eating difficulties', 'school refusal', 'sleep hygiene', 'mindfulness sessions'];
const WORDS = 'we tried a new approach with year groups and families this term it helped pupils feel calmer and staff felt more confident about next steps'.split(' ');
const TAGS = ['anxiety', 'attendance', 'transition', 'parents', 'referrals', 'staff wellbeing'];
const QUERIES = ['attendance', 'anxiety exams', 'transition year 7', 'parents workshop', 'refferal', 'wellbeing staff', 'bereavement', 'sleep', 'school refusal attendance', 'calm'];

function generatePosts(count: number): Post[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length] as string;
    const text = Array.from({ length: 40 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    const created = new Date(Date.UTC(2025, 8, 1) + i * 3_600_000);
    return {
      tenantId: TENANT,
      networkId: NETWORK,
      postId: `post-${i}`,
      kind: i % 3 === 0 ? 'ask' : 'share',
      authorId: `person-${i % 40}`,
      authorName: `Person ${i % 40}`,
      title: `${topic} ${i}`,
      text: `${topic}: ${text}`,
      tags: [TAGS[i % TAGS.length] as string],
      helpfulCount: 0,
      answered: false,
      created,
      updated: created,
    };
  });
}

/** The naive approach: every query word must appear somewhere in the post; newest first. */
function scan(posts: readonly Post[], query: string, limit: number): Post[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  return posts
    .filter((p) => {
      const haystack = `${p.title} ${p.text} ${p.tags.join(' ')}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => b.created.getTime() - a.created.getTime())
    .slice(0, limit);
}

async function main(): Promise<void> {
  const azurite = await startAzurite({ projectRoot: projectRoot() });
  try {
    const storage = createStorageAccount(azurite.connectionString, 'benchposts');
    await storage.ensure([POSTS_TABLE]);
    const repository = new PostRepository(storage);
    const reference: ConversationReference = { bot: { id: '28:bench' }, conversation: { id: '19:bench@thread.v2' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/' };
    const writeStart = performance.now();
    const posts = generatePosts(POSTS);
    for (let i = 0; i < posts.length; i += 20) {
      await Promise.all(
        posts.slice(i, i + 20).map(async (post) => {
          await repository.createPending(post);
          await repository.markPosted(TENANT, NETWORK, post.postId, `msg-${post.postId}`, reference);
        }),
      );
    }
    const writeMs = performance.now() - writeStart;

    // (1) find: the service path (partition read + index + rank) and the baseline (partition read + scan), back to back.
    const indexed: number[] = [];
    const scanned: number[] = [];
    const indexOnly: number[] = [];
    const scanOnly: number[] = [];
    let indexedHits = 0;
    let scannedHits = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of QUERIES) {
        let start = performance.now();
        const read = await repository.listPosted(TENANT, NETWORK);
        const indexStart = performance.now();
        indexedHits += new PostIndex(read).find(query, 10).length;
        indexOnly.push(performance.now() - indexStart);
        indexed.push(performance.now() - start);
        start = performance.now();
        const again = await repository.listPosted(TENANT, NETWORK);
        const scanStart = performance.now();
        scannedHits += scan(again, query, 10).length;
        scanOnly.push(performance.now() - scanStart);
        scanned.push(performance.now() - start);
      }
    }
    for (const list of [indexed, scanned, indexOnly, scanOnly]) list.sort((a, b) => a - b);

    // (2) Helpful: CLICKERS people at once on one post, then the same number one after another on another post.
    const concurrentStart = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: CLICKERS }, (_, i) => repository.toggleHelpful(TENANT, NETWORK, 'post-1', `clicker-${i}`, new Date())));
    const concurrentMs = performance.now() - concurrentStart;
    const sequentialStart = performance.now();
    for (let i = 0; i < CLICKERS; i += 1) await repository.toggleHelpful(TENANT, NETWORK, 'post-2', `clicker-${i}`, new Date());
    const sequentialMs = performance.now() - sequentialStart;
    const concurrentPost = (await repository.get(TENANT, NETWORK, 'post-1'))?.post;
    const sequentialPost = (await repository.get(TENANT, NETWORK, 'post-2'))?.post;
    const marks = (await Promise.all(Array.from({ length: CLICKERS }, (_, i) => repository.hasMarked(TENANT, NETWORK, 'post-1', `clicker-${i}`)))).filter(Boolean).length;
    const refused = outcomes.filter((o) => o.status === 'rejected').length;

    const figures = {
      bench: 'posts',
      posts: POSTS,
      queries: indexed.length,
      findP50Ms: round(percentile(indexed, 50), 2),
      findP99Ms: round(percentile(indexed, 99), 2),
      baselineFindP50Ms: round(percentile(scanned, 50), 2),
      baselineFindP99Ms: round(percentile(scanned, 99), 2),
      findOverBaselineP50: round(percentile(indexed, 50) / percentile(scanned, 50), 2),
      indexAndRankP50Ms: round(percentile(indexOnly, 50), 2),
      scanP50Ms: round(percentile(scanOnly, 50), 2),
      resultsPerQuery: round(indexedHits / indexed.length, 2),
      baselineResultsPerQuery: round(scannedHits / scanned.length, 2),
      writeMsPerPost: round(writeMs / POSTS, 2),
      clickers: CLICKERS,
      helpfulCount: concurrentPost?.helpfulCount ?? -1,
      marksStored: marks,
      clicksRefused: refused,
      lost: CLICKERS - refused - (concurrentPost?.helpfulCount ?? 0),
      duplicated: Math.max(0, (concurrentPost?.helpfulCount ?? 0) - marks),
      concurrentClicksMs: round(concurrentMs, 0),
      sequentialClicksMs: round(sequentialMs, 0),
      sequentialCount: sequentialPost?.helpfulCount ?? -1,
      concurrentOverSequential: round(concurrentMs / sequentialMs, 2),
    };
    console.log(`${POSTS} posts written to Azurite (pending, then posted): ${figures.writeMsPerPost} ms per post`);
    console.log(`find (partition read + MiniSearch index + rank): p50 ${figures.findP50Ms} ms, p99 ${figures.findP99Ms} ms; index + rank alone p50 ${figures.indexAndRankP50Ms} ms, ${figures.resultsPerQuery} results per query`);
    console.log(`baseline (partition read + substring scan): p50 ${figures.baselineFindP50Ms} ms, p99 ${figures.baselineFindP99Ms} ms; scan alone p50 ${figures.scanP50Ms} ms, ${figures.baselineResultsPerQuery} results per query (no typos, no ranking)`);
    console.log(`find p50 / baseline p50: ${figures.findOverBaselineP50}`);
    console.log(`Helpful: ${CLICKERS} people at once -> count ${figures.helpfulCount}, marks ${marks}, refused ${refused}, lost ${figures.lost}, duplicated ${figures.duplicated}, ${figures.concurrentClicksMs} ms (one after another: ${figures.sequentialClicksMs} ms, count ${figures.sequentialCount})`);
    printFigures(figures);
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`posts benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
