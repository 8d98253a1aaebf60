// The half-termly prompt a network receives: focus question, agenda gathering, or the after-meeting pulse.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import networkPromptTemplate from './networkPrompt.json';

export const networkPromptCard = defineCard(
  'networkPrompt',
  networkPromptTemplate,
  z.object({
    network: z.string().min(1),
    halfTerm: z.string().min(1),
    title: z.string().min(1),
    text: z.string().min(1),
    meeting: z.string().optional(),
  }),
);
