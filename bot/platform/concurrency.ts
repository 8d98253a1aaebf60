// Async work over a list, a few items at a time, for reads that are independent but should not all start at once.

/**
 * Runs `work` for every item, at most `limit` at once, and returns the results in the items' order. Like Promise.all,
 * the first failure rejects; no further items are started after it (work already started carries on).
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('mapConcurrently needs a whole-number limit of at least 1.');
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
