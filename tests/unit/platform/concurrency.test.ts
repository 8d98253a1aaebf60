// mapConcurrently: results in the items' order whatever order the work finishes in, never more than the limit at once,
// and nothing new started after a failure.
import { mapConcurrently } from '../../../bot/platform/concurrency';

/** Work whose items finish in the order the test releases them, counting how many run at once. */
function controlledWork() {
  const waiting = new Map<number, () => void>();
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const work = async (item: number): Promise<string> => {
    started.push(item);
    running += 1;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => waiting.set(item, resolve));
    running -= 1;
    if (item < 0) throw new Error(`item ${item} failed`);
    return `result ${item}`;
  };
  const release = async (item: number): Promise<void> => {
    while (!waiting.has(item)) await new Promise((resolve) => setImmediate(resolve));
    waiting.get(item)?.();
  };
  return { work, release, started, most: () => most };
}

describe('mapConcurrently', () => {
  it('keeps the items\' order and runs at most the limit at once', async () => {
    const { work, release, most } = controlledWork();
    const done = mapConcurrently([1, 2, 3, 4, 5], 2, work);
    for (const item of [2, 1, 4, 3, 5]) await release(item);
    expect(await done).toEqual(['result 1', 'result 2', 'result 3', 'result 4', 'result 5']);
    expect(most()).toBe(2);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const { work, release, started } = controlledWork();
    const done = mapConcurrently([1, -2, 3, 4], 2, work);
    await release(-2);
    await expect(done).rejects.toThrow('item -2 failed');
    await release(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, -2]);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapConcurrently([], 4, async (item: number) => item)).toEqual([]);
  });
});
