// Cards: a JSON template in adaptiveCards/ + a zod schema for its data, expanded with adaptivecards-templating.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { z } from 'zod';
import type { AdaptiveCard } from '../../events';

/** Teams rejects a message over about 28 KB, card included; leave room for the activity envelope. */
export const MAX_CARD_BYTES = 26_000;

export interface CardDefinition<S extends z.ZodType> {
  /** The template file name in adaptiveCards/, without `.json`. */
  readonly name: string;
  readonly schema: S;
}

export function defineCard<S extends z.ZodType>(name: string, schema: S): CardDefinition<S> {
  return { name, schema };
}

/**
 * Teams (and the Playground) render card text as a markdown subset and drop anything that looks like an HTML tag, so
 * "cohort add <cohort name> <emails>" would lose its placeholders. Angle brackets in card data become ‹ › instead.
 */
export function displaySafe<T>(value: T): T {
  if (typeof value === 'string') return (ANGLE_BRACKET.test(value) ? value.replace(/</g, '‹').replace(/>/g, '›') : value) as T;
  // Copies only what changes (a card is rendered on every submit): untouched parts are returned as they are.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const safe = displaySafe(value[i]);
      if (safe !== value[i]) (copy ??= [...value])[i] = safe;
    }
    return (copy ?? value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const safe = displaySafe(item);
      if (safe !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = safe;
    }
    return (copy ?? value) as T;
  }
  return value;
}

const ANGLE_BRACKET = /[<>]/;

export class CardRenderer {
  private readonly templates = new Map<string, Template>();

  constructor(private readonly directory: string) {}

  /** Validates the data, expands the template and checks the card fits in a Teams message. */
  render<S extends z.ZodType>(card: CardDefinition<S>, data: z.input<S>): AdaptiveCard {
    const parsed = card.schema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new Error(`Card "${card.name}" was given data that does not fit its schema: ${where}`);
    }
    const expanded = this.template(card.name).expand({ $root: displaySafe(parsed.data) }) as AdaptiveCard;
    const bytes = Buffer.byteLength(JSON.stringify(expanded), 'utf8');
    if (bytes > MAX_CARD_BYTES) {
      throw new Error(`Card "${card.name}" is ${bytes} bytes, over the ${MAX_CARD_BYTES} a Teams message allows; page or split it.`);
    }
    return expanded;
  }

  private template(name: string): Template {
    let template = this.templates.get(name);
    if (!template) {
      const file = path.join(this.directory, `${name}.json`);
      template = new Template(JSON.parse(readFileSync(file, 'utf8')));
      this.templates.set(name, template);
    }
    return template;
  }
}
