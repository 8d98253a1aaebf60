// A card with a signed, expiring download link (exports, CSVs).
import { z } from 'zod';
import { defineCard } from '../cards/render';

export const downloadCard = defineCard(
  'download',
  z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    fileName: z.string().min(1),
    expires: z.string().min(1),
    url: z.string().url(),
  }),
);
