// `post.edit`: the author's changes, checked like a new post (a form with problems comes back as typed, each problem by
// its field), saved only if nobody changed the post meanwhile; the posted card refreshes in place. An edit that suggests
// someone is at risk is held before anything is saved, like a new post: urgent help first, then "Save anyway" or
// "Don't save" (bot/cardActions/postSendAnyway.ts, postDiscard.ts, postReopen.ts).
import { POST_VERBS } from '../cards/post';
import { assessTexts, type RiskAssessment } from '../../safeguarding';
import { readPostForm } from '../domain/posts';
import { validationError } from '../../../errors';
import type { CardActionInput, CardActionResult } from '../../../events';
import type { Services } from '../../../platform/services';
import { cardFields, defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { draftTexts, HELD_PRIVATELY, heldDraftCard, refusedDraftCard, typedFields, urgentHelpThen, type HeldDraft } from '../heldDrafts';
import { postForAction, requireAuthor, tagsOf, type PostInNetwork } from '../flows';
import { editPostForm, postFormAgain } from '../postForms';
import { saveEdit } from '../publish';
import type { Network } from '../../networks';

export const VERB = POST_VERBS.edit;

/** The form as sent: the risk check reads what was typed before anything else is done with it. */
export const action = defineCardAction({ verb: VERB, data: cardFields, outOfDate: 'This card is out of date. Nothing was changed.', handle });

export async function handle(input: CardActionInputOf<typeof cardFields>, services: Services): Promise<CardActionResult> {
  // Before anything else is done with the text.
  const risk = assessTexts(draftTexts(input.data), services);
  if (risk.risk) return hold(input, risk, services);
  const found = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
  requireAuthor(found.stored, input.caller, 'edit it');
  const tags = await editTagsOf(found, services);
  const { draft, problems, fields } = readPostForm(input.data, tags);
  if (!draft) {
    if (fields.length === 0) throw validationError('Nothing was changed yet: fix this and press Save again.', problems);
    return postFormAgain(editPostForm(found.network, found.stored, tags, services), input.data, 'Nothing was changed yet: fix what is marked below and press Save again.', fields);
  }
  const card = await saveEdit(found.network, found.stored, draft, input.now, services, false);
  await found.rememberMembership();
  return { card };
}

/** The tags an edit may have: the network's, and those already on the post (even if a coordinator has since taken
 * them off the network's list). */
async function editTagsOf(found: PostInNetwork, services: Services): Promise<string[]> {
  return [...new Set([...(await tagsOf(found.network, services)), ...found.stored.post.tags])];
}

/** The edited form, read with the tags it may have. */
export async function readEdit(data: unknown, found: PostInNetwork, services: Services, refusal: string) {
  const { draft, problems } = readPostForm(data, await editTagsOf(found, services));
  if (!draft) throw validationError(refusal, problems);
  return draft;
}

/** An edit that suggests risk: nothing is saved; urgent help first, then the choice (or why it cannot be saved). */
async function hold(input: CardActionInput, risk: RiskAssessment, services: Services): Promise<CardActionResult> {
  const context = { risk, caller: input.caller, now: input.now, route: 'post-edit' as const };
  let network: Network | undefined;
  let held: HeldDraft | undefined;
  try {
    const found = await postForAction(input.data, input.caller, input.place, input.now, services, 'Nothing was changed.');
    network = found.network;
    requireAuthor(found.stored, input.caller, 'edit it');
    held = { mode: 'edit', kind: found.stored.post.kind, networkId: network.networkId, postId: found.stored.post.postId };
    const draft = await readEdit(input.data, found, services, 'Nothing was changed: the form needs changing first.');
    return { card: await heldDraftCard(held, draft, network, context, services), privately: HELD_PRIVATELY };
  } catch (thrown) {
    return { card: await urgentHelpThen(refusedDraftCard(thrown, network, held, typedFields(input.data), services), context, network?.area, services), privately: HELD_PRIVATELY };
  }
}
