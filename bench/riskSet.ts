// The labelled risk messages in tests/fixtures/risk/, read and checked, each with its source (the eval, the model trainer
// and the regression test share it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const RISK_MESSAGE_KINDS = ['suicidal-intent', 'overdose-poisoning', 'self-harm-concrete', 'misspelling-slang', 'immediate-danger', 'safeguarding-emergency'] as const;
export const ORDINARY_MESSAGE_KINDS = ['professional', 'idiom', 'past-resolved', 'ordinary-support'] as const;

/**
 * Where the messages came from: our own set, and four sets written independently of the detector by other people
 * (ids kept as they wrote them). Each file says per message whether it is dev (tuned against) or holdout (never read).
 */
export const RISK_SOURCES = [
  { source: 'own', file: 'messages.jsonl' },
  { source: 'independent-a', file: 'independent-a.jsonl' },
  { source: 'independent-h1', file: 'independent-h1.jsonl' },
  { source: 'independent-b', file: 'independent-b.jsonl' },
  { source: 'independent-c', file: 'independent-c.jsonl' },
  { source: 'independent-e', file: 'independent-e.jsonl' },
] as const;
export type RiskSource = (typeof RISK_SOURCES)[number]['source'];

const messageSchema = z
  .object({
    id: z.string().regex(/^[a-z]{1,2}-?\d{3,4}$/),
    text: z.string().min(1),
    risk: z.boolean(),
    kind: z.enum([...RISK_MESSAGE_KINDS, ...ORDINARY_MESSAGE_KINDS]),
    /** holdout: kept aside and never tuned against, so its figures estimate how the detector does on messages it has not seen. */
    split: z.enum(['dev', 'holdout']),
  })
  .strict()
  .refine((m) => m.risk === (RISK_MESSAGE_KINDS as readonly string[]).includes(m.kind), { error: 'risk must be true exactly for the risk kinds' });

export type LabelledMessage = z.infer<typeof messageSchema> & { readonly source: RiskSource };

/** Every labelled message of every source; throws naming the file and line of a bad one, or of an id used twice. */
export function loadRiskSet(projectRoot: string): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  const seen = new Set<string>();
  for (const { source, file: name } of RISK_SOURCES) {
    const file = path.join(projectRoot, 'tests', 'fixtures', 'risk', name);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim().length === 0) return;
        const parsed = messageSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        if (seen.has(parsed.data.id)) throw new Error(`${file} line ${index + 1}: the id ${parsed.data.id} is used twice`);
        seen.add(parsed.data.id);
        out.push({ ...parsed.data, source });
      });
  }
  return out;
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
