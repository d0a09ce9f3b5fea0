import type { Connection } from 'mongoose';
import { applyUpdate } from './document-update';
import type { ReadModelUpdate } from './read-model-update';
import { openReadStore } from './testing/read-store.fixture';

type Case = Readonly<{
  name: string;
  /** The stored document before the update; undefined: the update inserts it (an upsert). */
  before?: Record<string, unknown>;
  update: ReadModelUpdate;
}>;

const base = {
  title: 'Raise NPS',
  count: 3,
  ratio: 1.5,
  owner: { kind: 'squad', id: 'care' },
  tags: ['a', 'b', 'a'],
  keyResults: { kr1: { current: 10, target: 20 } },
  list: [{ id: 'x', n: 1 }],
  when: '2026-01-01',
};

const cases: Case[] = [
  {
    name: '$set of top-level and nested fields',
    update: { $set: { title: 'New', 'owner.id': 'ops' } },
  },
  {
    name: '$set creates the path',
    update: { $set: { 'keyResults.kr2.current': 5, 'a.b.c': [1] } },
  },
  {
    name: '$set replaces an object whole',
    update: { $set: { keyResults: { kr9: { current: 1 } } } },
  },
  { name: '$set of an array element by index', update: { $set: { 'tags.1': 'z', 'list.0.n': 2 } } },
  {
    name: '$unset of present, nested and missing fields',
    update: { $unset: { title: '', 'keyResults.kr1.target': '', missing: '', 'no.such': '' } },
  },
  {
    name: '$inc and $mul, present and missing',
    update: {
      $inc: { count: 2, fresh: 5, 'keyResults.kr1.current': -1.5 },
      $mul: { ratio: 2, other: 3 },
    },
  },
  {
    name: '$min and $max',
    update: {
      $min: { count: 1, when: '2025-06-01', newMin: 4 },
      $max: { ratio: 1, title: 'Zeta' },
    },
  },
  {
    name: '$push one and $each, to present and missing arrays',
    update: { $push: { tags: 'c', list: { $each: [{ id: 'y', n: 2 }] }, fresh: 'f' } },
  },
  {
    name: '$addToSet present, new, $each and documents',
    update: {
      $addToSet: { tags: { $each: ['a', 'c', 'c'] }, list: { id: 'x', n: 1 }, other: 'o' },
    },
  },
  {
    name: '$addToSet of a document with other field order adds it',
    update: { $addToSet: { list: { n: 1, id: 'x' } } },
  },
  {
    name: '$pull and $pullAll',
    update: { $pull: { tags: 'a' }, $pullAll: { list: [{ id: 'x', n: 1 }] } },
  },
  { name: '$pull of a missing field', update: { $pull: { nothing: 'a' } } },
  {
    name: '$setOnInsert on an existing document does nothing',
    update: { $set: { title: 'T' }, $setOnInsert: { createdBy: 'ann' } },
  },
  {
    name: 'an upsert that inserts: $set, $setOnInsert, $inc, $addToSet',
    before: undefined,
    update: {
      $set: { 'owner.kind': 'guild', title: 'G' },
      $setOnInsert: { createdBy: 'ann' },
      $inc: { count: 1 },
      $addToSet: { tags: 'x' },
    },
  },
];

/**
 * applyUpdate (the rebuild's in-memory fold) against the real read store: the same update, on the
 * same document, must leave the same document.
 */
describe('applyUpdate agrees with the read store (FerretDB here, MongoDB elsewhere)', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;

  beforeAll(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
  });
  afterAll(() => readStore.drop());

  it.each(cases.map((each, index) => [each.name, index] as const))('%s', async (_name, index) => {
    const { update } = cases[index];
    const inserting = 'before' in cases[index] && cases[index].before === undefined;
    const before = inserting ? undefined : (cases[index].before ?? base);
    const collection = connection.db!.collection<Record<string, unknown>>('documents');
    const _id = `case-${index}`;
    if (before)
      await collection.insertOne({ _id: _id as never, tenantId: 't', ...structuredClone(before) });
    await collection.updateOne({ _id: _id as never, tenantId: 't' }, update as never, {
      upsert: true,
    });
    const stored = await collection.findOne({ _id: _id as never });

    const held: Record<string, unknown> = { _id, tenantId: 't', ...structuredClone(before ?? {}) };
    applyUpdate(held, update, inserting);
    expect(held).toEqual(stored);
  });

  it('refuses what the store refuses', async () => {
    const collection = connection.db!.collection<Record<string, unknown>>('refusals');
    const refused: ReadModelUpdate[] = [
      { $inc: { title: 1 } },
      { $push: { title: 'x' } },
      { $set: { 'title.sub': 1 } },
    ];
    for (const [index, update] of refused.entries()) {
      const _id = `refused-${index}`;
      await collection.insertOne({ _id: _id as never, ...structuredClone(base) });
      await expect(collection.updateOne({ _id: _id as never }, update as never)).rejects.toThrow();
      expect(() => applyUpdate(structuredClone(base), update, false)).toThrow();
    }
  });
});
