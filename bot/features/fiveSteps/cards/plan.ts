// 5 Steps cards: the plan's header (where each step stands, the review cycle, the lead's settings and "Mark review
// complete") and one card per step (each action's rating, note, owner and target date). Both refresh per user, so a
// card opened later shows the plan as it is now.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import headerTemplate from './planHeader.json';
import overviewTemplate from './planOverview.json';
import progressTemplate from './planProgress.json';
import stepTemplate from './planStep.json';

export const PLAN_SHOW_VERB = 'fiveSteps.show';
export const PLAN_SAVE_VERB = 'fiveSteps.save';
export const PLAN_SETTINGS_VERB = 'fiveSteps.settings';
export const PLAN_REVIEW_VERB = 'fiveSteps.review';

const noticeColor = z.enum(['Default', 'Good', 'Attention', 'Warning']).default('Default');

export const planStepCard = defineCard(
  'planStep',
  stepTemplate,
  z.object({
    title: z.string().min(1),
    schoolName: z.string().min(1),
    notice: z.string().default(''),
    noticeColor,
    tally: z.string().min(1),
    lastChanged: z.string().default(''),
    actions: z
      .array(
        z.object({
          id: z.string().min(1),
          number: z.number().int().positive(),
          text: z.string().min(1),
          rating: z.string(),
          note: z.string(),
          owner: z.string(),
          target: z.string(),
          changed: z.string(),
        }),
      )
      .min(1)
      .max(6),
    areaId: z.string().min(1),
    urn: z.string().min(1),
    stepId: z.string().min(1),
    version: z.number().int().positive(),
    /** When the card was made (ISO): a save is checked against changes made after it. */
    madeAt: z.string().min(1),
    saveTitle: z.string().min(1),
    showVerb: z.literal(PLAN_SHOW_VERB),
    saveVerb: z.literal(PLAN_SAVE_VERB),
    userIds: z.array(z.string()),
  }),
);

export const planHeaderCard = defineCard(
  'planHeader',
  headerTemplate,
  z.object({
    title: z.string().min(1),
    notice: z.string().default(''),
    noticeColor,
    intro: z.string().min(1),
    facts: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).min(1),
    steps: z.array(z.object({ title: z.string().min(1), figure: z.string().min(1) })).length(5),
    isLead: z.boolean(),
    share: z.enum(['true', 'false']),
    reviewMonths: z.enum(['3', '4', '5', '6']),
    leadOnly: z.string().default(''),
    areaId: z.string().min(1),
    urn: z.string().min(1),
    version: z.number().int().positive(),
    showVerb: z.literal(PLAN_SHOW_VERB),
    settingsVerb: z.literal(PLAN_SETTINGS_VERB),
    reviewVerb: z.literal(PLAN_REVIEW_VERB),
    userIds: z.array(z.string()),
  }),
);

/**
 * The area's overview: per step a bar of Adaptive Card columns (green, amber, red, weighted by their per cents; an
 * image chart would need hosting) with the figures in words beside it, the weakest actions and the sharing schools.
 */
export const planOverviewCard = defineCard(
  'planOverview',
  overviewTemplate,
  z.object({
    title: z.string().min(1),
    headline: z.string().min(1),
    steps: z
      .array(
        z.object({
          label: z.string().min(1),
          figure: z.string().min(1),
          /** Zero-width parts are left out; none at all when nothing is rated yet (one grey column). */
          bars: z.array(z.object({ width: z.number().int().min(1).max(100), style: z.enum(['good', 'warning', 'attention', 'emphasis']) })).min(1).max(3),
        }),
      )
      .length(5),
    weakest: z.array(z.object({ line: z.string().min(1) })).max(10),
    shared: z.array(z.object({ line: z.string().min(1) })).max(500),
    footer: z.string().min(1),
  }),
);

const barsSchema = z.array(z.object({ width: z.number().int().min(1).max(100), style: z.enum(['good', 'warning', 'attention', 'emphasis']) })).min(1).max(4);

/** A school's reviews over time: per step a bar per review (and now), then what changed since the last review. */
export const planProgressCard = defineCard(
  'planProgress',
  progressTemplate,
  z.object({
    title: z.string().min(1),
    intro: z.string().min(1),
    steps: z.array(z.object({ title: z.string().min(1), rows: z.array(z.object({ label: z.string().min(1), figure: z.string().min(1), bars: barsSchema })).min(1).max(13) })).length(5),
    changesTitle: z.string().min(1),
    changes: z.array(z.object({ line: z.string().min(1) })).min(1).max(40),
  }),
);
