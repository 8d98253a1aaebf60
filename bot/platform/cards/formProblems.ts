// A form answered again with its problems: the same card, the person's inputs kept, each problem next to its field
// (Adaptive Cards 1.5 `errorMessage` on the input, and shown under it) and a summary at the top. Writes nothing.
import type { AdaptiveCard } from '../../events';
import { displaySafe, MAX_CARD_BYTES } from './render';

/** One problem with one input of the form, named by the input's `id`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  /** The input must be filled in: it is marked `isRequired`, so the client checks it before sending again. */
  readonly required?: boolean;
}

export interface FormProblems {
  /** The line at the top, e.g. "Nothing was saved yet: fix what is marked below and press the button again." */
  readonly summary: string;
  readonly fields: readonly FieldProblem[];
  /** Problems of the form as a whole (or of a field the form does not have), listed under the summary. */
  readonly general?: readonly string[];
}

/** Where an input declares no `maxLength`, what a typed value is kept to (a card must fit in a Teams message). */
const DEFAULT_VALUE_CAP = 2000;
/** Below this, values are not shortened further to make the card fit: the card is too big without them. */
const SMALLEST_VALUE_CAP = 50;

type Element = Record<string, unknown>;

/**
 * `form` is the card as first sent (rendered from its template); `submitted` is the untrusted data the card sent.
 * Each input whose id was sent gets the value back (a choice only if the form offers it; text kept to twice the
 * input's `maxLength`), so nothing the person typed is lost, and the values are placed after templating, so a typed
 * `${...}` stays text.
 */
export function formWithProblems(form: AdaptiveCard, submitted: unknown, problems: FormProblems): AdaptiveCard {
  const typed = typedValuesOf(submitted);
  // Messages are card text, so they get what every rendered card's text gets (angle brackets kept visible); the values
  // go back into inputs, which show text as it is.
  problems = displaySafe(problems);
  const byField = new Map<string, FieldProblem[]>();
  for (const problem of problems.fields) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem]);
  const inputIds = new Set<string>();
  collectInputIds(form.body, inputIds);
  const unplaced = problems.fields.filter((p) => !inputIds.has(p.field)).map((p) => p.message);
  const general = [...(problems.general ?? []), ...unplaced];

  const summary: Element = {
    type: 'Container',
    style: 'attention',
    items: [
      { type: 'TextBlock', text: problems.summary, wrap: true, weight: 'Bolder', color: 'Attention' },
      ...general.map((line) => ({ type: 'TextBlock', text: `- ${line}`, wrap: true, spacing: 'Small' })),
    ],
  };
  const build = (cap: number): AdaptiveCard => ({
    ...form,
    body: [summary, ...withInputs(Array.isArray(form.body) ? (form.body as unknown[]) : [], typed, byField, cap)],
  });
  // Very long or heavily escaped typed text could push the card past what Teams accepts: keep less until it fits.
  for (let cap = Number.POSITIVE_INFINITY; ; cap = Number.isFinite(cap) ? Math.floor(cap / 2) : DEFAULT_VALUE_CAP) {
    const card = build(cap);
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    if (bytes <= MAX_CARD_BYTES) return card;
    if (cap <= SMALLEST_VALUE_CAP) {
      throw new Error(`The form shown again with its problems is ${bytes} bytes, over the ${MAX_CARD_BYTES} a Teams message allows; shorten the form's texts.`);
    }
  }
}

/** The messages of a form's problems, for a plain-text answer (e.g. where the form cannot be shown again). */
export function problemLines(problems: FormProblems): string[] {
  return [...(problems.general ?? []), ...problems.fields.map((p) => p.message)];
}

/** What the card sent, as input values: strings as they are, numbers and booleans as text, lists comma-joined. */
function typedValuesOf(submitted: unknown): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted)) return values;
  for (const [name, value] of Object.entries(submitted)) {
    if (typeof value === 'string') values.set(name, value);
    else if (typeof value === 'number' || typeof value === 'boolean') values.set(name, String(value));
    else if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) values.set(name, value.join(','));
  }
  return values;
}

function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInput(element: Element): element is Element & { id: string } {
  return typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string';
}

/** The elements that hold other elements: a Container's items, a ColumnSet's columns, a Column's items. */
const CHILD_LISTS = ['items', 'columns'] as const;

function collectInputIds(elements: unknown, ids: Set<string>): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isElement(element)) continue;
    if (isInput(element)) ids.add(element.id);
    for (const key of CHILD_LISTS) collectInputIds(element[key], ids);
  }
}

function withInputs(elements: readonly unknown[], typed: ReadonlyMap<string, string>, byField: ReadonlyMap<string, FieldProblem[]>, cap: number): unknown[] {
  const out: unknown[] = [];
  for (const element of elements) {
    if (!isElement(element)) {
      out.push(element);
      continue;
    }
    let copy: Element = element;
    for (const key of CHILD_LISTS) {
      const children = element[key];
      if (Array.isArray(children)) copy = { ...copy, [key]: withInputs(children, typed, byField, cap) };
    }
    if (!isInput(element)) {
      out.push(copy);
      continue;
    }
    const value = typed.get(element.id);
    if (value !== undefined) copy = { ...copy, value: shownValue(element, value, cap) };
    const problems = byField.get(element.id) ?? [];
    if (problems.length === 0) {
      out.push(copy);
      continue;
    }
    const message = problems.map((p) => p.message).join(' ');
    // `errorMessage` is what the client shows when its own check of the input fails; the TextBlock shows the problem now.
    copy = { ...copy, errorMessage: message, ...(problems.some((p) => p.required) ? { isRequired: true } : {}) };
    out.push(copy, { type: 'TextBlock', text: message, wrap: true, color: 'Attention', size: 'Small', spacing: 'None' });
  }
  return out;
}

/** A choice is shown only if the form offers it; text is kept to twice the input's limit (or `cap`, if smaller). */
function shownValue(input: Element, value: string, cap: number): string {
  if (input.type === 'Input.ChoiceSet' && Array.isArray(input.choices) && input.choices.length > 0) {
    const offered = new Set(input.choices.filter(isElement).map((choice) => String(choice.value)));
    if (input.isMultiSelect === true) return value.split(',').map((v) => v.trim()).filter((v) => offered.has(v)).join(',');
    return offered.has(value) ? value : '';
  }
  const limit = Math.min(typeof input.maxLength === 'number' && input.maxLength > 0 ? input.maxLength * 2 : DEFAULT_VALUE_CAP, cap);
  return value.length > limit ? value.slice(0, limit) : value;
}
