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
    const writer = await writerFor(twoWrites);
    const batch = ['red', 'blue', 'green', 'red', 'blue'].map((teamId, i) =>
      event('Scored', { teamId, points: i + 1, bonus: 1 }),
    );
    for (const e of batch.slice(0, 3)) await writer.apply(e);
    expect(await writer.flush()).toEqual({ writes: 6, bulkFallbacks: 0 });
    const afterThree = await documents();

    // The whole batch again: the first three are replays (duplicate-key upserts), two are new.
    for (const e of batch) await writer.apply(e);
    // No document twice in one bulk (batchesWithoutRepeats): three bulks meet a replay.
    expect(await writer.flush()).toEqual({ writes: 10, bulkFallbacks: 3 });
    for (const e of batch) await writer.apply(e);
    await writer.flush();

    expect(afterThree.map((doc) => doc.points)).toEqual([2, 3, 1]); // blue, green, red
    expect(await documents()).toEqual([
      expect.objectContaining({ _id: 'acme/blue', points: 2 + 5, bonus: 2 }),
      expect.objectContaining({ _id: 'acme/green', points: 3, bonus: 1 }),
      expect.objectContaining({ _id: 'acme/red', points: 1 + 4, bonus: 2 }),
    ]);
  });

  it('stores two tenants that chose the same id as two documents, in one bulk', async () => {
    const writer = await writerFor(twoWrites);
    const acme = event('Scored', { teamId: 'red', points: 3, bonus: 1 }, 'team-1', 0, 'acme');
    const globex = event('Scored', { teamId: 'red', points: 5, bonus: 2 }, 'team-1', 0, 'globex');

    for (const e of [acme, globex]) await writer.apply(e);
    expect(await writer.flush()).toEqual({ writes: 4, bulkFallbacks: 0 });
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
      // Recorded above, flushed by findOne before it reads.
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
    // Blue had a pending write: flushed before it was read.
    expect(writer.pendingWrites).toBe(1);
    await writer.flush();

    expect(seen).toEqual([null, null, { _id: 'blue', tenantId: 'acme', points: 2 }]);
    expect(await documents()).toEqual([
      expect.objectContaining({ _id: 'acme/blue', points: 2 }),
      expect.objectContaining({ _id: 'acme/red', points: 4 }),
    ]);
  });
});
