// School cards: the one-time "Which school or service are you from?" picker posted in a cohort channel (type-ahead
// over the area's register through the `application/search` invoke), the facilitator's attendance card, and uptake.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import attendanceTemplate from './attendance.json';
import schoolPickerTemplate from './schoolPicker.json';
import uptakeTemplate from './uptake.json';

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

export const ATTENDANCE_VERB = 'schools.attendance';

/** The facilitator's "who attended" card: one group of checkboxes per school (services and "no school" apart). */
export const attendanceCard = defineCard(
  'attendance',
  attendanceTemplate,
  z.object({
    cohortName: z.string().min(1),
    cohortId: z.string().min(1),
    number: z.union([z.literal(1), z.literal(2)]),
    verb: z.string().min(1),
    intro: z.string().min(1),
    groups: z
      .array(
        z.object({
          title: z.string().min(1),
          /** `a_<n>`: the submitted field holding this group's ticked addresses, comma-separated. */
          inputId: z.string().regex(/^a_\d{1,3}$/),
          /** The addresses ticked to begin with (from the Teams report, or as last confirmed), comma-separated. */
          value: z.string(),
          people: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).min(1),
        }),
      )
      .max(100),
  }),
);

/**
 * An area's uptake: the headline figure and, per phase, a bar made of two Adaptive Card columns (taken part, the rest)
 * whose widths are the per cents, since an image chart would need hosting.
 */
export const uptakeCard = defineCard(
  'uptake',
  uptakeTemplate,
  z.object({
    title: z.string().min(1),
    headline: z.string().min(1),
    summary: z.string().min(1),
    phases: z.array(
      z.object({
        label: z.string().min(1),
        /** Whole per cents, adding up to 100 (both zero-width columns are left out). */
        filled: z.number().int().min(0).max(100),
        empty: z.number().int().min(0).max(100),
        figure: z.string().min(1),
      }),
    ),
    footer: z.string().min(1),
  }),
);
