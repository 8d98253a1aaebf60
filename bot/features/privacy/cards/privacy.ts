// The confirmation card for `privacy delete`: one verb, confirm or cancel, bound to the person it was issued to.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import privacyDeleteTemplate from './privacyDelete.json';

export const privacyDeleteCard = defineCard('privacyDelete', privacyDeleteTemplate, z.object({ verb: z.string().min(1), subject: z.string().min(1) }));
