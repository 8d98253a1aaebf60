// Cards: a JSON template beside the card's module (in its feature's cards/ folder) + a zod schema for its data,
// expanded with adaptivecards-templating. The module imports its template, so the build carries it and no path is
// resolved at run time.
import { Template } from 'adaptivecards-templating';
import type { z } from 'zod';
import type { AdaptiveCard } from '../../events';
import { isArrayOfUnknown } from '../../domain/indexed';

/** Teams rejects a message over about 28 KB, card included; leave room for the activity envelope. */
export const MAX_CARD_BYTES = 26_000;

export interface CardDefinition<S extends z.ZodType> {
  /** The template's file name without `.json` (e.g. `panelCase`), for messages about the card. */
  readonly name: string;
  /** The parsed template, as the card module imported it (`import panelCaseTemplate from './panelCase.json'`). */
  readonly template: object;
  readonly schema: S;
}

export function defineCard<S extends z.ZodType>(name: string, template: object, schema: S): CardDefinition<S> {
  return { name, template, schema };
}

/**
 * Teams (and the Playground) render card text as a markdown subset and drop anything that looks like an HTML tag, so
 * "cohort add <cohort name> <emails>" would lose its placeholders. Angle brackets in card data become ‹ › instead.
 */
export function displaySafe<T>(value: T): T {
  if (typeof value === 'string') return (ANGLE_BRACKET.test(value) ? value.replace(/</g, '‹').replace(/>/g, '›') : value) as T;
  // Copies only what changes (a card is rendered on every submit): untouched parts are returned as they are.
  if (isArrayOfUnknown(value)) {
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
  /** Prepared once per template: expanding is what each render pays for. */
  private readonly templates = new WeakMap<object, Template>();

  /** Validates the data, expands the template and checks the card fits in a Teams message. */
  render<S extends z.ZodType>(card: CardDefinition<S>, data: z.input<S>): AdaptiveCard {
    const parsed = card.schema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new Error(`Card "${card.name}" was given data that does not fit its schema: ${where}`);
    }
    const expanded = this.template(card.template).expand({ $root: displaySafe(parsed.data) }) as AdaptiveCard;
    const bytes = Buffer.byteLength(JSON.stringify(expanded), 'utf8');
    if (bytes > MAX_CARD_BYTES) {
      throw new Error(`Card "${card.name}" is ${bytes} bytes, over the ${MAX_CARD_BYTES} a Teams message allows; page or split it.`);
    }
    return expanded;
  }

  private template(json: object): Template {
    let template = this.templates.get(json);
    if (!template) {
      template = new Template(json);
      this.templates.set(json, template);
    }
    return template;
  }
}
