// Walks a card's zod data schema along a template binding's path (`missing.verb`, `lines[0]`), so the start-up check
// can tell whether the data a card is given can have what the template binds to.
import { z } from 'zod';

/** A place in the data where anything may be (unknown, a custom check, a transform's output): nothing below is checked. */
export const ANYTHING = Symbol('anything');

/** What a value at one point of the data may be: one schema per alternative (a union gives several). */
export type Shapes = readonly (z.core.$ZodType | typeof ANYTHING)[];

export type Step = { readonly field: string } | { readonly index: number };

/** `a.b[0].c` as steps; the first step is the root name. */
export function stepsOf(path: string): Step[] {
  const steps: Step[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    steps.push(match[1] !== undefined ? { index: Number(match[1]) } : { field: (match[2] ?? '').trim() });
  }
  return steps;
}

/** The alternatives a schema stands for, wrappers taken off (optional, default, pipe, lazy, union...). */
export function alternatives(schema: z.core.$ZodType | typeof ANYTHING, depth = 0): Shapes {
  if (schema === ANYTHING || depth > 20) return [ANYTHING];
  const next = (inner: z.core.$ZodType) => alternatives(inner, depth + 1);
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodNonOptional ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly
  ) {
    return next(schema.unwrap());
  }
  // A transform's output is whatever the function returns; a preprocess (transform in, schema out) is its schema.
  if (schema instanceof z.ZodPipe) return schema.out instanceof z.ZodTransform ? [ANYTHING] : next(schema.out);
  if (schema instanceof z.ZodLazy) return next(schema._zod.def.getter());
  if (schema instanceof z.ZodUnion) return schema.options.flatMap(next);
  if (schema instanceof z.ZodIntersection) return [...next(schema._zod.def.left), ...next(schema._zod.def.right)];
  if (schema instanceof z.ZodTransform || schema instanceof z.ZodUnknown || schema instanceof z.ZodAny || schema instanceof z.ZodCustom) return [ANYTHING];
  return [schema];
}

/** What one step leads to from `shapes`; empty when none of them has it. */
export function stepInto(shapes: Shapes, step: Step): Shapes {
  const found: (z.core.$ZodType | typeof ANYTHING)[] = [];
  for (const shape of shapes) {
    if (shape === ANYTHING) {
      found.push(ANYTHING);
    } else if ('field' in step) {
      if (shape instanceof z.ZodObject) {
        // zod types an object's shape and catch-all loosely (any); each is checked to be a schema before use.
        const field: unknown = Object.hasOwn(shape.shape, step.field) ? shape.shape[step.field] : undefined;
        const catchall: unknown = shape._zod.def.catchall;
        if (field instanceof z.ZodType) found.push(...alternatives(field));
        else if (catchall instanceof z.ZodType && !(catchall instanceof z.ZodNever)) found.push(...alternatives(catchall));
      } else if (shape instanceof z.ZodRecord) {
        found.push(...alternatives(shape.valueType));
      }
    } else if (shape instanceof z.ZodArray) {
      found.push(...alternatives(shape.element));
    } else if (shape instanceof z.ZodTuple) {
      const { items, rest } = shape._zod.def;
      const item = items[step.index] ?? rest;
      if (item) found.push(...alternatives(item));
    }
  }
  return found;
}

/** The items a `$data` binding repeats over (an array's elements), or the object it narrows to. */
export function itemsOf(shapes: Shapes): Shapes {
  return shapes.flatMap((shape) => {
    if (shape instanceof z.ZodArray) return alternatives(shape.element);
    if (shape instanceof z.ZodTuple) return [...shape._zod.def.items, ...(shape._zod.def.rest ? [shape._zod.def.rest] : [])].flatMap((item) => alternatives(item));
    return [shape];
  });
}

/** For messages: the fields `shapes` has, or what it is when it has none ("a list", "a string"). */
export function describeShapes(shapes: Shapes): string {
  const fields = new Set<string>();
  const kinds = new Set<string>();
  for (const shape of shapes) {
    if (shape === ANYTHING) continue;
    if (shape instanceof z.ZodObject) for (const name of Object.keys(shape.shape)) fields.add(name);
    else if (shape instanceof z.ZodArray || shape instanceof z.ZodTuple) kinds.add('a list (bind it with "$data" to reach its items)');
    else kinds.add(`a ${shape._zod.def.type}`);
  }
  if (fields.size > 0) return `its fields are ${[...fields].join(', ')}`;
  return kinds.size > 0 ? `it is ${[...kinds].join(' or ')}, with no fields` : 'it has no fields';
}
