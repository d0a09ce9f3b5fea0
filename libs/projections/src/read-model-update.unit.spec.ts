import { assertValidFilter, assertValidUpdate, InvalidReadModelWrite } from './read-model-update';
import type { ReadModelUpdate } from './read-model-update';

const where = 'squads.upsert';

describe('the writes a projection may make', () => {
  it('accepts the operators that behave alike on MongoDB and FerretDB v1', () => {
    expect(() =>
      assertValidUpdate(where, {
        $set: { name: 'Payments', 'members.p1': { role: 'engineer' } },
        $setOnInsert: { createdAt: '2026-01-01' },
        $unset: { 'members.p0': '' },
        $inc: { members: 1 },
        $max: { lastCheckInAt: '2026-01-02' },
        $push: { history: { $each: [{ at: 1 }] } },
        $addToSet: { tags: 'mobile' },
        $pull: { tags: 'web' },
      }),
    ).not.toThrow();
  });

  it.each<[string, ReadModelUpdate | Record<string, unknown>, RegExp]>([
    ['an empty update', {}, /empty/],
    ['wall-clock time', { $currentDate: { at: true } }, /\$currentDate is not allowed/],
    ['$rename', { $rename: { a: 'b' } }, /\$rename is not allowed/],
    ['the tenant', { $set: { tenantId: 'other' } }, /tenantId is kept by the projection context/],
    ['the guard', { $set: { _position: 3 } }, /_position is kept/],
    ['a guard record', { $unset: { '_streams.squad-1': '' } }, /_streams.squad-1 is kept/],
    ['the tombstone', { $set: { _deleted: false } }, /_deleted is kept/],
    ['the id', { $set: { _id: 'x' } }, /_id is kept/],
    ['a positional path', { $set: { 'members.$.role': 'x' } }, /positional/],
    ['an all-elements path', { $set: { 'members.$[].role': 'x' } }, /positional/],
    ['$push with $sort', { $push: { list: { $each: [1], $sort: 1 } } }, /\$sort is ignored/],
    ['$push with $slice', { $push: { list: { $each: [1], $slice: -5 } } }, /\$slice is ignored/],
    ['$pull by partial document', { $pull: { members: { personId: 'p1' } } }, /\$pull members/],
    ['$pull by condition', { $pull: { scores: { $gte: 3 } } }, /\$pull scores/],
  ])('refuses %s', (_, update, message) => {
    expect(() => assertValidUpdate(where, update as ReadModelUpdate)).toThrow(
      InvalidReadModelWrite,
    );
    expect(() => assertValidUpdate(where, update as ReadModelUpdate)).toThrow(message);
  });

  it('refuses filters that name the tenant or the guard, or use unsupported operators', () => {
    expect(() => assertValidFilter(where, { tribeId: 't1', status: { $in: ['a'] } })).not.toThrow();
    expect(() => assertValidFilter(where, { tenantId: 'other' })).toThrow(/tenantId/);
    expect(() => assertValidFilter(where, { $or: [{ _position: 1 }] })).toThrow(/_position/);
    expect(() => assertValidFilter(where, { $expr: { $gt: ['$a', 1] } })).toThrow(/\$expr/);
    expect(() => assertValidFilter(where, { members: { $elemMatch: { a: 1 } } })).toThrow(
      /\$elemMatch/,
    );
  });
});
