import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import { expectEventually, InMemoryEventStore } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { defineProjection, ProjectionDefinitionError, type Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelConflict } from './read-model-writer';
import { orgDirectory } from './testing/org-directory.projection';
import {
  orgEvent,
  squadStream,
  tribeStream,
  type MemberJoinedSquad,
  type OrgEvent,
  type SquadFormed,
  type TribeFormed,
} from './testing/org-events';
import { appendOrgHistory, openReadStore, snapshot } from './testing/read-store.fixture';

const tenant = 'org-acme';
const shape = { tribes: 2, squadsPerTribe: 3, membersPerSquad: 4 };

describe('ProjectionRunner on FerretDB', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;
  let store: InMemoryEventStore;
  const runners: Array<ProjectionRunner<Event, string>> = [];

  const runner = <E extends Event, C extends string>(
    projection: Projection<E, C>,
    options: Partial<ConstructorParameters<typeof ProjectionRunner>[1]> = {},
  ) => {
    const created = new ProjectionRunner(projection, { connection, store, ...options });
    runners.push(created);
    return created;
  };

  /** Runs until the runner has applied the store's head, then stops it (checkpoint saved). */
  const runToHead = async <E extends Event, C extends string>(
    projection: Projection<E, C>,
    options: Partial<ConstructorParameters<typeof ProjectionRunner>[1]> = {},
  ) => {
    const started = runner(projection, options);
    await started.start();
    const head = await store.headPosition();
    await expectEventually(() => expect(started.position).toBe(head));
    await started.stop();
    return started;
  };

  beforeEach(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    for (const started of runners.splice(0)) await started.stop();
    await store.close();
    await readStore.drop();
  });

  it('builds the read models the events describe', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, shape);

    await runToHead(projection);

    const docs = await snapshot(connection, projection);
    expect(docs.tribes).toEqual([
      expect.objectContaining({ _id: 't0', tenantId: tenant, name: 'Renamed t0' }),
      expect.objectContaining({ _id: 't1', tenantId: tenant, name: 'Renamed t1' }),
    ]);
    expect(docs.squads.map((squad) => (squad as { _id: string })._id)).toEqual([
      't0-s0',
      't0-s1',
      't0-s2',
      't1-s0',
      't1-s1',
      't1-s2',
    ]);
    expect(docs.squads[0]).toMatchObject({
      tenantId: tenant,
      name: 'Squad t0-s0',
      tribeId: 't0',
      tribeName: 'Renamed t0',
      members: {
        't0-s0-p1': { role: 'engineer' },
        't0-s0-p2': { role: 'engineer' },
        't0-s0-p3': { role: 'engineer' },
      },
    });
    expect(docs.squads[2]).toMatchObject({ _id: 't0-s2', _deleted: true });
    // 3 squads formed, 1 dissolved; 12 joined, 3 left.
    expect(docs.tribe_stats).toEqual([
      expect.objectContaining({ _id: 't0', squads: 2, members: 9 }),
      expect.objectContaining({ _id: 't1', squads: 2, members: 9 }),
    ]);
  });

  it('follows events appended after it started', async () => {
    const projection = orgDirectory();
    const live = runner(projection);
    await live.start();

    await store.append(
      tribeStream('late'),
      [orgEvent<TribeFormed>(tenant, 'TribeFormed', { tribeId: 'late', name: 'Late tribe' })],
      { expectedRevision: 'no_stream' },
    );

    await expectEventually(async () =>
      expect((await snapshot(connection, projection)).tribes).toEqual([
        expect.objectContaining({ _id: 'late', name: 'Late tribe' }),
      ]),
    );
  });

  it('replaying the same events twice leaves every document exactly as it was', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, shape);
    await runToHead(projection);
    const once = await snapshot(connection, projection);

    // Forget the checkpoint: the next runner replays the whole store over the built documents.
    await connection.db!.collection(ProjectionCheckpoints.collectionName).deleteMany({});
    await runToHead(projection);
    // And once more through handle(), as if Kafka redelivered everything.
    const everything: RecordedEvent[] = [];
    for await (const event of store.readAll()) everything.push(event);
    await runner(projection).handle(everything);

    expect(await snapshot(connection, projection)).toEqual(once);
  });

  it('after a crash between writes and checkpoint, a restart converges on the same documents', async () => {
    // The reference: built once, without a crash, in its own database.
    await appendOrgHistory(store, tenant, shape);
    const head = (await store.headPosition())!;
    const reference = await openReadStore();
    const projection = orgDirectory();
    const referenceRunner = new ProjectionRunner(projection, {
      connection: reference.connection,
      store,
    });
    await referenceRunner.start();
    await expectEventually(() => expect(referenceRunner.position).toBe(head));
    await referenceRunner.stop();
    const expected = await snapshot(reference.connection, projection);
    await reference.drop();

    // Small batches flush often; the checkpoint is saved rarely; the 40th event throws once.
    let crashed = false;
    const crashing = crashOnce(projection, 40n, () => (crashed = true));
    const first = runner(crashing, {
      batchSize: 5,
      checkpointEvery: 25,
      checkpointIntervalMs: 60_000,
    });
    await first.start();
    await expect(first.done).rejects.toThrow('crash at 40');
    expect(crashed).toBe(true);
    expect(first.status).toBe('failed');

    // The crash left writes beyond the checkpoint: the restart has something to replay.
    const checkpoint = await new ProjectionCheckpoints(connection.db!).load(projection.name, 1);
    expect(checkpoint).toBe(25n);
    const stats = await snapshot(connection, projection);
    const membersSoFar = (stats.tribe_stats as Array<{ members: number }>).reduce(
      (sum, doc) => sum + doc.members,
      0,
    );
    // Flushed through position 35 (batches of 5): 24 joined (9–32), 2 left (34, 35).
    expect(membersSoFar).toBe(22);

    await runToHead(crashing, { batchSize: 5 });

    expect(await snapshot(connection, projection)).toEqual(expected);
  });

  it('persists its checkpoint and resumes from it without re-reading', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, shape);
    const head = (await store.headPosition())!;
    await runToHead(projection);

    const saved = await connection
      .db!.collection(ProjectionCheckpoints.collectionName)
      .findOne({ _id: projection.name as never });
    expect(saved).toMatchObject({ generation: 1, position: head.toString() });
    expect(saved?.updatedAt).toBeInstanceOf(Date);

    const applied: bigint[] = [];
    const counting = observe(projection, (event) => applied.push(event.globalPosition));
    await store.append(
      squadStream('t0-s0'),
      [
        orgEvent<MemberJoinedSquad>(tenant, 'MemberJoinedSquad', {
          squadId: 't0-s0',
          tribeId: 't0',
          personId: 'newcomer',
          role: 'engineer',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await runToHead(counting);

    expect(applied).toEqual([head + 1n]);
  });

  it('applies Kafka-delivered events with positions as text, in any order across streams', async () => {
    const projection = orgDirectory();
    const envelope = (event: RecordedEvent) => ({
      ...event,
      globalPosition: event.globalPosition.toString(),
      recordedAt: event.recordedAt.toISOString(),
    });
    await appendOrgHistory(store, tenant, { tribes: 1, squadsPerTribe: 2, membersPerSquad: 2 });
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const reference = await openReadStore();
    await new ProjectionRunner(projection, { connection: reference.connection }).handle(
      events.map(envelope),
    );
    const inOrder = await snapshot(reference.connection, projection);
    await reference.drop();

    // Two partitions: each stream keeps its order, streams interleave differently.
    const byStream = (prefix: string) => events.filter((e) => e.streamId.startsWith(prefix));
    const kafka = runner(projection);
    await kafka.handle(byStream('tribe-').slice(0, 1).map(envelope));
    await kafka.handle(byStream('squad-').map(envelope));
    await kafka.handle(byStream('tribe-').slice(1).map(envelope));
    await kafka.handle(events.map(envelope)); // redelivered

    const delivered = await snapshot(connection, projection);
    expect(delivered.squads).toEqual(inOrder.squads);
    expect(delivered.tribes).toEqual(inOrder.tribes);
  });

  it("refuses a 'stream' document written by a second stream, not another tenant's same id", async () => {
    const projection = defineProjection({
      name: 'squad_names',
      version: 1,
      handles: ['SquadFormed'],
      collections: [{ name: 'squad_names', guard: 'stream' }],
      apply: (event: RecordedEvent<SquadFormed>, ctx) => {
        // Wrong on purpose: keyed by tribe, so two squad streams write one document.
        ctx.upsert('squad_names', event.data.tribeId, { $set: { name: event.data.name } });
      },
    });
    const formed = (squadId: string, tenantId = tenant) =>
      orgEvent<SquadFormed>(tenantId, 'SquadFormed', {
        squadId,
        tribeId: 't0',
        name: squadId,
        mission: '',
      });
    const direct = runner(projection);
    await store.append(squadStream('a'), [formed('a')], { expectedRevision: 'any' });
    await store.append(squadStream('b'), [formed('b')], { expectedRevision: 'any' });
    const [a, b] = await collect(store);

    await direct.handle(a);
    await expect(direct.handle(b)).rejects.toThrow(ReadModelConflict);
    await expect(direct.handle(b)).rejects.toThrow(/belongs to stream squad-a/);

    // Another tenant's tribe t0 is another document (ADR 0025).
    await store.append(squadStream('c'), [formed('c', 'org-other')], { expectedRevision: 'any' });
    const [, , c] = await collect(store);
    await direct.handle(c);
    expect((await snapshot(connection, projection)).squad_names).toEqual([
      expect.objectContaining({ _id: 't0', tenantId: tenant, name: 'a' }),
      expect.objectContaining({ _id: 't0', tenantId: 'org-other', name: 'c' }),
    ]);
  });
});

const collect = async (store: InMemoryEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

/**
 * The same projection, stopping its runner once when it reaches the given position: an error of
 * the runner's own (an event's error would be parked), as a crash would.
 */
const crashOnce = <C extends string>(
  projection: Projection<OrgEvent, C>,
  at: bigint,
  onCrash: () => void,
): Projection<OrgEvent, C> => {
  let done = false;
  return {
    ...projection,
    apply: async (event, ctx) => {
      if (!done && event.globalPosition === at) {
        done = true;
        onCrash();
        throw new ProjectionDefinitionError(`crash at ${at}`);
      }
      await projection.apply(event, ctx);
    },
  };
};

const observe = <C extends string>(
  projection: Projection<OrgEvent, C>,
  seen: (event: RecordedEvent<OrgEvent>) => void,
): Projection<OrgEvent, C> => ({
  ...projection,
  apply: async (event, ctx) => {
    seen(event);
    await projection.apply(event, ctx);
  },
});
