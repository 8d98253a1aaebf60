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
  if (typeof value === 'string') return value.replace(/</g, '‹').replace(/>/g, '›') as T;
  if (Array.isArray(value)) return value.map((item) => displaySafe(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, displaySafe(item)])) as T;
  }
  return value;
}

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
