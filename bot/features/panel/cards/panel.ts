// Panel cards: the case form (choices and capped free text), the anonymous case posted to the panel, the advice sent back.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import panelCaseFormTemplate from './panelCaseForm.json';
import panelCaseTemplate from './panelCase.json';
import panelAdviceTemplate from './panelAdvice.json';

export const panelCaseFormCard = defineCard(
  'panelCaseForm',
  panelCaseFormTemplate,
  z.object({
    verb: z.string().min(1),
    areas: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).min(1),
    defaultArea: z.string(),
    ageBands: z.array(z.string()).min(1),
    yearGroups: z.array(z.string()).min(1),
    needs: z.array(z.string()).min(1),
    durations: z.array(z.string()).min(1),
    urgencies: z.array(z.string()).min(1),
    maxText: z.number().int().positive(),
  }),
);

export const panelCaseCard = defineCard(
  'panelCase',
  panelCaseTemplate,
  z.object({
    reference: z.string().min(1),
    urgency: z.string().min(1),
    urgent: z.boolean(),
    ageBand: z.string().min(1),
    yearGroup: z.string().min(1),
    needs: z.string().min(1),
    duration: z.string().min(1),
    tried: z.string().min(1),
    asking: z.string().min(1),
    footer: z.string().min(1),
  }),
);

export const panelAdviceCard = defineCard(
  'panelAdvice',
  panelAdviceTemplate,
  z.object({ reference: z.string().min(1), advice: z.string().min(1) }),
);
