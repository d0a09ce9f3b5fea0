import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import { expectEventually, InMemoryEventStore } from '@rhythm/testing';
import type { Connection } from 'mongoose';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionGenerations, RebuildInProgress } from './projection-generations';
import { defineProjection, type Projection } from './projection';
import { ProjectionRunner, ProjectionSuperseded } from './projection-runner';
import { ReadModelCollections } from './read-model-collections';
import { rebuildProjection, rebuildProjections, type RebuildProgress } from './rebuild-projection';
import { RebuildWriter } from './rebuild-writer';
import { TenantId } from './tenant-id';
import { orgDirectory } from './testing/org-directory.projection';
import {
  orgEvent,
  squadStream,
  tribeStream,
  type OrgEvent,
  type SquadRenamed,
  type TribeFormed,
} from './testing/org-events';
import { appendOrgHistory, openReadStore, snapshot } from './testing/read-store.fixture';
import { SquadDirectory } from './testing/squad-directory.repository';

const tenant = TenantId.of('org-acme');
const shape = { tribes: 3, squadsPerTribe: 4, membersPerSquad: 5 };

describe('rebuildProjection on FerretDB', () => {
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let connection: Connection;
  let store: InMemoryEventStore;
  const runners: Array<ProjectionRunner<Event, string>> = [];

  const live = async <C extends string>(projection: Projection<OrgEvent, C>) => {
    const runner = new ProjectionRunner(projection, { connection, store, idleFlushMs: 10 });
    runners.push(runner);
    await runner.start();
    const head = await store.headPosition();
    await expectEventually(() => expect(runner.position).toBe(head));
    return runner;
  };

  const physicalCollections = async () =>
    (await connection.db!.listCollections({}, { nameOnly: true }).toArray())
      .map((collection) => collection.name)
      .filter((name) => name.includes('__g'))
      .sort();

  beforeEach(async () => {
    readStore = await openReadStore();
    connection = readStore.connection;
    store = new InMemoryEventStore();
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await store.close();
    await readStore.drop();
  });

  it('rebuilds, in memory and one write per document, exactly what the live runner wrote, guard fields included', async () => {
    // updateMany, $inc, 'streams' and 'position' guards, tombstones: the test projection has them all.
    const projection = orgDirectory();
    // Two tenants with the same ids: the rebuild keys them apart as the live writer does.
    for (const each of [tenant, TenantId.of('org-globex')]) {
      await appendOrgHistory(store, each, { tribes: 4, squadsPerTribe: 5, membersPerSquad: 6 });
    }
    await live(projection);
    const liveDocuments = await snapshot(connection, projection, 1);
    // A small batch and few held documents: flushes, replaces and reads back from the store too.
    const result = await rebuildProjection(projection, {
      store,
      connection,
      batchSize: 7,
      progressIntervalMs: 0,
      waitToDropOld: false,
    });
    expect(result.generation).toBe(2);
    expect(await snapshot(connection, projection, 2)).toEqual(liveDocuments);
    // Tribes, squads, stats, of each tenant.
    expect(Object.values(liveDocuments).flat().length).toBe(2 * (4 + 20 + 4));
  });

  it('rebuilds several projections in one pass over the store, each as the live runner wrote it and from its own streams only', async () => {
    const counting = (name: string, type: 'SquadFormed' | 'TribeFormed', prefix: string) =>
      defineProjection<OrgEvent, string>({
        name,
        version: 1,
        handles: [type],
        streamPrefixes: [prefix],
        collections: [{ name, guard: 'position' }],
        apply: (event, context) => {
          // Every event it is given, whatever its stream: a stray one would be counted.
          context.upsert(name, 'all', { $inc: { events: 1 } });
        },
      });
    const projections = [
      orgDirectory(),
      counting('squads_formed', 'SquadFormed', 'squad-'),
      counting('tribes_formed', 'TribeFormed', 'tribe-'),
    ] as Projection<Event, string>[];
    await appendOrgHistory(store, tenant, shape);
    const liveDocuments = [];
    for (const projection of projections) {
      const runner = new ProjectionRunner(projection, { connection, store, idleFlushMs: 10 });
      runners.push(runner);
      await runner.start();
      // A projection of some streams stops at the last event of those.
      let last: bigint | undefined;
      for await (const event of store.readAll({ streamPrefixes: projection.streamPrefixes })) {
        last = event.globalPosition;
      }
      await expectEventually(() => expect(runner.position).toBe(last));
      liveDocuments.push(await snapshot(connection, projection, 1));
    }
    for (const runner of runners.splice(0)) await runner.stop();

    const results = await rebuildProjections(projections, {
      store,
      connection,
      progressIntervalMs: 0,
      waitToDropOld: false,
    });

    for (const [index, projection] of projections.entries()) {
      expect(await snapshot(connection, projection, 2)).toEqual(liveDocuments[index]);
    }
    expect(results.map(({ projection, generation }) => [projection, generation])).toEqual([
      ['org_directory', 2],
      ['squads_formed', 2],
      ['tribes_formed', 2],
    ]);
    const [all, squads, tribes] = results.map((result) => result.eventsRead);
    expect(all).toBe(Number(await store.headPosition()));
    // Each read its own streams: every event is a tribe's or a squad's.
    expect([squads, tribes].every((read) => read > 0 && read < all)).toBe(true);
    expect(squads + tribes).toBe(all);
    expect(Object.values(liveDocuments[2]).flat()).toEqual([
      expect.objectContaining({ events: shape.tribes }),
    ]);
  });

  it('rebuilds entries that events create (and later events change) as the live runner wrote them, in small flushes', async () => {
    // An entry per squad formed, created by its event; a rename of the squad later notes it there.
    const entries = defineProjection<OrgEvent, 'squad_entries'>({
      name: 'squad_entries',
      version: 1,
      handles: ['SquadFormed', 'SquadRenamed'],
      collections: [{ name: 'squad_entries', guard: 'stream' }],
      apply: (event, context) => {
        if (event.type === 'SquadFormed') {
          context.create('squad_entries', `formed-${event.data.squadId}`, {
            $set: { squadId: event.data.squadId, name: event.data.name },
          });
        } else if (event.type === 'SquadRenamed') {
          context.update('squad_entries', `formed-${event.data.squadId}`, {
            $set: { renamedTo: event.data.name },
          });
        }
      },
    });
    await appendOrgHistory(store, tenant, shape);
    for (const squadId of ['t0-s1', 't2-s3']) {
      await store.append(
        squadStream(squadId),
        [orgEvent<SquadRenamed>(tenant, 'SquadRenamed', { squadId, name: `${squadId} renamed` })],
        { expectedRevision: 'any' },
      );
    }
    await live(entries);
    const liveDocuments = await snapshot(connection, entries, 1);

    await rebuildProjection(entries, {
      store,
      connection,
      batchSize: 3,
      progressIntervalMs: 0,
      waitToDropOld: false,
    });

    expect(await snapshot(connection, entries, 2)).toEqual(liveDocuments);
    const stored = Object.values(liveDocuments).flat() as Array<{ renamedTo?: string }>;
    expect(stored).toHaveLength(shape.tribes * shape.squadsPerTribe);
    expect(stored.filter((entry) => entry.renamedTo !== undefined)).toHaveLength(2);
  });

  it('writes a projection of few documents once, at the end of the replay, however often it reports progress', async () => {
    // One document per tribe, changed by each squad formed in it.
    const perTribe = defineProjection<OrgEvent, 'tribe_activity'>({
      name: 'tribe_activity',
      version: 1,
      handles: ['SquadFormed'],
      collections: [{ name: 'tribe_activity', guard: 'position' }],
      apply: (event, context) => {
        if (event.type !== 'SquadFormed') return;
        context.upsert('tribe_activity', event.data.tribeId, { $inc: { squads: 1 } });
      },
    });
    await appendOrgHistory(store, tenant, shape);
    await live(perTribe);
    const liveDocuments = await snapshot(connection, perTribe, 1);
    const flushed: number[] = [];
    const original = RebuildWriter.prototype.flush;
    const counting = jest
      .spyOn(RebuildWriter.prototype, 'flush')
      .mockImplementation(async function (this: RebuildWriter<OrgEvent, 'tribe_activity'>) {
        const result = await original.call(this);
        flushed.push(result.writes);
        return result;
      });
    let reports = 0;
    try {
      await rebuildProjection(perTribe, {
        store,
        connection,
        progressIntervalMs: 0,
        waitToDropOld: false,
        onProgress: () => (reports += 1),
      });
    } finally {
      counting.mockRestore();
    }

    // A report after every event, and each tribe written once.
    expect(reports).toBeGreaterThan(20);
    expect(flushed.filter((writes) => writes > 0)).toEqual([shape.tribes]);
    expect(await snapshot(connection, perTribe, 2)).toEqual(liveDocuments);
  });

  it('builds a new generation beside the live one, swaps, and drops the old one', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, shape);
    const runner = await live(projection);
    const readers = new ReadModelCollections(connection, projection, { refreshMs: 20 });
    const directory = new SquadDirectory(readers);
    const byId = { sort: { _id: 1 } } as const;
    const liveSquads = await directory.find(tenant, {}, byId);
    expect(liveSquads).toHaveLength(9); // 12 formed, 3 dissolved

    // While the rebuild replays: what readers see, and events that keep arriving.
    const progress: RebuildProgress[] = [];
    const duringReplay: Array<Promise<Readonly<{ generation: number; squads: number }>>> = [];
    let appendedDuringRebuild: Promise<unknown> | undefined;
    const result = await rebuildProjection(projection, {
      store,
      connection,
      progressIntervalMs: 0,
      batchSize: 20,
      dropOldAfterMs: 300,
      onProgress: (report) => {
        progress.push(report);
        if (report.phase !== 'replaying') return;
        duringReplay.push(
          (async () => ({
            generation: await readers.generation(),
            squads: (await directory.find(tenant)).length,
          }))(),
        );
        appendedDuringRebuild ??= store.append(
          tribeStream('during'),
          [orgEvent<TribeFormed>(tenant, 'TribeFormed', { tribeId: 'during', name: 'During' })],
          { expectedRevision: 'no_stream' },
        );
      },
    });
    await appendedDuringRebuild;

    // The old generation stayed complete and readable throughout.
    const seen = await Promise.all(duringReplay);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every(({ generation, squads }) => generation === 1 && squads === 9)).toBe(true);

    expect(result).toMatchObject({
      projection: projection.name,
      generation: 2,
      previousGeneration: 1,
    });
    expect(result.position).toBe(await store.headPosition()); // caught up, with the late event
    const pointer = await new ProjectionGenerations(connection.db!).read(projection.name);
    expect(pointer).toMatchObject({ active: { generation: 2, version: 1 } });
    expect(pointer?.building).toBeUndefined();
    expect(await new ProjectionCheckpoints(connection.db!).read(projection.name)).toMatchObject({
      generation: 2,
      position: result.position!.toString(),
    });

    // Progress: replaying with a rising percentage, then swapped and done at 100 %.
    const phases = [...new Set(progress.map((report) => report.phase))];
    expect(phases[0]).toBe('replaying');
    expect(phases.slice(-2)).toEqual(['swapped', 'done']);
    const replaying = progress.filter((report) => report.phase === 'replaying');
    const percents = replaying.map((report) => report.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents[0]).toBeLessThan(50);
    const done = progress[progress.length - 1];
    expect(done).toMatchObject({
      percent: 100,
      generation: 2,
      eventsRead: Number(result.position),
    });
    expect(done.eventsPerSecond).toBeGreaterThan(0);
    expect(done.head).toBe(result.position);

    // Readers moved; the new generation holds what the live one held, plus the late tribe.
    await expectEventually(async () => expect(await readers.generation()).toBe(2));
    expect(await directory.find(tenant, {}, byId)).toEqual(liveSquads);
    const rebuilt = await snapshot(connection, projection, 2);
    expect(rebuilt.tribes.map((doc) => (doc as { _id: string })._id)).toEqual([
      'during',
      't0',
      't1',
      't2',
    ]);

    // The live runner notices the swap at its next checkpoint and continues on generation 2.
    await store.append(
      tribeStream('after'),
      [orgEvent<TribeFormed>(tenant, 'TribeFormed', { tribeId: 'after', name: 'After' })],
      { expectedRevision: 'no_stream' },
    );
    await expectEventually(async () => {
      expect(runner.generation).toBe(2);
      const tribes = (await snapshot(connection, projection, 2)).tribes;
      expect(tribes.map((doc) => (doc as { _id: string })._id)).toContain('after');
    });
    expect(runner.status).toBe('live');

    // The old generation is gone, also what the live runner wrote to it before it noticed.
    await expectEventually(async () =>
      expect(await physicalCollections()).toEqual(['squads__g2', 'tribe_stats__g2', 'tribes__g2']),
    );
  });

  it('a new version rebuilds on start; the old version, still running, stops', async () => {
    await appendOrgHistory(store, tenant, shape);
    const v1 = await live(orgDirectory('org_directory', 1));
    const v1Failed = v1.done.catch((error: unknown) => error);

    const rebuildPhases: string[] = [];
    const v2 = new ProjectionRunner(orgDirectory('org_directory', 2), {
      connection,
      store,
      idleFlushMs: 10,
      onRebuildProgress: (report) => rebuildPhases.push(report.phase),
    });
    runners.push(v2);
    await v2.start();
    expect(rebuildPhases).toContain('done');
    expect(v2.generation).toBe(2);
    expect(v2.status).toBe('live');

    await store.append(
      tribeStream('new'),
      [orgEvent<TribeFormed>(tenant, 'TribeFormed', { tribeId: 'new', name: 'New' })],
      { expectedRevision: 'no_stream' },
    );
    expect(await v1Failed).toBeInstanceOf(ProjectionSuperseded);
    expect(v1.status).toBe('failed');
    await expectEventually(async () => {
      const tribes = (await snapshot(connection, orgDirectory(), 2)).tribes;
      expect(tribes.map((doc) => (doc as { _id: string })._id)).toContain('new');
    });
  });

  it('refuses a second rebuild while one is running, and allows one after it', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, { tribes: 1, squadsPerTribe: 2, membersPerSquad: 2 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held: Projection<OrgEvent, string> = {
      ...projection,
      apply: async (event, ctx) => {
        started();
        await gate;
        await projection.apply(event, ctx);
      },
    };

    const first = rebuildProjection(held, { store, connection, dropOldAfterMs: 0 });
    await running;
    await expect(
      rebuildProjection(projection, { store, connection, dropOldAfterMs: 0 }),
    ).rejects.toThrow(RebuildInProgress);
    release();
    expect(await first).toMatchObject({ generation: 2 });

    expect(
      await rebuildProjection(projection, { store, connection, dropOldAfterMs: 0 }),
    ).toMatchObject({ generation: 3, previousGeneration: 2 });
    expect(await physicalCollections()).toEqual(['squads__g3', 'tribe_stats__g3', 'tribes__g3']);
  });

  it('a failed rebuild leaves the live generation active and removes its own collections', async () => {
    const projection = orgDirectory();
    await appendOrgHistory(store, tenant, { tribes: 1, squadsPerTribe: 2, membersPerSquad: 2 });
    await live(projection);
    const before = await snapshot(connection, projection, 1);
    const failing: Projection<OrgEvent, string> = {
      ...projection,
      apply: (event: RecordedEvent<OrgEvent>) => {
        if (event.globalPosition === 5n) throw new Error('bad event');
      },
    };

    await expect(rebuildProjection(failing, { store, connection })).rejects.toThrow('bad event');

    const pointer = await new ProjectionGenerations(connection.db!).read(projection.name);
    expect(pointer?.active.generation).toBe(1);
    expect(pointer?.building).toBeUndefined();
    expect(await physicalCollections()).toEqual(['squads__g1', 'tribe_stats__g1', 'tribes__g1']);
    expect(await snapshot(connection, projection, 1)).toEqual(before);
  });
});
