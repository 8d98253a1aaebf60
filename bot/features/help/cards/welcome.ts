// The welcome card sent once when the app is added to a personal chat, a team or a group chat.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import welcomeTemplate from './welcome.json';

export const welcomeCard = defineCard(
  'welcome',
  welcomeTemplate,
  z.object({
    intro: z.string().min(1),
    firstSteps: z.array(z.object({ usage: z.string().min(1), description: z.string().min(1) })).min(1),
    closing: z.string().min(1),
    urgent: z.object({
      text: z.string().min(1),
      calls: z.array(z.object({ title: z.string().min(1), url: z.string().regex(/^tel:\+?\d{3,15}$/) })).min(1),
    }),
  }),
);
