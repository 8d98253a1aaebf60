import { RecentMap } from '../../../bot/platform/recentMap';

describe('RecentMap', () => {
  it('forgets the oldest entry once it holds more than its limit', () => {
    const map = new RecentMap<string, number>(2).set('a', 1).set('b', 2).set('c', 3);
    expect([map.has('a'), map.get('b'), map.get('c'), map.size]).toEqual([false, 2, 3, 2]);
  });

  it('keeps a touched or re-stored entry longest', () => {
    const touched = new RecentMap<string, number>(2).set('a', 1).set('b', 2);
    expect(touched.touch('a')).toBe(1);
    touched.set('c', 3);
    expect([touched.get('a'), touched.has('b')]).toEqual([1, false]);

    const restored = new RecentMap<string, number>(2).set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    expect([restored.get('a'), restored.has('b')]).toEqual([10, false]);
  });

  it('refuses a limit under one', () => {
    expect(() => new RecentMap(0)).toThrow('at least one');
  });
});
