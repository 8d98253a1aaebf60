// Checks every card template before anyone is sent a card: each `${…}` binding names data its card's zod schema has
// (inside a `$data` scope, the items' fields), each literal verb has a handler, and each template file has a card
// definition. Start-up runs it (app.ts) and so does a test, so a broken card fails `npm start`, not a user.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Expression } from 'adaptive-expressions';
import { z } from 'zod';
import type { CardDefinition } from './render';
import { ANYTHING, describeShapes, itemsOf, stepInto, stepsOf, type Shapes } from './schemaPaths';

/** A template as found on disk: its path from the project folder (`bot/features/panel/cards/panelCase.json`). */
export interface TemplateFile {
  readonly path: string;
  /** The parsed JSON, or why it could not be parsed. */
  readonly template: unknown;
  readonly unreadable?: string;
}

/** Thrown at start-up with every problem found, one a line, each naming the file, the binding and the fix. */
export class CardTemplateError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length === 1 ? 'A card template is' : `${problems.length} card templates are`} broken; fix ${problems.length === 1 ? 'it' : 'them'} before starting:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'CardTemplateError';
  }
}

/** Every `*.json` in a `cards/` folder under `<root>/bot`, parsed. */
export function templateFilesUnder(root: string): TemplateFile[] {
  const bot = path.join(root, 'bot');
  return readdirSync(bot, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.json') && path.posix.basename(path.posix.dirname(file)) === 'cards')
    .sort()
    .map((file) => {
      const relative = `bot/${file}`;
      try {
        return { path: relative, template: JSON.parse(readFileSync(path.join(bot, file), 'utf8')) as unknown };
      } catch (error) {
        return { path: relative, template: undefined, unreadable: (error as Error).message };
      }
    });
}

/** Everything wrong with the cards, their templates and the verbs they send; empty when all is well. */
export function cardTemplateProblems(cards: readonly CardDefinition<z.ZodType>[], files: readonly TemplateFile[], verbs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const unique = [...new Set(cards)];
  const fileOf = new Map<CardDefinition<z.ZodType>, TemplateFile>();
  for (const file of files) {
    if (file.unreadable !== undefined) {
      problems.push(`${file.path} is not valid JSON (${file.unreadable}). Fix: correct the JSON (an Adaptive Card designer export is valid).`);
      continue;
    }
    const name = path.posix.basename(file.path, '.json');
    const named = unique.filter((card) => card.name === name);
    const defined = named.filter((card) => isDeepStrictEqual(card.template, file.template));
    for (const card of defined) fileOf.set(card, file);
    if (defined.length > 0) continue;
    problems.push(
      named.length > 0
        ? `${file.path} is not the template of the card "${name}" defined with that name. Fix: import this file in its defineCard("${name}", …), or rename one of them.`
        : `${file.path} has no card definition. Fix: define it with defineCard("${name}", template, schema) in the cards module beside it and list the card under \`cards\` in its feature's manifest (feature.ts), or delete the file if no card uses it.`,
    );
  }
  for (const card of unique) {
    const file = fileOf.get(card);
    if (!file) {
      problems.push(`The card "${card.name}" has no template file ${card.name}.json (in a cards/ folder under bot/) with its template. Fix: give defineCard the name of the file it imports.`);
    }
    problems.push(...bindingProblems(card, file?.path ?? `the card "${card.name}"`, verbs));
  }
  return problems;
}

/** Throws a CardTemplateError listing every problem, for start-up. */
export function assertCardTemplates(cards: readonly CardDefinition<z.ZodType>[], files: readonly TemplateFile[], verbs: ReadonlySet<string>): void {
  const problems = cardTemplateProblems(cards, files, verbs);
  if (problems.length > 0) throw new CardTemplateError(problems);
}

/** The names the templating language gives meaning to; any other `$` name in a binding is a mistake. */
const SCOPE_NAMES = new Set(['$root', '$data', '$index']);

/** A binding that only names a place in the data (`lines`, `table.rows`, `$root.items[0]`), so its scope can be followed. */
const PLAIN_PATH = /^\s*[A-Za-z_$][\w$]*(?:\s*(?:\.\s*[A-Za-z_$][\w$]*|\[\s*\d+\s*\]))*\s*$/;

function bindingProblems(card: CardDefinition<z.ZodType>, where: string, verbs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const root: Shapes = [card.schema];
  const fix = (field: string) => `add "${field}" to the zod schema in defineCard("${card.name}", …), or bind a name it has`;

  /** The shapes `reference` leads to, or undefined after recording why it leads nowhere. */
  const resolve = (reference: string, binding: string, scope: Shapes, at: string): Shapes | undefined => {
    const steps = stepsOf(reference);
    const first = steps[0];
    if (!first || !('field' in first)) return [ANYTHING];
    let shapes: Shapes;
    let rest = steps;
    if (first.field.startsWith('$')) {
      if (!SCOPE_NAMES.has(first.field)) {
        problems.push(`${where}, ${at}: "${binding}" uses "${first.field}", which the templating language does not know. Fix: use $root (the card's data), $data (the current item) or $index.`);
        return undefined;
      }
      rest = steps.slice(1);
      shapes = first.field === '$root' ? root : first.field === '$data' ? scope : [z.number()];
    } else {
      shapes = scope;
    }
    let walked = first.field.startsWith('$') ? first.field : '';
    for (const step of rest) {
      if (shapes.every((shape) => shape === ANYTHING)) return shapes;
      const next = stepInto(shapes, step);
      const label = 'field' in step ? step.field : `[${step.index}]`;
      if (next.length === 0) {
        const inside = walked === '' ? (scope === root ? "the card's data has" : 'the items of the enclosing "$data" have') : `"${walked}" has`;
        const detail = describeShapes(shapes);
        const remedy = 'field' in step ? (walked === '' && scope !== root ? `use "$root.${step.field}" for the card's own data, or ${fix(step.field)}` : fix(step.field)) : 'bind the list with "$data" to repeat an element over its items';
        problems.push(`${where}, ${at}: "${binding}" binds "${reference}", but ${inside} no "${label}" (${detail}). Fix: ${remedy}.`);
        return undefined;
      }
      walked = walked === '' ? label : 'field' in step ? `${walked}.${label}` : `${walked}${label}`;
      shapes = next;
    }
    return shapes;
  };

  /** Checks every binding in `text`; returns what a sole plain-path binding leads to (for `$data`), else ANYTHING. */
  const checkText = (text: string, scope: Shapes, at: string): Shapes => {
    const bindings = bindingsIn(text);
    let led: Shapes = [ANYTHING];
    for (const binding of bindings) {
      const references = referencesOf(binding.expression);
      if (typeof references === 'string') {
        problems.push(`${where}, ${at}: "${binding.text}" is not an expression the templating language can read (${references}). Fix: correct it, e.g. \${name} or \${if(flag, 'a', 'b')}.`);
        continue;
      }
      for (const reference of references) {
        const shapes = resolve(reference, binding.text, scope, at);
        if (shapes && bindings.length === 1 && binding.text === text.trim() && PLAIN_PATH.test(binding.expression)) led = shapes;
      }
    }
    return led;
  };

  const walk = (node: unknown, scope: Shapes, at: string): void => {
    if (typeof node === 'string') {
      checkText(node, scope, at);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, scope, `${at}[${index}]`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const entries = Object.entries(node);
    let inner = scope;
    const data = (node as Record<string, unknown>).$data;
    // `$data` is read in the enclosing scope; the element (its `$when` included) is then expanded once per item.
    if (typeof data === 'string') inner = itemsOf(checkText(data, scope, join(at, '$data')));
    else if (data !== undefined) inner = [ANYTHING];
    for (const [key, value] of entries) {
      if (key === '$data') continue;
      if (key === 'verb' && typeof value === 'string' && !value.includes('${') && !verbs.has(value)) {
        problems.push(
          `${where}, ${join(at, key)}: the verb "${value}" has no handler. Fix: declare it with defineCardAction beside its handler and list it under cardActions in its feature's manifest, or bind the verb from the card's data ("\${verb}") set from the handler's exported constant.`,
        );
      }
      walk(value, inner, join(at, key));
    }
  };

  walk(card.template, root, '(card)');
  return problems;
}

/** What each expression refers to, or why it cannot be read; parsed once per process (the parser takes milliseconds). */
const referencesByExpression = new Map<string, readonly string[] | string>();

/** The data paths an expression reads (`count(facts) > 0` reads `facts`), or why it cannot be read. */
function referencesOf(expression: string): readonly string[] | string {
  // Most bindings only name a place in the data: that is its one reference, with no parser needed.
  if (PLAIN_PATH.test(expression)) return [expression.replace(/\s+/g, '')];
  let references = referencesByExpression.get(expression);
  if (references === undefined) {
    try {
      references = Expression.parse(expression).references();
    } catch (error) {
      references = firstLine(error);
    }
    referencesByExpression.set(expression, references);
  }
  return references;
}

function join(at: string, key: string): string {
  return at === '(card)' ? key : `${at}.${key}`;
}

interface Binding {
  /** As written, `${…}` included. */
  readonly text: string;
  readonly expression: string;
}

/** The `${…}` bindings in a string, each to its closing brace (braces and quotes inside the expression respected). */
export function bindingsIn(text: string): Binding[] {
  const found: Binding[] = [];
  let start = text.indexOf('${');
  while (start !== -1) {
    let depth = 0;
    let quote: string | undefined;
    let end = -1;
    for (let i = start + 2; i < text.length; i += 1) {
      const char = text[i];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '{') {
        depth += 1;
      } else if (char === '}') {
        if (depth === 0) {
          end = i;
          break;
        }
        depth -= 1;
      }
    }
    if (end === -1) {
      // Unclosed: reported as an expression that cannot be read.
      found.push({ text: text.slice(start), expression: `${text.slice(start + 2)}(` });
      break;
    }
    found.push({ text: text.slice(start, end + 1), expression: text.slice(start + 2, end) });
    start = text.indexOf('${', end + 1);
  }
  return found;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? 'unreadable';
}
