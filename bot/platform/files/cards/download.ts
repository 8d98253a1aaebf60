// A card with a signed, expiring download link (exports, CSVs).
import { z } from 'zod';
import { defineCard } from '../../cards/render';
import downloadTemplate from './download.json';

export const downloadCard = defineCard(
  'download',
  downloadTemplate,
  z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    fileName: z.string().min(1),
    expires: z.string().min(1),
    url: z.url(),
  }),
);
