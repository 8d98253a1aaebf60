// The half-termly prompt a network receives: focus question, agenda gathering, or the after-meeting pulse.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';

export const networkPromptCard = defineCard(
  'networkPrompt',
  z.object({
    network: z.string().min(1),
    halfTerm: z.string().min(1),
    title: z.string().min(1),
    text: z.string().min(1),
    meeting: z.string().optional(),
  }),
);
