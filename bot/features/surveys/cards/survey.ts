// Survey cards: one page of questions to answer, and a person's saved answers with "Edit" buttons.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import surveyPageTemplate from './surveyPage.json';
import surveySavedTemplate from './surveySaved.json';

const actionTarget = {
  run: z.string().min(1),
  target: z.string().min(1),
  showVerb: z.string().min(1),
  /** Teams user ids (29:...) whose view refreshes automatically; at most 60. */
  userIds: z.array(z.string()).max(60),
};

export const surveyPageCard = defineCard(
  'surveyPage',
  surveyPageTemplate,
  z.object({
    ...actionTarget,
    title: z.string().min(1),
    note: z.string(),
    intro: z.string(),
    status: z.string(),
    page: z.string().min(1),
    pageNumber: z.number().int().min(1),
    pageCount: z.number().int().min(1),
    pageTitle: z.string().min(1),
    answerVerb: z.string().min(1),
    submitTitle: z.string().min(1),
    questions: z
      .array(
        z.object({
          id: z.string().min(1),
          kind: z.enum(['rating', 'text']),
          heading: z.string(),
          text: z.string().min(1),
          required: z.boolean(),
          value: z.string(),
          maxLength: z.number().int(),
          choices: z.array(z.object({ title: z.string(), value: z.string() })),
        }),
      )
      .min(1),
  }),
);

export const surveySavedCard = defineCard(
  'surveySaved',
  surveySavedTemplate,
  z.object({
    ...actionTarget,
    title: z.string().min(1),
    message: z.string().min(1),
    closed: z.boolean(),
    /** The saved answers as FactSet facts, bound in one expression (the per-submit card; see surveySaved.json). */
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    pages: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
);
