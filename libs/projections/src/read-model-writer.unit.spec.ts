import { allOf, batchesWithoutRepeats, maxWritesPerBulk } from './read-model-writer';

const ids = (batches: readonly (readonly { id?: string }[])[]) =>
  batches.map((batch) => batch.map((write) => write.id ?? '*'));

describe('bulk writes of a flush', () => {
  it('never write one document twice in a bulk, and keep the order', () => {
    const writes = ['a', 'b', 'a', 'c', 'a', 'a'].map((id) => ({ id }));
    expect(ids(batchesWithoutRepeats(writes))).toEqual([['a', 'b'], ['a', 'c'], ['a'], ['a']]);
  });

  it('keep an updateMany (no id: any document) in a bulk of its own', () => {
    const writes = [{ id: 'a' }, {}, { id: 'b' }, { id: 'c' }, {}];
    expect(ids(batchesWithoutRepeats(writes))).toEqual([['a'], ['*'], ['b', 'c'], ['*']]);
  });

  it('leave a flush of distinct documents whole', () => {
    const writes = ['a', 'b', 'c'].map((id) => ({ id }));
    expect(ids(batchesWithoutRepeats(writes))).toEqual([['a', 'b', 'c']]);
    expect(batchesWithoutRepeats([])).toEqual([]);
  });

  it('cut a long run of distinct documents into bulks FerretDB can take', () => {
    const writes = Array.from({ length: 2 * maxWritesPerBulk + 5 }, (_, n) => ({ id: `d${n}` }));
    const sizes = batchesWithoutRepeats(writes).map((batch) => batch.length);
    expect(sizes).toEqual([maxWritesPerBulk, maxWritesPerBulk, 5]);
    expect(maxWritesPerBulk).toBeLessThan(100); // FerretDB's pool: a bulk that size hangs it
  });
});

describe('the filter of an updateMany', () => {
  const guard = { $or: [{ _position: { $lt: 7 } }, { _position: { $exists: false } }] };

  it('is one document when the fields do not collide (FerretDB pushes those down)', () => {
    expect(allOf([{ squadId: 'checkout' }, { tenantId: 't1' }, guard])).toEqual({
      squadId: 'checkout',
      tenantId: 't1',
      $or: guard.$or,
    });
    expect(allOf([{}, { tenantId: 't1' }, {}])).toEqual({ tenantId: 't1' });
  });

  it('keeps every clause of colliding fields and nested $and under $and', () => {
    const filter = { $or: [{ a: 1 }, { b: 2 }], $and: [{ c: 3 }] };
    expect(allOf([filter, { tenantId: 't1' }, guard])).toEqual({
      $or: filter.$or,
      tenantId: 't1',
      $and: [{ c: 3 }, { $or: guard.$or }],
    });
  });
});
