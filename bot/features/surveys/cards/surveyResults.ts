// The results card: a grouped bar chart (with a fact-set fallback), a four-column table, baseline/follow-up change, next actions.
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
    table: z.object({
      headers: z.array(z.string()).length(4),
      rows: z.array(z.object({ cells: z.array(z.string()).length(4) })),
    }),
    changes: z.array(z.object({ title: z.string(), value: z.string() })),
    nextActions: z.array(z.string()),
    footnote: text,
  }),
);
