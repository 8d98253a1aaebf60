// The results card: a grouped bar chart (with a fact-set fallback), then per item a four-column table (pulse) or per
// CASCADE dimension a named block of short facts that reads at Teams' card width, baseline/follow-up change, next actions.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import surveyResultsTemplate from './surveyResults.json';

const text = z.string();

export const surveyResultsCard = defineCard(
  'surveyResults',
  surveyResultsTemplate,
  z.object({
    title: z.string().min(1),
    subtitle: text,
    chart: z.object({
      title: text,
      xAxisTitle: text,
      yAxisTitle: text,
      /** Chart.VerticalBar.Grouped data: one series per legend, values keyed by x. Empty hides the chart. */
      series: z.array(z.object({ legend: z.string(), values: z.array(z.object({ x: z.string(), y: z.number() })) })),
      /** The same figures for clients that cannot draw charts. */
      facts: z.array(z.object({ title: z.string(), value: z.string() })),
    }),
    /** Pulse: one row per question. */
    table: z
      .object({
        headers: z.array(z.string()).length(4),
        rows: z.array(z.object({ cells: z.array(z.string()).length(4) })),
      })
      .optional(),
    /** CASCADE: one block per dimension, headed by its number, letter and name, with a few short facts under it. */
    dimensions: z.array(z.object({ heading: z.string().min(1), facts: z.array(z.object({ title: z.string(), value: z.string() })) })).default([]),
    changes: z.array(z.object({ title: z.string(), value: z.string() })),
    nextActions: z.array(z.string()),
    footnote: text,
  }),
);
