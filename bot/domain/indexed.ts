// Reading an array slot that the surrounding code guarantees is there, with a clear failure if that guarantee breaks.
import { AppError } from '../errors';

/** Any value but undefined, so a slot that holds undefined cannot pass for one that is missing. */
export type Defined = string | number | boolean | bigint | symbol | object | null;

/**
 * `items[index]`, for an index the caller has just bounded (a loop counter, a position taken from the same data).
 * `noUncheckedIndexedAccess` types such a read as possibly undefined; this keeps the check real instead of asserting
 * it away with `!`. If the index is ever out of range, the turn fails as `internal` and the log's cause says which read
 * it was.
 */
export function at<T extends Defined>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) {
    throw new AppError('internal', undefined, {
      cause: new RangeError(`${what}: no entry at index ${String(index)} of ${String(items.length)}`),
    });
  }
  return item;
}

/** `Array.isArray` that types what it finds as unknown items, not `any`, so each item still has to be checked. */
export function isArrayOfUnknown(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
