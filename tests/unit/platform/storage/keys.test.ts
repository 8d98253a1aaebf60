// Table keys: the one escaping, and tenant-scoped keys that no tenant id can forge into another tenant's.
import { fromKey, splitTenantKey, tenantKey, toKey } from '../../../../bot/platform/storage/keys';

describe('table keys', () => {
  it('escapes the characters Table Storage refuses, reversibly', () => {
    expect(toKey('19:abc/def#1?x')).toBe('19:abc%2Fdef%231%3Fx');
    expect(fromKey(toKey('a%2F/b'))).toBe('a%2F/b');
  });

  it('puts the tenant first in a tenant key, and reads both parts back', () => {
    expect(tenantKey('72f988bf-86f1-41af-91ab-2d7cd011db47', 'salford')).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47|salford');
    expect(splitTenantKey(tenantKey('72f988bf-86f1-41af-91ab-2d7cd011db47', '19:a/b'))).toEqual({ tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', id: '19:a/b' });
    // A key written before tenant keys (an area slug alone) has no tenant.
    expect(splitTenantKey(toKey('salford'))).toBeUndefined();
    expect(() => tenantKey('', 'salford')).toThrow('needs a tenant id');
  });

  it('never lets a tenant id containing "|" or "%" reach another tenant\'s keys', () => {
    const pairs: [string, string][] = [
      ['a|b', 'c'],
      ['a', 'b|c'],
      ['a%7Cb', 'c'],
      ['a%', '7Cb|c'],
      ['a%25', 'x'],
      ['a%', '25|x'],
    ];
    const keys = pairs.map(([tenant, id]) => tenantKey(tenant, id));
    expect(new Set(keys).size).toBe(pairs.length);
    pairs.forEach(([tenantId, id], i) => expect(splitTenantKey(keys[i]!)).toEqual({ tenantId, id }));
  });
});
