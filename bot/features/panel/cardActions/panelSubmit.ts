// `panel.submit`: a case from the panel form. The risk check runs first, then the identifier guard, both before anything
// is stored or posted; when the case suggests risk the reply card leads with the urgent-help lines, then the case
// reference (or, for a refused case, the refusal). A case the person can fix (an identifier, an answer left out) gets
// the form back as they filled it in, each problem by its field, and any identifier taken out of what is shown.
import { z } from 'zod';
import { noticeCard } from '../../../platform/cards/notice';
import { panelCaseCard } from '../cards/panel';
import { londonDate } from '../../../domain/londonTime';
import {
  FIELD_LABELS,
  IMMEDIATE_RISK_URGENCY,
  MAX_FREE_TEXT,
  describeIdentifierProblems,
  identifierProblems,
  panelCaseFormSchema,
  type PanelCaseForm,
} from '../domain/panel';
import { redactIdentifiers } from '../domain/identifiers';
import { AppError, asAppError, notFound, validationError } from '../../../errors';
import type { AdaptiveCard, CardActionResult } from '../../../events';
import { formWithProblems, problemLines, type FieldProblem, type FormProblems } from '../../../platform/cards/formProblems';
import type { Services } from '../../../platform/services';
import { defineCardAction, type CardActionInputOf } from '../../../routing/cardAction';
import { caseForm } from '../caseForm';
import { panelRisk, urgentHelpThen } from '../flows';

export const SUBMIT_VERB = 'panel.submit';

/** Far above the form's caps; anything longer is not from our card and is refused before it is even scanned. */
const MAX_RAW_FIELD = MAX_FREE_TEXT * 4;

const OUT_OF_DATE = 'This form is out of date. Type "panel submit" for a new one. Nothing was saved.';

/** The form's answers: each arrives as text (the needs, from some clients, as a list of texts). */
const FORM_FIELDS = Object.keys(FIELD_LABELS);

/** What each of the form's fields may be as sent; anything else is not from our card (refused as out of date). */
const answerTypes = z.object(
  Object.fromEntries(FORM_FIELDS.map((name) => [name, (name === 'needs' ? z.union([z.string(), z.array(z.string())]) : z.string()).optional()])),
);

/**
 * Every field as sent, the form's own ones of the types it sends: the risk check and the identifier guard read what
 * was typed before the form's own schema (panelCaseFormSchema) judges the answers.
 */
const rawSchema = z.record(z.string(), z.unknown()).refine((raw) => answerTypes.safeParse(raw).success);
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['tried', 'asking']);

/** A choice left unanswered: not sent, or sent empty. */
function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

type PanelSubmitInput = CardActionInputOf<typeof rawSchema>;

export const action = defineCardAction({ verb: SUBMIT_VERB, data: rawSchema, outOfDate: OUT_OF_DATE, handle });

export async function handle(input: PanelSubmitInput, services: Services): Promise<CardActionResult> {
  if (input.place.scope !== 'personal') {
    throw validationError('Send cases from your personal chat with me, so nothing about them is seen in a channel.');
  }
  const raw = input.data;
  // No prototype: a field named "constructor" or "__proto__" is a field like any other.
  const texts: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'verb') continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string') continue;
      if (item.length > MAX_RAW_FIELD) throw validationError(`"${labelOf(name)}" is too long; keep it to ${MAX_FREE_TEXT} characters or fewer. Nothing was saved.`);
      texts[name] = texts[name] ? `${texts[name]}\n${item}` : item;
    }
  }
  // Risk is judged on what was typed, before anything else, so urgent help comes first even if the case is refused.
  const assessment = panelRisk([texts.tried ?? '', texts.asking ?? ''], texts.urgency === IMMEDIATE_RISK_URGENCY, services);
  const risk = assessment.risk;
  const urgentFirst = (card: AdaptiveCard, area: string | undefined) => urgentHelpThen(card, assessment, input.caller, area, input.now, services);
  const refuse = async (message: string, details: string[]): Promise<CardActionResult> => {
    if (!risk) throw validationError(message, details);
    // Refused with risk: the urgent-help lines must still reach them, first, so answer normally and say what to fix.
    const refusal = services.cards.render(noticeCard, { title: 'The case was not sent', message, details: [...details, 'Type "panel submit" for a new form.'], style: 'attention' });
    return { card: await urgentFirst(refusal, texts.area) };
  };
  /** The form again as they filled it in (identifiers taken out), each problem by its field; urgent help first with risk. */
  const formAgain = async (problems: FormProblems): Promise<CardActionResult> => {
    const form = await caseForm(input.caller.tenantId, SUBMIT_VERB, input.now, services);
    if (!form) return refuse(problems.summary, problemLines(problems));
    const shown = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, typeof value === 'string' ? redactIdentifiers(value) : value]));
    const card = formWithProblems(form, shown, problems);
    return { card: risk ? await urgentFirst(card, texts.area) : card };
  };
  // The guard next, over every text the card sent, so an identifier is never stored, posted, logged or shown back.
  const problems = identifierProblems(texts, FIELD_LABELS);
  if (problems.length > 0) {
    const lines = describeIdentifierProblems(problems);
    return formAgain({
      summary: 'The case was not sent: it contains something that could identify a child. Remove it and send again. Nothing was saved.',
      fields: problems.map((problem, i) => ({ field: problem.name, message: lines[i] ?? '' })),
      general: lines.slice(problems.length),
    });
  }
  const parsed = panelCaseFormSchema.safeParse(raw);
  if (!parsed.success) {
    const message = 'Some answers need changing before the case can be sent. Nothing was saved.';
    const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
    // A choice the form does not offer is not something a person can pick: the card is out of date (or not ours).
    const fixable = parsed.error.issues.every((issue) => {
      const name = String(issue.path[0] ?? '');
      return FREE_TEXT_FIELDS.has(name) || isEmptyAnswer(raw[name]);
    });
    if (!fixable) return refuse(message, messages);
    const fields: FieldProblem[] = parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message, required: true }));
    return formAgain({ summary: message, fields: fields.filter((f, i) => fields.findIndex((g) => g.field === f.field) === i) });
  }
  if (!risk) return { card: await sendCase(parsed.data, false, input, services) };
  let sent: AdaptiveCard;
  try {
    sent = await sendCase(parsed.data, true, input, services);
  } catch (thrown) {
    // Not sent after all (the panel or its team has gone, the channel refused it): urgent help still comes first.
    const error = asAppError(thrown);
    services.logger.warn({ event: 'panel.case.not-sent', code: error.code, name: thrown instanceof Error ? thrown.name : 'unknown', activityId: input.activityId }, 'panel case not sent');
    const refusal = services.cards.render(noticeCard, { title: 'The case was not sent', message: error.userMessage, details: [...error.details], style: 'attention' });
    return { card: await urgentFirst(refusal, parsed.data.area) };
  }
  return { card: await urgentFirst(sent, parsed.data.area) };
}

/** Stores the case, posts it to the panel's channel (or takes it back out) and returns the card saying it was sent. */
async function sendCase(form: PanelCaseForm, risk: boolean, input: PanelSubmitInput, services: Services): Promise<AdaptiveCard> {
  const tenantId = input.caller.tenantId;
  const panel = await services.panels.getPanel(tenantId, form.area);
  if (!panel) throw notFound('That panel no longer exists. Type "panel submit" for a new form. Nothing was saved.');
  const team = await services.installations.get(tenantId, panel.teamId);
  if (!team || team.status !== 'active') {
    throw new AppError('not-found', 'The bot is no longer in the panel\'s team, so the case could not be sent. Nothing was saved. Ask a coordinator to add the bot to that team again.');
  }

  const reference = await services.panels.allocateReference(tenantId, form.area, Number(londonDate(input.now).slice(0, 4)));
  await services.panels.createCase({
    tenantId,
    areaId: form.area,
    reference,
    status: 'open',
    form,
    riskShown: risk,
    submitter: { aadObjectId: input.caller.aadObjectId, name: input.caller.name, conversationId: input.place.conversationId, serviceUrl: input.place.serviceUrl },
    submittedAt: input.now,
  });
  let posted;
  try {
    posted = await services.sender.postToChannel(team.reference, panel.channelId, {
      card: services.cards.render(panelCaseCard, {
        reference,
        urgency: form.urgency,
        urgent: risk || form.urgency.startsWith('Urgent'),
        ageBand: form.ageBand,
        yearGroup: form.yearGroup,
        needs: form.needs.join(', '),
        duration: form.duration,
        tried: form.tried,
        asking: form.asking,
        footer: `Reply in this thread with the panel's advice. A coordinator sends it back with "panel advise ${reference} <advice>".${risk ? ' The school was shown the urgent-help lines when submitting.' : ''}`,
      }),
    });
  } catch (error) {
    // Not posted means not submitted: take the stored case back out so the school can simply try again.
    await services.panels.deleteCase(tenantId, form.area, reference);
    throw error;
  }
  await services.panels.recordThread(tenantId, form.area, reference, posted.thread);
  services.logger.info({ event: 'panel.case.submitted', area: form.area, reference, risk, activityId: input.activityId }, 'panel case submitted');

  return services.cards.render(noticeCard, {
    title: `Case ${reference} sent to the ${form.area} panel`,
    message: 'The panel sees the case under its reference only, never your name or school. You will get their advice here, in this chat.',
    details: risk
      ? ['The panel is not an emergency service. If the child is at immediate risk, use the urgent-help lines above now and follow your safeguarding procedure.']
      : ['The panel is not an emergency service: if things change and a child is at immediate risk, call 999.'],
    style: 'good',
    reference,
  });
}

function labelOf(name: string): string {
  const labels: Readonly<Record<string, string | undefined>> = FIELD_LABELS;
  return (Object.hasOwn(labels, name) ? labels[name] : undefined) ?? name;
}
