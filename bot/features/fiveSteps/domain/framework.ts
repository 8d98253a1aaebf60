// The 5 Steps framework as data: five steps, each with three to six actions, under one version number. Checked with
// zod when the bot starts, so a mistyped file stops start-up with the line to fix instead of a broken card later.
import { z } from 'zod';

export const STEP_IDS = ['leading-change', 'working-together', 'understanding-need', 'promoting-wellbeing', 'supporting-staff'] as const;
export type StepId = (typeof STEP_IDS)[number];

const ID = /^[a-z][a-z0-9-]{1,39}$/;

const actionSchema = z.object({
  id: z.string().regex(ID, 'an action id is 2 to 40 lower-case letters, digits and dashes'),
  text: z.string().trim().min(5).max(200),
});

const stepSchema = z.object({
  id: z.enum(STEP_IDS),
  title: z.string().trim().min(3).max(60),
  actions: z.array(actionSchema).min(3, 'each step has three to six actions').max(6, 'each step has three to six actions'),
});

export const frameworkSchema = z
  .object({
    version: z.number().int().positive(),
    note: z.string().optional(),
    steps: z.array(stepSchema).length(5, 'the framework has exactly five steps'),
  })
  .superRefine((framework, context) => {
    const order = framework.steps.map((step) => step.id).join(',');
    if (order !== STEP_IDS.join(',')) context.addIssue({ code: 'custom', message: `the steps must be, in order: ${STEP_IDS.join(', ')}`, path: ['steps'] });
    const seen = new Set<string>();
    framework.steps.forEach((step, s) =>
      step.actions.forEach((action, a) => {
        if (seen.has(action.id)) context.addIssue({ code: 'custom', message: `action id "${action.id}" is used twice`, path: ['steps', s, 'actions', a, 'id'] });
        seen.add(action.id);
      }),
    );
  });

export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkStep = Framework['steps'][number];
export type FrameworkAction = FrameworkStep['actions'][number];

/** The framework from the file's parsed JSON, or an error naming each problem and where it is. */
export function readFramework(json: unknown, source: string): Framework {
  const parsed = frameworkSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  throw new Error(`${source} is not a valid 5 Steps framework; fix it and start again:\n${problems.join('\n')}`);
}

export function stepOf(framework: Framework, stepId: string): FrameworkStep | undefined {
  return framework.steps.find((step) => step.id === stepId);
}

/** Every action of the framework with its step, in the framework's order. */
export function allActions(framework: Framework): { step: FrameworkStep; action: FrameworkAction }[] {
  return framework.steps.flatMap((step) => step.actions.map((action) => ({ step, action })));
}
