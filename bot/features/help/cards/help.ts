// The help card: the commands the caller may use, in sections, with usage lines.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import helpTemplate from './help.json';

export const helpCard = defineCard(
  'help',
  helpTemplate,
  z.object({
    intro: z.string().min(1),
    sections: z
      .array(
        z.object({
          title: z.string().min(1),
          commands: z.array(z.object({ usage: z.string().min(1), description: z.string().min(1) })).min(1),
        }),
      )
      .min(1),
    roleNote: z.string(),
    urgent: z.object({
      text: z.string().min(1),
      calls: z.array(z.object({ title: z.string().min(1), url: z.string().regex(/^tel:\+?\d{3,15}$/) })).min(1),
    }),
  }),
);
