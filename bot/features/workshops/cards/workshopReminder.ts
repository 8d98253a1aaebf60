// The day-before reminder for a workshop, posted in the cohort channel.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import workshopReminderTemplate from './workshopReminder.json';

export const workshopReminderCard = defineCard(
  'workshopReminder',
  workshopReminderTemplate,
  z.object({
    cohort: z.string().min(1),
    number: z.union([z.literal(1), z.literal(2)]),
    when: z.string().min(1),
    what: z.string().min(1),
    where: z.string().min(1),
    joinUrl: z.url().optional(),
  }),
);
