// A network post (or an edit) that suggests someone is at risk is held before anything is stored or posted: the author
// gets the urgent-help lines first, then chooses "Post anyway" (the draft as written) or "Don't post". The draft rides
// in the buttons' data, which comes back untrusted: it is read again with the post form's own rules.
import { z } from 'zod';
import { noticeCard } from '../../platform/cards/notice';
import { POST_VERBS, postDraftCard } from './cards/post';
import { leadWithUrgentHelp, recordUrgentHelpShown, urgentHelpMessage, type RiskAssessment, type UrgentHelpRoute } from '../safeguarding';
import { MAX_LINK, MAX_TEXT, MAX_TITLE, normaliseTag, postFormSchema, type PostDraft } from './domain/posts';
import { asAppError, validationError } from '../../errors';
import type { AdaptiveCard, Caller } from '../../events';
import type { Services } from '../../platform/services';
import type { Network } from '../networks';

/** A draft id: the post id a held new post gets if it is posted (the ids the bot makes are UUIDs). */
const DRAFT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Which draft a held card's button is about: a new post (its future id) or an edit of a post. */
export const heldDraftSchema = z.object({
  mode: z.enum(['new', 'edit']),
  kind: z.enum(['share', 'ask']),
  networkId: z.string().min(1).max(100),
  postId: z.string().regex(DRAFT_ID),
});
export type HeldDraft = z.infer<typeof heldDraftSchema>;

/**
 * A held card's button data as its verbs' routes parse it: the draft it is about, with the form's fields kept beside
 * it for heldFields and readPostForm (readHeldDraft then takes the draft alone, so nothing else rides on into buttons).
 */
export const heldCardSchema = heldDraftSchema.loose();

/** What a held card that was changed, or is not ours, gets; `nothingDone` says what did not happen. */
export function changedHeldCard(nothingDone: string): string {
  return `This card is out of date or was changed. ${nothingDone} Type "share" or "ask" again.`;
}

/** The held card's button data, or a clear refusal for a card that was changed or is not ours. */
export function readHeldDraft(data: unknown, nothingDone: string): HeldDraft {
  const parsed = heldDraftSchema.safeParse(data);
  if (!parsed.success) throw validationError(changedHeldCard(nothingDone));
  return parsed.data;
}

export interface TypedFields {
  readonly title: string;
  readonly text: string;
  readonly link: string;
  readonly tags: string;
}

/** What a person typed in the form, as far as it can be read, capped: for the form shown again after "Don't post". */
export function typedFields(data: unknown): TypedFields {
  const parsed = postFormSchema.safeParse(data);
  return fieldsFrom(parsed.success ? parsed.data : {});
}

/** The form's fields as a held card's buttons carry them: the title and text always there (maybe empty). */
const heldFieldsSchema = postFormSchema.extend({ title: z.string(), text: z.string() });

/** The draft a held card's button carries, which must have that shape (else the card was changed). */
export function heldFields(data: unknown, nothingDone: string): TypedFields {
  const parsed = heldFieldsSchema.safeParse(data);
  if (!parsed.success) throw validationError(changedHeldCard(nothingDone));
  return fieldsFrom(parsed.data);
}

/** A held card's tags are ones its form offered: another tag means the card was changed. */
export function requireOfferedTags(fields: TypedFields, offered: readonly string[], nothingDone: string): void {
  const known = new Set(offered.map(normaliseTag));
  const tags = fields.tags.split(',').map(normaliseTag).filter((t) => t.length > 0);
  if (!tags.every((t) => known.has(t))) throw validationError(changedHeldCard(nothingDone));
}

function fieldsFrom(fields: z.infer<typeof postFormSchema>): TypedFields {
  const tags = fields.tags === undefined ? '' : Array.isArray(fields.tags) ? fields.tags.join(',') : fields.tags;
  return {
    title: (fields.title ?? '').slice(0, MAX_TITLE * 2),
    text: (fields.text ?? '').slice(0, MAX_TEXT * 2),
    link: (fields.link ?? '').slice(0, MAX_LINK * 2),
    tags: tags.slice(0, 400),
  };
}

/** The free text of a post form (title and text) as sent, for the risk check: read before anything else is done. */
export function draftTexts(data: unknown): string[] {
  const { title, text } = typedFields(data);
  return [title, text];
}

const fieldsOf = (draft: PostDraft) => ({ title: draft.title, text: draft.text, link: draft.link ?? '', tags: draft.tags.join(',') });

/** Every Action.Execute button of `card` carries `data` beside its verb. */
function withButtonData(card: AdaptiveCard, data: Record<string, unknown>): AdaptiveCard {
  const actions = Array.isArray(card.actions) ? (card.actions as Record<string, unknown>[]) : [];
  return {
    ...card,
    actions: actions.map((action) => (action.type === 'Action.Execute' ? { ...action, data: { ...(action.data as Record<string, unknown> | undefined), ...data } } : action)),
  };
}

interface UrgentContext {
  readonly risk: RiskAssessment;
  readonly caller: Caller;
  readonly now: Date;
  readonly route: Extract<UrgentHelpRoute, 'post-submit' | 'post-edit'>;
}

/** The author's reply: the area's urgent-help lines first (recorded as shown), then `card`. */
export async function urgentHelpThen(card: AdaptiveCard, context: UrgentContext, areaId: string | undefined, services: Services): Promise<AdaptiveCard> {
  const [urgent] = await Promise.all([
    urgentHelpMessage(context.caller.tenantId, areaId, services),
    recordUrgentHelpShown(context.risk, { route: context.route, caller: context.caller, areaId, now: context.now }, services),
  ]);
  return leadWithUrgentHelp(urgent, card);
}

/** The held card: urgent help, the reminder, and "Post anyway" / "Don't post" (for an edit, "Save anyway" / "Don't save"). */
export async function heldDraftCard(held: HeldDraft, draft: PostDraft, network: Network, context: UrgentContext, services: Services): Promise<AdaptiveCard> {
  const edit = held.mode === 'edit';
  const card = services.cards.render(postDraftCard, {
    title: edit ? 'Your change has not been saved yet' : held.kind === 'ask' ? 'Your question has not been posted yet' : 'Your post has not been posted yet',
    network: network.name,
    message:
      "What you wrote suggests someone may be at risk right now. Use the urgent-help lines above first: follow your setting's safeguarding procedure and tell your Designated Safeguarding Lead now.",
    details: [
      edit ? 'Nobody else has seen this change: the post stays as it was until you choose.' : `Nobody else has seen it: nothing goes to ${network.name} until you choose.`,
      edit ? '"Save anyway" saves your change exactly as you wrote it; "Don\'t save" leaves the post as it was.' : '"Post anyway" posts it exactly as you wrote it; "Don\'t post" keeps it out of the network.',
      'Never include anything that could identify a child.',
    ],
    actions: [
      { title: edit ? 'Save anyway' : 'Post anyway', verb: POST_VERBS.sendAnyway, style: 'default' },
      { title: edit ? "Don't save" : "Don't post", verb: POST_VERBS.discard, style: 'positive' },
    ],
  });
  return urgentHelpThen(withButtonData(card, { ...held, ...fieldsOf(draft) }), context, network.area, services);
}

/** After "Don't post": nothing was posted, and the form can come back with the text kept. */
export function discardedCard(held: HeldDraft, fields: TypedFields, network: Network, services: Services): AdaptiveCard {
  const edit = held.mode === 'edit';
  const card = services.cards.render(postDraftCard, {
    title: edit ? 'Nothing was changed' : 'Nothing was posted',
    network: network.name,
    message: edit
      ? `Your post in ${network.name} is as it was, and nobody saw the change. To change it later, open the edit form again: your text is kept.`
      : `Your draft was not sent to ${network.name}, and nobody else saw it. To change it and send it later, open the form again: your text is kept.`,
    details: [],
    actions: [{ title: edit ? 'Open the edit form again' : 'Open the form again', verb: POST_VERBS.reopen, style: 'default' }],
  });
  return withButtonData(card, { ...held, ...fields });
}

/** Held, but refused before the choice (the form has problems, the network has gone, not a member): the reason, with
 * the form again when there is one to fix. Urgent help comes first all the same. */
export function refusedDraftCard(thrown: unknown, network: Network | undefined, held: HeldDraft | undefined, fields: TypedFields, services: Services): AdaptiveCard {
  const error = asAppError(thrown);
  if (error.code === 'internal' || error.code === 'storage-unavailable') {
    services.logger.warn({ event: 'posts.held-refused', code: error.code, name: thrown instanceof Error ? thrown.name : 'unknown' }, 'held post refused');
  }
  if (!network || !held || error.code !== 'validation') {
    return services.cards.render(noticeCard, { title: 'Nothing was posted', message: error.userMessage, details: [...error.details], style: 'attention' });
  }
  const card = services.cards.render(postDraftCard, {
    title: held.mode === 'edit' ? 'Nothing was changed yet' : 'Nothing was posted yet',
    network: network.name,
    message: `${error.userMessage} Open the form again to fix it: your text is kept.`,
    details: [...error.details],
    actions: [{ title: held.mode === 'edit' ? 'Open the edit form again' : 'Open the form again', verb: POST_VERBS.reopen, style: 'default' }],
  });
  return withButtonData(card, { ...held, ...fields });
}

/** What the Action.Submit fallback posts in a shared conversation instead of a held draft's card (see CardActionResult). */
export const HELD_PRIVATELY = {
  sharedText: 'Nothing was posted. This version of Teams cannot show you the next step privately here: update Teams, then press the button on the form again.',
} as const;

export function newDraftId(services: Services): string {
  return services.ids.newId();
}
