// Survey definitions are data (bot/features/surveys/data/*.json): this is their schema, and the one shape the rest of the code sees.
import { z } from 'zod';

export const SURVEY_KINDS = ['cascade', 'pulse'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

const id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'ids are lower-case letters, digits and _, starting with a letter');

const scaleSchema = z
  .object({
    min: z.number().int().min(0),
    max: z.number().int().max(10),
    labels: z.record(z.string(), z.string().min(1)),
  })
  .refine((s) => s.min < s.max, 'a scale needs min < max')
  .refine((s) => Object.keys(s.labels).every((k) => Number.isInteger(Number(k)) && Number(k) >= s.min && Number(k) <= s.max), 'scale labels must be keyed by values inside min..max');

const cascadeFileSchema = z.object({
  kind: z.literal('cascade'),
  title: z.string().min(1),
  intro: z.string().min(1),
  scales: z.record(id, scaleSchema),
  scale: id,
  questions: z.object({ now: z.string().min(1), year: z.string().min(1) }),
  dimensions: z.array(z.object({ id, letter: z.string().min(1).max(2), name: z.string().min(1) })).min(1),
  pages: z.array(z.object({ id, title: z.string().min(1), dimensions: z.array(id).min(1), nextAction: z.boolean().default(false) })).min(1),
  nextAction: z.object({ text: z.string().min(1), maxLength: z.number().int().min(1).max(2000) }),
});

const pulseFileSchema = z.object({
  kind: z.literal('pulse'),
  title: z.string().min(1),
  intro: z.string().min(1),
  scales: z.record(id, scaleSchema),
  pages: z
    .array(
      z.object({
        id,
        title: z.string().min(1),
        items: z.array(z.object({ id, label: z.string().min(1).max(40), text: z.string().min(1), scale: id, required: z.boolean().default(true) })).min(1),
      }),
    )
    .min(1),
});

export const surveyFileSchema = z.discriminatedUnion('kind', [cascadeFileSchema, pulseFileSchema]);
export type SurveyFile = z.infer<typeof surveyFileSchema>;

export interface Choice {
  readonly value: number;
  readonly label: string;
}

export interface Dimension {
  readonly id: string;
  readonly letter: string;
  readonly name: string;
}

export interface RatingQuestion {
  readonly type: 'rating';
  readonly id: string;
  readonly text: string;
  /** Short name for charts, tables and CSV headings. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly choices: readonly Choice[];
  readonly required: boolean;
  /** CASCADE only: which dimension and which of "now" / "in a year". */
  readonly dimension?: Dimension;
  readonly measure?: 'now' | 'year';
}

export interface TextQuestion {
  readonly type: 'text';
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly maxLength: number;
  readonly required: false;
}

export type Question = RatingQuestion | TextQuestion;

export interface SurveyPage {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly Question[];
}

export interface Survey {
  readonly kind: SurveyKind;
  readonly title: string;
  readonly intro: string;
  readonly pages: readonly SurveyPage[];
  /** CASCADE only, in file order. */
  readonly dimensions: readonly Dimension[];
}

export const NEXT_ACTION_ID = 'next_action';

/** Validates a definition file and expands it into pages of questions; throws an Error naming every problem. */
export function parseSurveyFile(raw: unknown, source: string): Survey {
  const parsed = surveyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Survey definition ${source} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const file = parsed.data;
  const scaleOf = (name: string) => {
    const scale = file.scales[name];
    if (!scale) throw new Error(`Survey definition ${source} uses scale "${name}", which is not in "scales".`);
    return scale;
  };
  const choicesOf = (name: string): Pick<RatingQuestion, 'min' | 'max' | 'choices'> => {
    const scale = scaleOf(name);
    const choices: Choice[] = [];
    for (let value = scale.min; value <= scale.max; value++) choices.push({ value, label: scale.labels[String(value)] ?? String(value) });
    return { min: scale.min, max: scale.max, choices };
  };

  let survey: Survey;
  if (file.kind === 'cascade') {
    const byId = new Map(file.dimensions.map((d) => [d.id, d]));
    const placed = file.pages.flatMap((p) => p.dimensions);
    const missing = file.dimensions.filter((d) => !placed.includes(d.id)).map((d) => d.id);
    const unknown = placed.filter((d) => !byId.has(d));
    if (missing.length > 0 || unknown.length > 0 || new Set(placed).size !== placed.length) {
      throw new Error(`Survey definition ${source}: every dimension must be on exactly one page (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'}).`);
    }
    const scale = choicesOf(file.scale);
    survey = {
      kind: 'cascade',
      title: file.title,
      intro: file.intro,
      dimensions: file.dimensions,
      pages: file.pages.map((page) => ({
        id: page.id,
        title: page.title,
        questions: [
          ...page.dimensions.flatMap((dimensionId) => {
            const dimension = byId.get(dimensionId) as Dimension;
            return (['now', 'year'] as const).map(
              (measure): RatingQuestion => ({
                type: 'rating',
                id: `${dimension.id}_${measure}`,
                text: file.questions[measure],
                label: `${dimension.letter} ${measure === 'now' ? 'now' : 'in a year'}`,
                ...scale,
                required: true,
                dimension,
                measure,
              }),
            );
          }),
          ...(page.nextAction
            ? [{ type: 'text', id: NEXT_ACTION_ID, text: file.nextAction.text, label: 'Next action', maxLength: file.nextAction.maxLength, required: false } as const]
            : []),
        ],
      })),
    };
  } else {
    survey = {
      kind: 'pulse',
      title: file.title,
      intro: file.intro,
      dimensions: [],
      pages: file.pages.map((page) => ({
        id: page.id,
        title: page.title,
        questions: page.items.map((item): RatingQuestion => ({ type: 'rating', id: item.id, text: item.text, label: item.label, ...choicesOf(item.scale), required: item.required })),
      })),
    };
  }
  const ids = survey.pages.flatMap((p) => p.questions.map((q) => q.id));
  const pageIds = survey.pages.map((p) => p.id);
  if (new Set(ids).size !== ids.length || new Set(pageIds).size !== pageIds.length) {
    throw new Error(`Survey definition ${source}: question ids and page ids must be unique.`);
  }
  return survey;
}

const questionLists = new WeakMap<Survey, readonly Question[]>();

/** Every question in page order; definitions are loaded once, so the list is kept (every saved card needs it). */
export function questionsOf(survey: Survey): readonly Question[] {
  let questions = questionLists.get(survey);
  if (!questions) {
    questions = survey.pages.flatMap((page) => page.questions);
    questionLists.set(survey, questions);
  }
  return questions;
}

export function pageOf(survey: Survey, pageId: string): SurveyPage | undefined {
  return survey.pages.find((page) => page.id === pageId);
}
