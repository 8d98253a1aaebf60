// Workshop cards: the booking form, the confirmation asked for when a date needs a second look, and the channel card.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import workshopFormTemplate from './workshopForm.json';
import workshopConfirmTemplate from './workshopConfirm.json';
import workshopCardTemplate from './workshopCard.json';

export const workshopFormCard = defineCard(
  'workshopForm',
  workshopFormTemplate,
  z.object({
    verb: z.string().min(1),
    cohorts: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).min(1),
    cohort: z.string().default(''),
    organiser: z.string().default(''),
  }),
);

export const workshopConfirmCard = defineCard(
  'workshopConfirm',
  workshopConfirmTemplate,
  z.object({
    cohortName: z.string().min(1),
    intro: z.string().default('Nothing has been booked yet. Check these before I send the invitations:'),
    warnings: z.array(z.string()).min(1),
    planned: z.array(z.string()),
    verb: z.string().min(1),
    confirmTitle: z.string().min(1),
    confirmData: z.record(z.string(), z.unknown()),
  }),
);

export const workshopChannelCard = defineCard(
  'workshopCard',
  workshopCardTemplate,
  z.object({
    cohortName: z.string().min(1),
    where: z.string().min(1),
    workshops: z.array(z.object({ title: z.string().min(1), when: z.string().min(1), note: z.string().default(''), joinUrl: z.string().default('') })).min(1),
  }),
);
