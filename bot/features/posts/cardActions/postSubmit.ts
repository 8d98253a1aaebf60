// `post.submit`: the share/ask form. The risk check runs first, on what was typed. A form with problems (empty, too long,
// a bad link, unknown tags) comes back as typed, each problem by its field. A post that does not suggest risk is
// stored as pending, its card posted to the network, then marked posted (if the card cannot be posted the stored row is
// removed, so nothing is half-written). One that does is held: nothing is stored or posted, and the author gets the
// urgent-help lines first and chooses "Post anyway" or "Don't post" (bot/cardActions/postSendAnyway.ts, postDiscard.ts, postReopen.ts).
import { z } from 'zod';
import { POST_VERBS } from '../cards/post';
import { assessTexts, type RiskAssessment } from '../../safeguarding';
import { newPost, readPostForm } from '../domain/posts';
import { forbidden, notFound, validationError } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { cardFields, defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { draftTexts, HELD_PRIVATELY, heldDraftCard, newDraftId, refusedDraftCard, typedFields, urgentHelpThen, type HeldDraft } from '../heldDrafts';
import { networkMembership, tagsOf } from '../flows';
import { newPostForm, postFormAgain } from '../postForms';
import { publishedNotice, publishPost } from '../publish';
import type { Network } from '../../networks';

export const VERB = POST_VERBS.submit;

const dataSchema = z.object({ kind: z.enum(['share', 'ask']), networkId: z.string().min(1).max(100) });

const OUT_OF_DATE = 'This form is out of date: type "share" or "ask" again. Nothing was posted.';

/** The form as sent: the risk check reads what was typed first, even on a form with the wrong kind or network. */
export const action = defineCardAction({ verb: VERB, data: cardFields, outOfDate: OUT_OF_DATE, handle });

export async function handle(input: CardActionInputOf<typeof cardFields>, services: Services): Promise<CardActionResult> {
  // Before anything else is done with the text: what the person typed, read as it came.
  const risk = assessTexts(draftTexts(input.data), services);
  if (risk.risk) return hold(input, risk, services);

  const parsed = dataSchema.safeParse(input.data);
  if (!parsed.success) throw validationError(OUT_OF_DATE);
  const network = await services.networks.get(input.caller.tenantId, parsed.data.networkId);
  if (!network) throw notFound('That network no longer exists. Nothing was posted.');
  // The whole form is checked before anything is written (the membership is remembered only once posted).
  const tags = await tagsOf(network, services);
  const { draft, problems, fields } = readPostForm(input.data, tags);
  if (!draft) {
    if (fields.length === 0) throw validationError('Nothing was posted yet: fix this and press the button again.', problems);
    return postFormAgain(newPostForm(parsed.data.kind, network, tags, services), input.data, 'Nothing was posted yet: fix what is marked below and press the button again.', fields);
  }
  const membership = await networkMembership(network, input.caller, input.place, services, input.now);
  if (!membership.member) throw forbidden(`Only members of ${network.name} can post there. Nothing was posted.`);
  const post = newPost(network, input.caller, services.ids.newId(), parsed.data.kind, draft, input.now);
  const outcome = await publishPost(post, network, membership, services, false);
  return { card: publishedNotice(outcome, post.kind, network, services) };
}

/**
 * A draft that suggests risk: nothing is stored or posted. The author gets urgent help first, then the choice; or,
 * when the form cannot be posted as it is (problems, no network, not a member), urgent help first and then why.
 */
async function hold(input: CardActionInput, risk: RiskAssessment, services: Services): Promise<CardActionResult> {
  const context = { risk, caller: input.caller, now: input.now, route: 'post-submit' as const };
  let network: Network | undefined;
  let held: HeldDraft | undefined;
  try {
    const parsed = dataSchema.safeParse(input.data);
    if (!parsed.success) throw validationError(OUT_OF_DATE);
    network = await services.networks.get(input.caller.tenantId, parsed.data.networkId);
    if (!network) throw notFound('That network no longer exists. Nothing was posted.');
    held = { mode: 'new', kind: parsed.data.kind, networkId: network.networkId, postId: newDraftId(services) };
    const { draft, problems } = readPostForm(input.data, await tagsOf(network, services));
    if (!draft) throw validationError('Nothing was posted: the form needs changing first.', problems);
    const membership = await networkMembership(network, input.caller, input.place, services, input.now);
    if (!membership.member) throw forbidden(`Only members of ${network.name} can post there. Nothing was posted.`);
    return { card: await heldDraftCard(held, draft, network, context, services), privately: HELD_PRIVATELY };
  } catch (thrown) {
    return { card: await urgentHelpThen(refusedDraftCard(thrown, network, held, typedFields(input.data), services), context, network?.area, services), privately: HELD_PRIVATELY };
  }
}
