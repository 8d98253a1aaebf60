// Network post cards: the share/ask form, the post itself (Helpful, Answered, Edit, Remove), a draft held for urgent
// help (Post anyway / Don't post), find results and the digest.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import postFormTemplate from './postForm.json';
import postDraftTemplate from './postDraft.json';
import postTemplate from './post.json';
import postResultsTemplate from './postResults.json';
import postDigestTemplate from './postDigest.json';

/** Every post card verb; each card action exports its own, and the templates get them as data. */
export const POST_VERBS = {
  submit: 'post.submit',
  helpful: 'post.helpful',
  answered: 'post.answered',
  editForm: 'post.editForm',
  edit: 'post.edit',
  remove: 'post.remove',
  /** The card's refresh: the author sees their own post without a Helpful button. */
  view: 'post.view',
  /** A draft held because it suggests risk: post (or save) it as written, */
  sendAnyway: 'post.sendAnyway',
  /** ...or don't, */
  discard: 'post.discard',
  /** ...and, after not posting, the form again with the text kept. */
  reopen: 'post.reopen',
} as const;

export const postFormCard = defineCard(
  'postForm',
  postFormTemplate,
  z.object({
    heading: z.string().min(1),
    hint: z.string().min(1),
    network: z.string().min(1),
    verb: z.string().min(1),
    kind: z.enum(['share', 'ask']),
    networkId: z.string().min(1),
    postId: z.string().optional(),
    title: z.string().default(''),
    text: z.string().default(''),
    link: z.string().default(''),
    tags: z.string().default(''),
    tagChoices: z.array(z.object({ title: z.string(), value: z.string() })),
    maxTitle: z.number().int(),
    maxText: z.number().int(),
    maxLink: z.number().int(),
    submitTitle: z.string().min(1),
  }),
);

/**
 * A notice about a draft that has not been posted, with buttons. The draft itself is not in the template: each button's
 * data gets it in code (posts/heldDrafts.ts), exactly as written, so templating never changes a character.
 */
export const postDraftCard = defineCard(
  'postDraft',
  postDraftTemplate,
  z.object({
    title: z.string().min(1),
    network: z.string().min(1),
    message: z.string().min(1),
    details: z.array(z.string()).default([]),
    actions: z.array(z.object({ title: z.string().min(1), verb: z.string().min(1), style: z.enum(['default', 'positive', 'destructive']).default('default') })).max(3),
  }),
);

export const postCard = defineCard(
  'post',
  postTemplate,
  z.object({
    kindLabel: z.string().min(1),
    network: z.string().min(1),
    title: z.string().min(1),
    text: z.string().min(1),
    link: z.string().optional(),
    tags: z.string().optional(),
    byline: z.string().min(1),
    helpfulTitle: z.string().min(1),
    canMarkHelpful: z.boolean(),
    /** In place of the button on the author's own view: how many found it helpful. */
    helpfulNote: z.string().optional(),
    /** Who Teams refreshes the card for (their own view): the author. */
    refreshUserIds: z.array(z.string()),
    answered: z.boolean(),
    canMarkAnswered: z.boolean(),
    networkId: z.string().min(1),
    postId: z.string().min(1),
    verbs: z.object({ helpful: z.string(), answered: z.string(), editForm: z.string(), remove: z.string(), view: z.string() }),
  }),
);

const listedPost = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  excerpt: z.string().optional(),
  url: z.string().optional(),
});

export const postResultsCard = defineCard(
  'postResults',
  postResultsTemplate,
  z.object({
    title: z.string().min(1),
    message: z.string().min(1),
    results: z.array(listedPost),
    hint: z.string().optional(),
  }),
);

export const postDigestCard = defineCard(
  'postDigest',
  postDigestTemplate,
  z.object({
    network: z.string().min(1),
    halfTerm: z.string().min(1),
    counts: z.array(z.object({ title: z.string(), value: z.string() })),
    mostHelpful: z.array(listedPost),
    unanswered: z.array(listedPost),
    footer: z.string().min(1),
  }),
);
