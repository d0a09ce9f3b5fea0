import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import type { Connection } from 'mongoose';
import { defineProjection, type ProjectionContext } from './projection';
import { ProjectionGenerations, physicalCollectionName } from './projection-generations';
import { ReadModelWriter } from './read-model-writer';
import { openReadStore } from './testing/read-store.fixture';

type Scored = Event<'Scored', { teamId: string; points: number; bonus: number }>;
type Left = Event<'Left', { teamId: string }>;

let position = 0n;
const event = (
  type: 'Scored' | 'Left',
  data: object,
  streamId = 'team-1',
  streamRevision = 0,
  tenantId = 'acme',
): RecordedEvent<Scored | Left> =>
  ({
    type,
    data,
    metadata: {
      eventId: `e${++position}`,
      tenantId,
      actor: 'system:test',
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
    streamId,
    streamRevision,
    globalPosition: position,
    recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  }) as RecordedEvent<Scored | Left>;

type Apply = (
  event: RecordedEvent<Scored | Left>,
  ctx: ProjectionContext<'scores'>,
) => void | Promise<void>;

const scores = (apply: Apply) =>
  defineProjection({
    name: 'scores',
    version: 1,
    handles: ['Scored', 'Left'],
    collections: [{ name: 'scores', guard: 'position' }],
    apply: (e: RecordedEvent<Scored | Left>, ctx) => apply(e, ctx),
  });

/** Two writes to one document in one event: the second must not be mistaken for a replay. */
const twoWrites: Apply = (e, ctx) => {
  if (e.type === 'Left') return ctx.remove('scores', e.data.teamId);
  ctx.upsert('scores', e.data.teamId, { $inc: { points: e.data.points } });
  ctx.upsert('scores', e.data.teamId, { $inc: { bonus: e.data.bonus } });
};

describe('ReadModelWriter on FerretDB', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;

  const writerFor = async (apply: Apply) => {
    const projection = scores(apply);
    await new ProjectionGenerations(connection.db!).ensure(projection);
    return new ReadModelWriter(connection.db!, projection, 1);
  };
  const documents = () =>
    connection
      .db!.collection<{ _id: string; tenantId: string; points: number; bonus?: number }>(
        physicalCollectionName('scores', 1),
      )
      .find({})
      .sort({ _id: 1 })
      .toArray();

  beforeEach(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
  });
  afterEach(() => readStore.drop());

  it('applies several writes of one event to one document once, and a replay not at all', async () => {
    const writer = await writerFor(twoWrites);
    const scored = event('Scored', { teamId: 'red', points: 3, bonus: 1 });

    await writer.apply(scored);
    await writer.flush();
    await writer.apply(scored);
    await writer.flush();

    expect(await documents()).toEqual([
      {
        _id: 'acme/red',
        tenantId: 'acme',
        points: 3,
        bonus: 1,
        _position: Number(scored.globalPosition),
        _op: 1,
      },
    ]);
  });

  it('completes an event whose first write landed before a crash, without repeating it', async () => {
    const scored = event('Scored', { teamId: 'red', points: 3, bonus: 1 });
    // The crash: only the event's first write reached the store.
    const firstWriteOnly = await writerFor((e, ctx) => {
      if (e.type === 'Scored')
        ctx.upsert('scores', e.data.teamId, { $inc: { points: e.data.points } });
    });
    await firstWriteOnly.apply(scored);
    await firstWriteOnly.flush();

    const writer = await writerFor(twoWrites);
    await writer.apply(scored);
    await writer.flush();

    expect(await documents()).toEqual([expect.objectContaining({ points: 3, bonus: 1, _op: 1 })]);
  });

  it('falls back from a bulk write that meets a replayed upsert, and ends where it would have', async () => {
    // One write per event and document, so nothing is folded: the guarded path alone.
    const oneWrite: Apply = (e, ctx) => {
      if (e.type === 'Scored')
        ctx.upsert('scores', e.data.teamId, { $inc: { points: e.data.points } });
    };
    const batch = ['red', 'blue', 'green', 'yellow', 'purple'].map((teamId, i) =>
      event('Scored', { teamId, points: i + 1, bonus: 1 }),
    );
    const writer = await writerFor(oneWrite);
    for (const e of batch.slice(0, 3)) await writer.apply(e);
    expect(await writer.flush()).toEqual({
      writes: 3,
      bulkFallbacks: 0,
      folded: 0,
      changedUnder: 0,
    });

    // The whole batch again, by a writer that knows no document (a restart): the first three are
    // replays (duplicate-key upserts), two are new; one bulk meets a replay and goes one by one.
    const restarted = await writerFor(oneWrite);
    for (const e of batch) await restarted.apply(e);
    expect(await restarted.flush()).toEqual({
      writes: 5,
      bulkFallbacks: 1,
      folded: 0,
      changedUnder: 0,
    });

    expect((await documents()).map(({ _id, points }) => [_id, points])).toEqual([
      ['acme/blue', 2],
      ['acme/green', 3],
      ['acme/purple', 5],
      ['acme/red', 1],
      ['acme/yellow', 4],
    ]);
  });

  it('stores two tenants that chose the same id as two documents, in one bulk', async () => {
    const writer = await writerFor(twoWrites);
    const acme = event('Scored', { teamId: 'red', points: 3, bonus: 1 }, 'team-1', 0, 'acme');
    const globex = event('Scored', { teamId: 'red', points: 5, bonus: 2 }, 'team-1', 0, 'globex');

    for (const e of [acme, globex]) await writer.apply(e);
    expect(await writer.flush()).toEqual({
      writes: 4,
      bulkFallbacks: 0,
      folded: 2,
      changedUnder: 0,
    });
    // Replayed together: each tenant's guard absorbs its own event.
    for (const e of [globex, acme]) await writer.apply(e);
    expect(await writer.flush()).toMatchObject({ writes: 4 });

    expect(
      (await documents()).map(({ _id, tenantId, points, bonus }) => ({
        _id,
        tenantId,
        points,
        bonus,
      })),
    ).toEqual([
      { _id: 'acme/red', tenantId: 'acme', points: 3, bonus: 1 },
      { _id: 'globex/red', tenantId: 'globex', points: 5, bonus: 2 },
    ]);
  });

  it('keeps a removed document removed when its creation is replayed', async () => {
    const writer = await writerFor(twoWrites);
    const scored = event('Scored', { teamId: 'red', points: 3, bonus: 1 });
    const left = event('Left', { teamId: 'red' }, 'team-1', 1);

    for (const e of [scored, left, scored]) {
      await writer.apply(e);
      await writer.flush();
    }

    expect(await documents()).toEqual([
      expect.objectContaining({
        _id: 'acme/red',
        _deleted: true,
        points: 3,
        _position: Number(left.globalPosition),
      }),
    ]);
  });

  it("lets apply read its own tenant's documents, including writes not yet flushed", async () => {
    const seen: Array<unknown> = [];
    const writer = await writerFor(async (e, ctx) => {
      if (e.type !== 'Scored') return;
      ctx.upsert('scores', e.data.teamId, { $inc: { points: e.data.points } });
      // Recorded above, folded into what findOne answers.
      seen.push(await ctx.findOne<{ points: number }>('scores', e.data.teamId));
    });
    await writer.apply(event('Scored', { teamId: 'red', points: 3, bonus: 0 }));

    const readOther = await writerFor(async (e, ctx) => {
      seen.push(await ctx.findOne('scores', 'red'));
    });
    await readOther.apply(
      event('Scored', { teamId: 'x', points: 0, bonus: 0 }, 'team-9', 0, 'other-org'),
    );

    expect(seen).toEqual([{ _id: 'red', tenantId: 'acme', points: 3 }, null]);
  });

  it('reads a document without flushing the writes pending for other documents', async () => {
    const seen: Array<unknown> = [];
    const writer = await writerFor(async (e, ctx) => {
      if (e.type !== 'Scored') return;
      seen.push(await ctx.findOne<{ points: number }>('scores', 'blue'));
      ctx.upsert('scores', e.data.teamId, { $inc: { points: e.data.points } });
    });
    await writer.apply(event('Scored', { teamId: 'red', points: 3, bonus: 0 }, 'team-1', 0));
    await writer.apply(event('Scored', { teamId: 'blue', points: 2, bonus: 0 }, 'team-2', 0));
    // The second event read blue: red's write, which cannot change blue, is still pending.
    expect(writer.pendingWrites).toBe(2);
    await writer.apply(event('Scored', { teamId: 'red', points: 1, bonus: 0 }, 'team-1', 1));
    // Blue had a pending write: answered from it (ADR 0056), nothing flushed.
    expect(writer.pendingWrites).toBe(3);
    expect(await documents()).toEqual([]);
    await writer.flush();

    expect(seen).toEqual([null, null, { _id: 'blue', tenantId: 'acme', points: 2 }]);
    expect(await documents()).toEqual([
      expect.objectContaining({ _id: 'acme/blue', points: 2 }),
      expect.objectContaining({ _id: 'acme/red', points: 4 }),
    ]);
  });

  describe('folding the writes of a flush (ADR 0056)', () => {
    const oneWrite: Apply = (e, ctx) => {
      if (e.type === 'Left') return ctx.remove('scores', e.data.teamId);
      ctx.upsert('scores', e.data.teamId, {
        $inc: { points: e.data.points },
        $set: { last: e.data.points },
      });
    };

    it('writes a document written many times in a flush once, as the guarded writes leave it, and a replay changes nothing', async () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed % n;
      };
      const revisions = new Map<string, number>();
      const history = Array.from({ length: 300 }, () => {
        const tenantId = random(2) === 0 ? 'acme' : 'globex';
        const teamId = `team-${random(5)}`;
        const streamId = `${tenantId}-${teamId}`;
        const revision = revisions.get(streamId) ?? 0;
        revisions.set(streamId, revision + 1);
        return random(20) === 0
          ? event('Left', { teamId }, streamId, revision, tenantId)
          : event(
              'Scored',
              { teamId, points: random(9) + 1, bonus: random(3) },
              streamId,
              revision,
              tenantId,
            );
      });
      const expected = new Map<string, Record<string, unknown>>();
      for (const e of history) {
        const key = `${e.metadata.tenantId}/${e.data.teamId}`;
        const before = expected.get(key) ?? { _id: key, tenantId: e.metadata.tenantId };
        expected.set(
          key,
          e.type === 'Left'
            ? { ...before, _deleted: true, _position: Number(e.globalPosition), _op: 0 }
            : {
                ...before,
                points:
                  ((before.points as number | undefined) ?? 0) +
                  (e.data as { points: number }).points,
                bonus:
                  ((before.bonus as number | undefined) ?? 0) + (e.data as { bonus: number }).bonus,
                _position: Number(e.globalPosition),
                _op: 1,
              },
        );
      }

      const writer = await writerFor(twoWrites);
      let folded = 0;
      let changedUnder = 0;
      // Flushed at uneven points, then the whole history again (a replay after a crash).
      for (const round of [1, 2]) {
        for (const [index, e] of history.entries()) {
          await writer.apply(e);
          if (random(round === 1 ? 40 : 7) === 0 || index === history.length - 1) {
            const flushed = await writer.flush();
            folded += flushed.folded ?? 0;
            changedUnder += flushed.changedUnder ?? 0;
          }
        }
      }

      expect(folded).toBeGreaterThan(0);
      // Every fold landed as it was: none went the guarded way for want of a match.
      expect(changedUnder).toBe(0);
      const stored = await documents();
      expect(stored).toHaveLength(expected.size);
      expect(stored).toEqual(
        [...expected.values()].sort((a, b) => String(a._id).localeCompare(String(b._id))),
      );
    });

    it('inserts the documents their events create in one insert, and a replay of them changes nothing', async () => {
      const entries: Apply = (e, ctx) =>
        ctx.create('scores', e.metadata.eventId, { $set: { team: e.data.teamId } });
      const history = ['red', 'blue', 'red', 'green', 'blue'].map((teamId, revision) =>
        event('Scored', { teamId, points: 1, bonus: 0 }, 'team-1', revision),
      );
      const writer = await writerFor(entries);
      for (const e of history) await writer.apply(e);
      expect(await writer.flush()).toEqual({
        writes: 5,
        bulkFallbacks: 0,
        folded: 5,
        changedUnder: 0,
      });
      const stored = await documents();
      expect(stored.map((document) => document._id)).toEqual(
        history.map((e) => `acme/${e.metadata.eventId}`).sort(),
      );

      // A restarted writer replays them: the insert meets them, their upserts change nothing.
      const restarted = await writerFor(entries);
      for (const e of history) await restarted.apply(e);
      expect(await restarted.flush()).toMatchObject({ writes: 5, changedUnder: 5 });
      expect(await documents()).toEqual(stored);
    });

    it('leaves a document another writer changed since to the guarded writes, which keep both', async () => {
      const writer = await writerFor(oneWrite);
      const replica = await writerFor(oneWrite);
      const [e1, e2, e4, e8, e16, e32, e64] = [1, 2, 4, 8, 16, 32, 64].map((points, revision) =>
        event('Scored', { teamId: 'red', points, bonus: 0 }, 'team-1', revision),
      );

      for (const e of [e1, e2]) await writer.apply(e);
      expect(await writer.flush()).toMatchObject({ folded: 1 });
      // Another writer (a replica that held the lease for a moment) takes the next event.
      await replica.apply(e4);
      await replica.flush();
      // This writer still knows red as it wrote it: its replace no longer matches.
      for (const e of [e2, e4, e8, e16]) await writer.apply(e);
      expect(await writer.flush()).toMatchObject({ folded: 0, changedUnder: 1 });

      expect(await documents()).toEqual([
        expect.objectContaining({ _id: 'acme/red', points: 1 + 2 + 4 + 8 + 16, last: 16 }),
      ]);
      // And it reads it again next time: folded once more.
      for (const e of [e32, e64]) await writer.apply(e);
      expect(await writer.flush()).toMatchObject({ folded: 1, changedUnder: 0 });
      expect(await documents()).toEqual([expect.objectContaining({ points: 127, last: 64 })]);
    });

    it("does not fold onto another tenant's or another stream's document: the guarded writes refuse them as before", async () => {
      const projection = defineProjection({
        name: 'cards',
        version: 1,
        handles: ['Scored', 'Left'],
        collections: [{ name: 'cards', guard: 'stream' }],
        apply: (e: RecordedEvent<Scored | Left>, ctx: ProjectionContext<'cards'>) => {
          ctx.upsert('cards', 'shared', { $inc: { points: 1 } });
        },
      });
      await new ProjectionGenerations(connection.db!).ensure(projection);
      const writer = new ReadModelWriter(connection.db!, projection, 1);
      await writer.apply(event('Scored', { teamId: 'a', points: 1, bonus: 0 }, 'team-1', 0));
      await writer.apply(event('Scored', { teamId: 'a', points: 1, bonus: 0 }, 'team-1', 1));
      expect(await writer.flush()).toMatchObject({ folded: 1 });

      await writer.apply(event('Scored', { teamId: 'a', points: 1, bonus: 0 }, 'team-2', 0));
      await writer.apply(event('Scored', { teamId: 'a', points: 1, bonus: 0 }, 'team-2', 1));
      await expect(writer.flush()).rejects.toThrow(/belongs to stream team-1/);
    });
  });
});
