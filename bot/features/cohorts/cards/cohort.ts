// Cohort cards: the create form, the member-by-member result, and the welcome card posted in the new channel.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import cohortFormTemplate from './cohortForm.json';
import cohortResultTemplate from './cohortResult.json';
import cohortWelcomeTemplate from './cohortWelcome.json';

export const cohortFormCard = defineCard(
  'cohortForm',
  cohortFormTemplate,
  z.object({ verb: z.string().min(1), teams: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).min(1) }),
);

export const cohortResultCard = defineCard(
  'cohortResult',
  cohortResultTemplate,
  z.object({
    title: z.string().min(1),
    message: z.string().min(1),
    style: z.enum(['default', 'good', 'attention', 'warning']).default('default'),
    steps: z.array(z.string()).default([]),
    members: z.array(z.string()).default([]),
    /** When set, a "Run again to finish" button sends this verb and data. */
    retryVerb: z.string().default(''),
    retryData: z.record(z.string(), z.unknown()).default({}),
  }),
);

export const cohortWelcomeCard = defineCard(
  'cohortWelcome',
  cohortWelcomeTemplate,
  z.object({ name: z.string().min(1), area: z.string().min(1), facilitator: z.string().min(1), memberCount: z.string() }),
);
