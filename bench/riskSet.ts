// The labelled risk messages in tests/fixtures/risk/messages.jsonl, read and checked (the eval and the regression test share it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const RISK_MESSAGE_KINDS = ['suicidal-intent', 'overdose-poisoning', 'self-harm-concrete', 'misspelling-slang', 'immediate-danger', 'safeguarding-emergency'] as const;
export const ORDINARY_MESSAGE_KINDS = ['professional', 'idiom', 'past-resolved', 'ordinary-support'] as const;

const messageSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}-\d{3}$/),
    text: z.string().min(1),
    risk: z.boolean(),
    kind: z.enum([...RISK_MESSAGE_KINDS, ...ORDINARY_MESSAGE_KINDS]),
    /** holdout: kept aside and never tuned against, so its figures estimate how the detector does on messages it has not seen. */
    split: z.enum(['dev', 'holdout']),
  })
  .strict()
  .refine((m) => m.risk === (RISK_MESSAGE_KINDS as readonly string[]).includes(m.kind), { message: 'risk must be true exactly for the risk kinds' });

export type LabelledMessage = z.infer<typeof messageSchema>;

export function loadRiskSet(projectRoot: string): LabelledMessage[] {
  const file = path.join(projectRoot, 'tests', 'fixtures', 'risk', 'messages.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed = messageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

export interface KindFigure {
  readonly messages: number;
  /** Share flagged as risk: recall for a risk kind, the false-positive rate for an ordinary one. */
  readonly flagged: number;
}

export interface SetFigures {
  readonly recall: number;
  readonly falsePositiveRate: number;
  readonly perKind: Record<string, KindFigure>;
  readonly missed: LabelledMessage[];
  readonly falseAlarms: LabelledMessage[];
}

/** Recall on risk messages, false positives on ordinary ones, and the same per kind. */
export function scoreRiskSet(messages: readonly LabelledMessage[], flags: (text: string) => boolean): SetFigures {
  const perKind: Record<string, { messages: number; hits: number }> = {};
  const missed: LabelledMessage[] = [];
  const falseAlarms: LabelledMessage[] = [];
  for (const message of messages) {
    const flagged = flags(message.text);
    const kind = (perKind[message.kind] ??= { messages: 0, hits: 0 });
    kind.messages += 1;
    if (flagged) kind.hits += 1;
    if (message.risk && !flagged) missed.push(message);
    if (!message.risk && flagged) falseAlarms.push(message);
  }
  const risky = messages.filter((m) => m.risk).length;
  const ordinary = messages.length - risky;
  return {
    recall: risky === 0 ? 1 : (risky - missed.length) / risky,
    falsePositiveRate: ordinary === 0 ? 0 : falseAlarms.length / ordinary,
    perKind: Object.fromEntries(Object.entries(perKind).map(([kind, { messages: n, hits }]) => [kind, { messages: n, flagged: hits / n }])),
    missed,
    falseAlarms,
  };
}
