import { documentKey, idOfKey, UntranslatableIdFilter, withKeysOf } from './document-key';

describe('documentKey', () => {
  it("puts the tenant before the id, so two tenants' equal ids are two keys", () => {
    expect(documentKey('acme', '2026-q1')).toBe('acme/2026-q1');
    expect(documentKey('globex', '2026-q1')).toBe('globex/2026-q1');
  });

  it('stays injective when tenant ids hold the separator or the escape', () => {
    // Without escaping, ('a/b', 'c') and ('a', 'b/c') would both be 'a/b/c'.
    const pairs: [string, string][] = [
      ['a/b', 'c'],
      ['a', 'b/c'],
      ['a%2Fb', 'c'],
      ['a%', '2Fb/c'],
      ['a', '%2Fb/c'],
      ['', 'a/b/c'],
      ['a/', '/b'],
    ];
    const keys = pairs.map(([tenant, id]) => documentKey(tenant, id));
    expect(new Set(keys).size).toBe(pairs.length);
    for (const [tenant, id] of pairs) expect(idOfKey(tenant, documentKey(tenant, id))).toBe(id);
  });

  it("keeps one tenant's keys in the order of its ids", () => {
    const ids = ['b', 'a', 'a-1', 'A', 'z/9', ''];
    const keys = ids.map((id) => documentKey('t/1', id));
    const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect([...keys].sort(byCodePoints).map((key) => idOfKey('t/1', key))).toEqual(
      [...ids].sort(byCodePoints),
    );
  });

  it('gives back a key without the prefix as it is (stored before tenant keys)', () => {
    expect(idOfKey('acme', 'legacy-id')).toBe('legacy-id');
  });
});

describe('withKeysOf', () => {
  it('turns every condition on _id into one on the keys, wherever it stands', () => {
    expect(
      withKeysOf('acme', {
        _id: 'q1',
        status: 'active',
        $or: [{ _id: { $in: ['a', 'b'] } }, { _id: { $gte: 'c', $lt: 'd' } }, { owner: 'x' }],
      }),
    ).toEqual({
      _id: 'acme/q1',
      status: 'active',
      $or: [
        { _id: { $in: ['acme/a', 'acme/b'] } },
        { _id: { $gte: 'acme/c', $lt: 'acme/d' } },
        { owner: 'x' },
      ],
    });
    expect(withKeysOf('acme', { _id: { $ne: 'q1', $exists: true } })).toEqual({
      _id: { $ne: 'acme/q1', $exists: true },
    });
    expect(withKeysOf('acme', { cycleId: 'q1' })).toEqual({ cycleId: 'q1' });
  });

  it('leaves ids that are not strings (ObjectIds) alone', () => {
    const objectId = { toHexString: () => '65f0' };
    expect(withKeysOf('acme', { _id: objectId })).toEqual({ _id: objectId });
  });

  it('refuses what cannot be said on keys: a regular expression, $regex, $not', () => {
    expect(() => withKeysOf('acme', { _id: /^q/ })).toThrow(UntranslatableIdFilter);
    expect(() => withKeysOf('acme', { _id: { $regex: '^q' } })).toThrow(/\$regex on _id/);
    expect(() => withKeysOf('acme', { $and: [{ _id: { $not: { $eq: 'q' } } }] })).toThrow(
      UntranslatableIdFilter,
    );
  });
});
