// A plain notice card: a title, a message, optional detail lines. Used for confirmations and for errors.
import { z } from 'zod';
import { defineCard } from './render';
import noticeTemplate from './notice.json';

export const noticeCard = defineCard(
  'notice',
  noticeTemplate,
  z.object({
    title: z.string().min(1),
    message: z.string().min(1),
    details: z.array(z.string()).default([]),
    style: z.enum(['default', 'good', 'attention', 'warning']).default('default'),
    reference: z.string().optional(),
  }),
);
