// Reading an array slot that the surrounding code guarantees is there, with a clear failure if that guarantee breaks.
import { AppError } from '../errors';

/**
 * `items[index]`, for an index the caller has just bounded (a loop counter, a position taken from the same data).
 * `noUncheckedIndexedAccess` types such a read as possibly undefined; this keeps the check real instead of asserting
 * it away with `!`. T excludes undefined, so a slot holding undefined cannot pass for a missing one. If the index is
 * ever out of range, the turn fails as `internal` and the log's cause says which read it was.
 */
export function at<T extends NonNullable<unknown> | null>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) {
    throw new AppError('internal', undefined, {
      cause: new RangeError(`${what}: no entry at index ${String(index)} of ${String(items.length)}`),
    });
  }
  return item;
}
