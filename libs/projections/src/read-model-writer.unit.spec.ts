import { batchesWithoutRepeats, maxWritesPerBulk } from './read-model-writer';

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
