// `fiveSteps.save`: a step card's ratings, notes, owners and target dates. The risk check reads the notes first (urgent
// help leads the card when one suggests a child is at risk). Then, nothing is written unless all of it can be: the
// caller must be linked to the school; a card made from an older action list, or that would overwrite someone's later
// change, is shown again as the plan is now; a note holding a pupil identifier, a too-long field or a date that is no
// date comes back in the form, each next to its field.
import { z } from 'zod';
import { asAppError, validationError } from '../../../errors';
import { noticeCard } from '../../../platform/cards/notice';
import type { AdaptiveCard, CardActionResult } from '../../../events';
import { formWithProblems, type FieldProblem } from '../../../platform/cards/formProblems';
import type { Services } from '../../../platform/services';
import { cardFields, defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { describeIdentifierKind, redactIdentifiers, scanForIdentifiers } from '../../panel';
import { assessTexts, leadWithUrgentHelp, recordUrgentHelpShown, rememberedArea, urgentHelpMessage } from '../../safeguarding';
import { PLAN_SAVE_VERB } from '../cards/plan';
import { stepOf, type FrameworkStep } from '../domain/framework';
import { actionEditSchema, applyStepEdit, changedSinceCard, emptyPlan, type ActionEdit, type Person, type Plan } from '../domain/plan';
import type { PlanChange } from '../planRepository';
import { planViewFor } from '../planAccess';
import { stepView, type PlanView } from '../planViews';
import { linkedSchool } from '../schoolAccess';

export const VERB = PLAN_SAVE_VERB;

const OUT_OF_DATE = 'This plan card could not be read, so nothing was saved. Send "plan" for a new one.';

const referenceSchema = z.object({
  areaId: z.string().min(1).max(64),
  urn: z.string().min(1).max(20),
  stepId: z.string().min(1).max(40),
  version: z.coerce.number().int().positive(),
  madeAt: z.coerce.date(),
});

type PlanSaveInput = CardActionInputOf<typeof cardFields>;

/** What the save decided, with the plan as it now stands (as written, or as it was when refused) for the card. */
type SaveOutcome = { readonly plan: Plan } & (
  | { readonly kind: 'conflict'; readonly conflicts: readonly { actionId: string; by: Person; at: Date }[] }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'saved'; readonly changed: number }
);

export const action = defineCardAction({ verb: VERB, data: cardFields, outOfDate: OUT_OF_DATE, handle });

/** The notes typed on the card, the only free text on it, for the risk check. */
function typedNotes(data: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(data)
    .filter(([key, value]) => key.startsWith('n_') && typeof value === 'string')
    .map(([, value]) => (value as string).slice(0, 2000));
}

export async function handle(input: PlanSaveInput, services: Services): Promise<CardActionResult> {
  const risk = assessTexts(typedNotes(input.data), services);
  if (!risk.risk) return save(input, services);
  let result: CardActionResult;
  try {
    result = await save(input, services);
  } catch (thrown) {
    // Not saved (not their school, out of date): urgent help still comes first, then why.
    const error = asAppError(thrown);
    result = { card: services.cards.render(noticeCard, { title: 'Your plan was not saved', message: error.userMessage, details: [...error.details], style: 'attention' }) };
  }
  const areaId = await rememberedArea(input.caller, services);
  const [urgent] = await Promise.all([
    urgentHelpMessage(input.caller.tenantId, areaId, services, 'A note on your plan suggests a child may be at risk now. Follow your safeguarding procedure and tell your Designated Safeguarding Lead now.'),
    recordUrgentHelpShown(risk, { route: 'plan-note', caller: input.caller, areaId, now: input.now }, services),
  ]);
  return { ...result, card: leadWithUrgentHelp(urgent, result.card), privately: { sharedText: 'Your plan card is shown to you alone: open it in your personal chat with me.' } };
}

async function save(input: PlanSaveInput, services: Services): Promise<CardActionResult> {
  const reference = referenceSchema.safeParse(input.data);
  if (!reference.success) throw validationError(OUT_OF_DATE);
  const { areaId, urn, stepId, version, madeAt } = reference.data;
  const school = await linkedSchool(input.caller, areaId, urn, services);
  const framework = services.fiveStepsFramework;
  const view = await planViewFor(school, input.caller, input.now, services);
  const step = stepOf(framework, stepId);
  if (!step) throw validationError(`This card is for a step the 5 Steps framework does not have, so nothing was saved. Send "plan" for your plan as it is now.`);
  if (version !== framework.version) {
    return {
      card: stepView(view, step, services, {
        text: `The list of actions changed since this card was made (version ${version}, now ${framework.version}), so nothing was saved. This is the step as it is now: make your changes again.`,
        color: 'Attention',
      }),
    };
  }

  const data = input.data;
  const known = new Set(step.actions.map((a) => a.id));
  const strange = Object.keys(data).find((key) => /^[rnot]_/.test(key) && !known.has(key.slice(2)));
  if (strange) throw validationError(`This card names an action ${step.title} does not have, so nothing was saved. Send "plan" for a new card.`);

  const edits: ActionEdit[] = [];
  const problems: FieldProblem[] = [];
  const typed: Record<string, { rating: string; note: string; owner: string; target: string }> = {};
  for (const [i, stepAction] of step.actions.entries()) {
    const id = stepAction.id;
    const raw = { actionId: id, rating: text(data[`r_${id}`]), note: text(data[`n_${id}`]), owner: text(data[`o_${id}`]), target: text(data[`t_${id}`]) };
    const parsed = actionEditSchema.safeParse(raw);
    // A note is shown back without any identifier in it, so the form never repeats one.
    const guard = { datesFromYearAllowed: input.now.getUTCFullYear() - 1 };
    const found = scanForIdentifiers(raw.note, guard);
    typed[id] = { rating: ['red', 'amber', 'green'].includes(raw.rating) ? raw.rating : '', note: found.length > 0 ? redactIdentifiers(raw.note, guard) : raw.note, owner: raw.owner, target: raw.target };
    if (found.length > 0) {
      const kinds = [...new Set(found.map((match) => match.kind))].map(describeIdentifierKind).join(' and ');
      problems.push({ field: `n_${id}`, message: `Remove ${kinds} from the note on action ${i + 1}: a plan holds no pupil's details (it has been taken out below).` });
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'note');
        const input = field === 'rating' ? 'r' : field === 'owner' ? 'o' : field === 'target' ? 't' : 'n';
        problems.push({ field: `${input}_${id}`, message: field === 'rating' ? `Choose a rating for action ${i + 1} from the list.` : `Action ${i + 1}: ${issue.message}.` });
      }
      continue;
    }
    edits.push(parsed.data);
  }
  if (problems.length > 0) {
    const form = stepView(view, step, services, undefined, typed);
    const withRedactedNotes = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, key.startsWith('n_') ? (typed[key.slice(2)]?.note ?? value) : value]));
    return { card: formWithProblems(form, withRedactedNotes, { summary: 'Nothing was saved yet: fix what is marked below and press Save again.', fields: problems }) };
  }

  const by = { aadObjectId: input.caller.aadObjectId, name: input.caller.name };
  const outcome = await services.fiveStepsPlans.change<SaveOutcome>(
    school,
    () => emptyPlan({ urn: school.urn, areaId: school.areaId, schoolName: school.schoolName }, framework),
    (_stored, plan): PlanChange<SaveOutcome> => {
      const edit = { stepId, version, edits };
      const conflicts = changedSinceCard(plan, edit, madeAt);
      if (conflicts.length > 0) return { refuse: { kind: 'conflict', conflicts, plan } };
      const applied = applyStepEdit({ ...plan, schoolName: school.schoolName }, framework, edit, by, input.now);
      if (!applied.ok) return { refuse: { kind: 'refused', detail: applied.detail, plan } };
      if (applied.changed.length === 0) return { refuse: { kind: 'unchanged', plan } };
      return { write: { plan: applied.plan, editor: by }, result: { kind: 'saved', changed: applied.changed.length, plan: applied.plan } };
    },
    input.now,
  );
  const now: PlanView = { ...view, plan: outcome.plan };
  switch (outcome.kind) {
    case 'conflict': {
      const who = [...new Set(outcome.conflicts.map((c) => c.by.name || 'someone'))].join(' and ');
      const numbers = outcome.conflicts.map((c) => step.actions.findIndex((a) => a.id === c.actionId) + 1).join(', ');
      return { card: stepView(now, step, services, { text: `${who} changed action ${numbers} after this card was opened, so nothing was saved (it would have undone their change). This is the step as it is now: make your changes again.`, color: 'Attention' }) };
    }
    case 'refused':
      throw validationError(`Nothing was saved: ${outcome.detail}. Send "plan" for a new card.`);
    case 'unchanged':
      return { card: stepView(now, step, services, { text: 'Nothing had changed, so nothing was saved.' }) };
    case 'saved':
      services.logger.info({ event: 'fiveSteps.step-saved', area: areaId, urn, step: stepId, changed: outcome.changed, by: input.caller.aadObjectId }, 'plan step saved');
      return { card: savedCard(now, step, outcome.changed, services) };
  }
}

function savedCard(view: PlanView, step: FrameworkStep, changed: number, services: Services): AdaptiveCard {
  return stepView(view, step, services, { text: `Saved: ${changed} ${changed === 1 ? 'action' : 'actions'} changed. Everyone linked to ${view.plan.schoolName} sees it on their plan.`, color: 'Good' });
}

function text(value: unknown): string {
  // Inputs send strings; a number or boolean from an older client is read as typed, anything else as nothing valid.
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return '';
  throw validationError(OUT_OF_DATE);
}
