// The plan as cards: the header and each step's card, from the stored plan and the current framework, for the person
// looking (only the school's senior mental health lead sees the lead's settings and "Mark review complete").
import type { AdaptiveCard } from '../../events';
import { describeLondonDate } from '../../domain/londonTime';
import type { Services } from '../../platform/services';
import { PLAN_REVIEW_VERB, PLAN_SAVE_VERB, PLAN_SETTINGS_VERB, PLAN_SHOW_VERB, planHeaderCard, planStepCard } from './cards/plan';
import type { Framework, FrameworkStep } from './domain/framework';
import { lastChangeOf, nextReviewDue, stepTally, type Person, type Plan, type StepTally } from './domain/plan';

export interface PlanViewer {
  readonly aadObjectId: string;
  readonly userIds: readonly string[];
}

export interface PlanView {
  readonly plan: Plan;
  readonly lead?: Person;
  readonly framework: Framework;
  readonly viewer: PlanViewer;
  readonly now: Date;
}

export interface Notice {
  readonly text: string;
  readonly color?: 'Default' | 'Good' | 'Attention' | 'Warning';
}

export function describeTally(tally: StepTally): string {
  const parts = [`${tally.green} green`, `${tally.amber} amber`, `${tally.red} red`];
  return tally.unrated > 0 ? `${parts.join(', ')}, ${tally.unrated} not rated yet` : parts.join(', ');
}

const nameOf = (person: Person) => person.name || 'someone';

export function headerView(view: PlanView, services: Services, notice?: Notice): AdaptiveCard {
  const { plan, lead, framework, viewer, now } = view;
  const isLead = lead !== undefined && lead.aadObjectId === viewer.aadObjectId;
  const due = nextReviewDue(plan.lastReviewAt ?? now, plan.reviewMonths);
  const facts = [
    { title: "Senior mental health lead", value: lead ? nameOf(lead) : 'Not named yet (a coordinator names them with "plan lead")' },
    { title: 'Reviews', value: plan.reviews === 0 ? 'None yet' : `${plan.reviews}, the last on ${describeLondonDate(plan.lastReviewAt ?? now)}` },
    { title: 'Next review', value: plan.lastReviewAt ? `Due ${describeLondonDate(due)} (every ${plan.reviewMonths} months)` : `Every ${plan.reviewMonths} months, once the first review is marked complete` },
    { title: 'Shared with the network', value: plan.shareWithNetwork ? "Yes: the area's overview may name the school" : 'No: the area sees the school only in totals' },
  ];
  return services.cards.render(planHeaderCard, {
    title: `5 Steps plan: ${plan.schoolName}`,
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    intro: 'Rate each action red (not yet in place), amber (working towards) or green (achieved) on the step cards below; anyone linked to the school can edit them. Type "plan progress" for the reviews over time, "plan print" for a PDF.',
    facts,
    steps: framework.steps.map((step, i) => ({ title: `${i + 1}. ${step.title}`, figure: describeTally(stepTally(plan, step)) })),
    isLead,
    share: plan.shareWithNetwork ? 'true' : 'false',
    reviewMonths: String(plan.reviewMonths) as '3' | '4' | '5' | '6',
    leadOnly: isLead ? '' : `Only the school's senior mental health lead${lead ? ` (${nameOf(lead)})` : ''} can mark a review complete or share the plan with the network.`,
    areaId: plan.areaId,
    urn: plan.urn,
    version: framework.version,
    showVerb: PLAN_SHOW_VERB,
    settingsVerb: PLAN_SETTINGS_VERB,
    reviewVerb: PLAN_REVIEW_VERB,
    userIds: [...viewer.userIds],
  });
}

/** Values shown in the inputs instead of the stored ones (what the person typed, when the save was refused). */
export type TypedValues = Readonly<Record<string, { rating: string; note: string; owner: string; target: string }>>;

export function stepView(view: PlanView, step: FrameworkStep, services: Services, notice?: Notice, typed?: TypedValues): AdaptiveCard {
  const { plan, framework, viewer, now } = view;
  const index = framework.steps.findIndex((s) => s.id === step.id);
  const last = lastChangeOf(plan, step);
  return services.cards.render(planStepCard, {
    title: `Step ${index + 1} of ${framework.steps.length}: ${step.title}`,
    schoolName: plan.schoolName,
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    tally: describeTally(stepTally(plan, step)),
    lastChanged: last ? `Last changed by ${nameOf(last.by)} on ${describeLondonDate(last.at)}` : '',
    actions: step.actions.map((action, i) => {
      const entry = plan.entries[action.id];
      const shown = typed?.[action.id] ?? { rating: entry?.rating ?? '', note: entry?.note ?? '', owner: entry?.owner ?? '', target: entry?.target ?? '' };
      return {
        id: action.id,
        number: i + 1,
        text: action.text,
        ...shown,
        changed: entry ? `Changed by ${nameOf(entry.changedBy)} on ${describeLondonDate(entry.changedAt)}` : '',
      };
    }),
    areaId: plan.areaId,
    urn: plan.urn,
    stepId: step.id,
    version: framework.version,
    madeAt: now.toISOString(),
    saveTitle: `Save ${step.title}`,
    showVerb: PLAN_SHOW_VERB,
    saveVerb: PLAN_SAVE_VERB,
    userIds: [...viewer.userIds],
  });
}
