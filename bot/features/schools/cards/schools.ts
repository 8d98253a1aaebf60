// School cards: the one-time "Which school or service are you from?" picker posted in a cohort channel (type-ahead
// over the area's register through the `application/search` invoke), and the answer shown to whoever picked.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import schoolPickerTemplate from './schoolPicker.json';

/** The card's `Data.Query.dataset`; the search invoke for it is answered by dataQueries/schoolSearch.ts. */
export const SCHOOLS_DATASET = 'schools';
export const SCHOOL_PICK_VERB = 'schools.pick';

export const schoolPickerCard = defineCard(
  'schoolPicker',
  schoolPickerTemplate,
  z.object({
    cohortName: z.string().min(1),
    cohortId: z.string().min(1),
    dataset: z.string().min(1),
    verb: z.string().min(1),
    /** Shown above the picker after someone picked: "Thanks: you are down as ..."; empty on the posted card. */
    answer: z.string().default(''),
    /** A few of the register's entries to start from before anything is typed. */
    initial: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).max(15).default([]),
  }),
);
