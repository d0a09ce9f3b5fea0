import { randomUUID } from 'node:crypto';
import {
  aggregateStream,
  metadataFor,
  type CommandContext,
  type NewEvent,
} from '@rhythm/event-sourcing';
import { createPostgresEventStore, type PostgresEventStore } from '@rhythm/event-store-postgres';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Client } from 'pg';
import { goalsStreams, objectiveDecider, type ObjectiveEvent } from '../goals-domain';
import {
  objectiveSnapshotsCollection,
  ReadStoreObjectiveSnapshots,
} from '../infrastructure/objective-snapshot.store';
import { objectiveFoldVersion, ObjectiveSnapshots, timelineAfter } from './objective-snapshots';

jest.setTimeout(120_000);

/**
 * Snapshots of objective streams on the real stores (PostgreSQL events, FerretDB snapshots): the
 * state from a snapshot and the events after it is the state folded from the whole stream, in a
 * process that holds it in memory and in one that starts from the stored snapshot only.
 */
describe('ObjectiveSnapshots on the real stores', () => {
  const schema = uniqueName('goals_snap');
  const tenantId = uniqueName('acme');
  let store: PostgresEventStore;
  let connection: Connection;
  let stored: ReadStoreObjectiveSnapshots;

  beforeAll(async () => {
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await store.migrate();
    connection = await mongoose
      .createConnection(testInfrastructure.mongoUrl(), { dbName: uniqueName('goals_snap') })
      .asPromise();
    stored = new ReadStoreObjectiveSnapshots(connection);
    await stored.onModuleInit();
  });

  afterAll(async () => {
    await store?.close();
    await connection?.dropDatabase();
    await connection?.close();
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  /** A minute later at every append: each event says when it happened. */
  let minutes = 0;
  const context = (): CommandContext => ({
    tenantId,
    actor: 'ann',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    now: new Date(Date.parse('2026-03-02T09:00:00.000Z') + 60_000 * minutes++),
  });

  /** Appends these events, one append each, as commands do. */
  const append = async (streamId: string, events: readonly ObjectiveEvent[]) => {
    for (const event of events) {
      const recorded: NewEvent = { ...event, metadata: metadataFor(context(), randomUUID()) };
      await store.append(streamId, [recorded], { expectedRevision: 'any' });
    }
  };

  /** A random mix of what a long-lived objective sees: progress, targets, weights, notes. */
  const randomChanges = (objectiveId: string, count: number, seed: number): ObjectiveEvent[] => {
    let state = seed;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const keyResultId = () => (next() < 0.5 ? 'conversion' : 'tickets');
    const events: ObjectiveEvent[] = [];
    let value = 0;
    for (let n = 0; n < count; n++) {
      const roll = next();
      if (roll < 0.7) {
        const after = Math.round(next() * 100);
        events.push({
          type: 'KeyResultProgressed',
          data: { objectiveId, keyResultId: keyResultId(), value: { before: value, after } },
        });
        value = after;
      } else if (roll < 0.8) {
        events.push({
          type: 'KeyResultTargetAdjusted',
          data: {
            objectiveId,
            keyResultId: keyResultId(),
            target: { before: 0, after: 50 + Math.round(next() * 50) },
            lowersAmbition: false,
          },
        });
      } else if (roll < 0.9) {
        events.push({
          type: 'KeyResultReweighted',
          data: {
            objectiveId,
            keyResultId: keyResultId(),
            weight: { before: 1, after: 1 + Math.round(next() * 3) },
          },
        });
      } else {
        events.push({
          type: 'ReviewNoteRecorded',
          data: {
            objectiveId,
            noteId: `n${n}`,
            stage: 'mid-cycle',
            author: 'ann',
            text: `Week ${n}`,
          },
        });
      }
    }
    return events;
  };

  const objectiveBeginning = (objectiveId: string): ObjectiveEvent[] => [
    {
      type: 'ObjectiveDefined',
      data: {
        objectiveId,
        cycleId: 'q1',
        title: 'Make support effortless',
        description: '',
        owner: { kind: 'squad', id: 'support' },
        kind: 'committed',
        visibility: 'public',
      },
    },
    ...['conversion', 'tickets'].map((keyResultId): ObjectiveEvent => ({
      type: 'KeyResultAdded',
      data: {
        objectiveId,
        keyResultId,
        title: keyResultId,
        metric: { type: 'number', unit: '', start: 0, target: 100, direction: 'increase' },
        owner: 'ann',
        weight: 1,
      },
    })),
    { type: 'ObjectiveActivated', data: { objectiveId } },
  ];

  it('folds a snapshot and the events after it into what the whole stream folds to', async () => {
    const objectiveId = randomUUID();
    const streamId = goalsStreams.objective(tenantId, objectiveId);
    const inMemory = new ObjectiveSnapshots(store, stored, { every: 25 });
    /** The whole stream folded, and when it began and last changed, as its events say. */
    const whole = async () => {
      const events = await store.readStream(streamId);
      return {
        ...(await aggregateStream(store, streamId, objectiveDecider)),
        timeline: {
          definedAt: events[0].metadata.occurredAt,
          updatedAt: events.at(-1)!.metadata.occurredAt,
        },
      };
    };

    await append(streamId, objectiveBeginning(objectiveId));
    for (const [round, count] of [57, 1, 0, 130, 24, 25, 3].entries()) {
      await append(streamId, randomChanges(objectiveId, count, round + 1));
      expect(await inMemory.load(tenantId, streamId)).toEqual(await whole());
      // A process that starts from the stored snapshot alone (another replica, a restart).
      await new Promise((resolve) => setImmediate(resolve));
      const fresh = new ObjectiveSnapshots(store, stored, { every: 25 });
      expect(await fresh.load(tenantId, streamId)).toEqual(await whole());
    }
    const kept = await stored.latest(tenantId, streamId, objectiveFoldVersion);
    expect(kept?.revision).toBeGreaterThanOrEqual(25);
    expect((await whole()).currentRevision).toBe(4 + 57 + 1 + 130 + 24 + 25 + 3 - 1);
  });

  it('reads only the events after the snapshot, and ignores a snapshot of another fold', async () => {
    const objectiveId = randomUUID();
    const streamId = goalsStreams.objective(tenantId, objectiveId);
    await append(streamId, [
      ...objectiveBeginning(objectiveId),
      ...randomChanges(objectiveId, 40, 7),
    ]);
    const whole = {
      ...(await aggregateStream(store, streamId, objectiveDecider)),
      timeline: expect.objectContaining({ definedAt: expect.any(String) as string }) as object,
    };
    const reads: (number | undefined)[] = [];
    const counting = {
      ...store,
      readStream: (id: string, options?: { fromRevision?: number }) => {
        reads.push(options?.fromRevision);
        return store.readStream(id, options);
      },
    } as typeof store;

    // A stored snapshot at revision 30, as another replica left it.
    const head = await store.readStream<ObjectiveEvent>(streamId, { maxCount: 31 });
    const at30 = head.reduce(objectiveDecider.evolve, objectiveDecider.initialState());
    await stored.keep(tenantId, streamId, objectiveFoldVersion, {
      revision: 30,
      state: at30,
      timeline: timelineAfter({}, head),
    });
    expect(await new ObjectiveSnapshots(counting, stored).load(tenantId, streamId)).toEqual(whole);
    expect(reads).toEqual([31]);

    // Of an older fold: not trusted, the stream folds from its start.
    await connection
      .collection(objectiveSnapshotsCollection)
      .updateMany({ tenantId }, { $set: { foldVersion: objectiveFoldVersion - 1 } });
    reads.length = 0;
    expect(await new ObjectiveSnapshots(counting, stored).load(tenantId, streamId)).toEqual(whole);
    expect(reads).toEqual([0]);
  });

  it('keeps when and why an objective was abandoned, from a snapshot and from memory', async () => {
    const objectiveId = randomUUID();
    const streamId = goalsStreams.objective(tenantId, objectiveId);
    await append(streamId, [
      ...objectiveBeginning(objectiveId),
      ...randomChanges(objectiveId, 30, 11),
      { type: 'ObjectiveAbandoned', data: { objectiveId, reason: 'Merged into growth' } },
    ]);
    const events = await store.readStream(streamId);
    const abandonedAt = events.at(-1)!.metadata.occurredAt;
    const first = new ObjectiveSnapshots(store, stored, { every: 10 });
    const expected = {
      definedAt: events[0].metadata.occurredAt,
      updatedAt: abandonedAt,
      abandoned: { reason: 'Merged into growth', at: abandonedAt },
    };
    expect((await first.load(tenantId, streamId)).timeline).toEqual(expected);
    // A note after it: the page says when it last changed, and still why it was abandoned.
    await append(streamId, [
      {
        type: 'ReviewNoteRecorded',
        data: { objectiveId, noteId: 'late', stage: 'end-of-cycle', author: 'ann', text: 'Why' },
      },
    ]);
    const noted = (await store.readStream(streamId)).at(-1)!.metadata.occurredAt;
    expect(noted).not.toBe(abandonedAt);
    const after = { ...expected, updatedAt: noted };
    expect((await first.load(tenantId, streamId)).timeline).toEqual(after);
    await new Promise((resolve) => setImmediate(resolve));
    const fresh = new ObjectiveSnapshots(store, stored, { every: 10 });
    expect((await fresh.load(tenantId, streamId)).timeline).toEqual(after);
  });
});
