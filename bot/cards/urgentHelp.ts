// The urgent-help card: the lines to call or text first, and a note on what the bot is not.
import { z } from 'zod';
import { defineCard } from '../services/cards/render';

export const urgentHelpCard = defineCard(
  'urgentHelp',
  z.object({
    title: z.string().min(1),
    intro: z.string().min(1),
    lines: z.array(z.object({ name: z.string().min(1), how: z.string().min(1), when: z.string().min(1) })).min(1),
    note: z.string().min(1),
  }),
);
