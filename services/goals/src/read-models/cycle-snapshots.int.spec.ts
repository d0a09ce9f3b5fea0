import { randomUUID } from 'node:crypto';
import type { Event, RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore, type PostgresEventStore } from '@rhythm/event-store-postgres';
import { TenantId } from '@rhythm/projections';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import {
  goalsStreams,
  okrDiff,
  okrTreeAsOf,
  type CycleEvent,
  type ObjectiveEvent,
} from '../goals-domain';
import { CycleSnapshots } from './cycle-snapshots.reader';
import { CycleSnapshotStore, cycleSnapshotsTables } from './cycle-snapshots.store';
import { CycleSnapshotTaker } from './cycle-snapshots.taker';
import {
  cycleHistory,
  cyclePlanned,
  objectiveDefined,
  ticketsSolved,
} from './testing/cycle-history';

jest.setTimeout(300_000);

const day = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-03-02T08:00:00.000Z');

/** A small random number generator with a seed: a failing run can be replayed. */
const randomness = (seed: number) => {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return {
    next,
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
};

/**
 * Time travel from snapshots (ADR 0045) against the real stores: a random history of two cycles
 * over ten days (objectives defined, aligned, renamed, progressed, notes, the cycle activated and
 * reviewed), some events stamped earlier than the one before them in their stream (two commands
 * that raced), the taker run at random moments (and once from scratch in a new process). The tree
 * as of random dates and the changes between random dates equal what folding the cycle's streams
 * read up to those dates gives (`okrTreeAsOf`, `okrDiff`), with the records of the segments inside
 * a window standing for their events (ADR 0061) and without them.
 */
describe('time travel from cycle snapshots equals the fold of the streams', () => {
  const schema = uniqueName('goals_tt');
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  const seed = Number(process.env.TIME_TRAVEL_SEED ?? Date.now() % 100_000);
  const random = randomness(seed);
  let store: PostgresEventStore;
  let snapshotStore: CycleSnapshotStore;
  const taker = () =>
    new CycleSnapshotTaker(
      { DATABASE_URL: testInfrastructure.databaseUrl() },
      store,
      snapshotStore,
      undefined,
      { every: 1 + random.below(12) },
    );

  beforeAll(async () => {
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await store.migrate();
    snapshotStore = snapshotStoreWith();
    await snapshotStore.migrate();
  });

  const opened: CycleSnapshotStore[] = [];
  const snapshotStoreWith = (kept?: { characters: number }) => {
    const opening = new CycleSnapshotStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
      ...(kept ? { kept } : {}),
    });
    opened.push(opening);
    return opening;
  };

  afterAll(async () => {
    await store?.close();
    await Promise.all(opened.map((opening) => opening.close()));
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  const append = (streamId: string, event: Event, at: number) =>
    cycleHistory(store, tenantId).append(streamId, event, at);

  /** The cycle's streams read up to `asOf` as the event store reads them, as time travel did. */
  const streamsAsOf = async (cycleId: string, objectiveIds: readonly string[], asOf: Date) => {
    const events: RecordedEvent[] = [];
    for (const streamId of [
      goalsStreams.cycle(tenantId, cycleId),
      ...objectiveIds.map((objectiveId) => goalsStreams.objective(tenantId, objectiveId)),
    ]) {
      events.push(...(await store.readStream(streamId, { asOf })));
    }
    return events;
  };

  it(`answers every date as the streams do (seed ${seed})`, async () => {
    const cycles = ['q1', 'q1-b'];
    const objectivesOf = new Map<string, string[]>(cycles.map((cycleId) => [cycleId, []]));
    const lastAt = new Map<string, number>();
    const moments: number[] = [];
    let clock = start;
    const at = (streamId: string) => {
      clock += 1 + random.below(day / 8);
      // Now and then an event stamped before the one ahead of it in its stream.
      const previous = lastAt.get(streamId);
      const stamped =
        previous !== undefined && random.next() < 0.08
          ? previous - 1 - random.below(day / 4)
          : clock;
      lastAt.set(streamId, Math.max(previous ?? stamped, stamped));
      moments.push(stamped);
      return stamped;
    };
    const cycleStream = (cycleId: string) => goalsStreams.cycle(tenantId, cycleId);
    for (const cycleId of cycles) {
      await append(cycleStream(cycleId), cyclePlanned(cycleId), at(cycleStream(cycleId)));
    }
    let taker1 = taker();
    const steps = 260;
    for (let step = 0; step < steps; step++) {
      const cycleId = random.pick(cycles);
      const objectives = objectivesOf.get(cycleId) ?? [];
      const roll = random.next();
      if (objectives.length < 2 || roll < 0.08) {
        const objectiveId = randomUUID();
        const streamId = goalsStreams.objective(tenantId, objectiveId);
        const defined = objectiveDefined(objectiveId, cycleId, {
          title: `Objective ${step}`,
          owner: { kind: 'squad', id: random.pick(['support', 'checkout']) },
          visibility: random.next() < 0.2 ? 'private' : 'public',
        });
        await append(streamId, defined, at(streamId));
        await append(streamId, ticketsSolved(objectiveId, 1 + random.below(3)), at(streamId));
        objectives.push(objectiveId);
      } else if (roll < 0.12) {
        const event: CycleEvent =
          random.next() < 0.5
            ? { type: 'CycleActivated', data: { cycleId } }
            : { type: 'CycleReviewStarted', data: { cycleId } };
        await append(cycleStream(cycleId), event, at(cycleStream(cycleId)));
      } else {
        const objectiveId = random.pick(objectives);
        const streamId = goalsStreams.objective(tenantId, objectiveId);
        const other = random.pick(objectives);
        const events: ObjectiveEvent[] = [
          {
            type: 'KeyResultProgressed',
            data: {
              objectiveId,
              keyResultId: 'kr',
              value: { before: 0, after: random.below(120) },
            },
          },
          {
            type: 'ObjectiveRenamed',
            data: {
              objectiveId,
              title: { before: '', after: `Renamed at ${step}` },
              description: { before: '', after: '' },
            },
          },
          { type: 'ObjectiveActivated', data: { objectiveId } },
          {
            type: 'ReviewNoteRecorded',
            data: {
              objectiveId,
              noteId: `n${step}`,
              stage: 'mid-cycle',
              author: 'ann',
              text: 'ok',
            },
          },
          ...(other === objectiveId
            ? []
            : [
                {
                  type: 'ObjectiveAligned',
                  data: { objectiveId, parentObjectiveId: other },
                } as const,
              ]),
        ];
        const event = random.next() < 0.6 ? events[0] : random.pick(events);
        await append(streamId, event, at(streamId));
      }
      objectivesOf.set(cycleId, objectives);
      if (random.next() < 0.08) await taker1.round();
      // Once, a new taker in a new process: it resumes from the checkpoint and the snapshots.
      if (step === Math.floor(steps / 2)) {
        await taker1.round();
        taker1 = taker();
      }
    }
    if (random.next() < 0.5) await taker1.round();

    const snapshots = new CycleSnapshots(store, snapshotStore);
    const dates = [
      start - day,
      clock + day,
      ...Array.from({ length: 25 }, () => random.pick(moments)),
      ...Array.from({ length: 25 }, () => start + random.below(clock - start)),
    ].map((time) => new Date(time));
    expect((await snapshotStore.moments(tenant, 'q1')).length).toBeGreaterThan(3);
    // How many segments' records stood for their events in the windows below (ADR 0061).
    const segmentRecords = jest.spyOn(snapshotStore, 'segmentRecords');
    const windows: { cycleId: string; from: Date; to: Date }[] = [];
    for (const cycleId of cycles) {
      const objectiveIds = objectivesOf.get(cycleId) ?? [];
      for (const asOf of dates) {
        const expected = okrTreeAsOf(await streamsAsOf(cycleId, objectiveIds, asOf), cycleId, asOf);
        expect(await snapshots.treeAt(tenant, cycleId, asOf)).toEqual(expected);
      }
      for (let n = 0; n < 25; n++) {
        const [from, to] = [random.pick(dates), random.pick(dates)].sort(
          (a, b) => a.getTime() - b.getTime(),
        );
        windows.push({ cycleId, from, to });
        const streams = await streamsAsOf(cycleId, objectiveIds, to);
        const window = await snapshots.window(tenant, cycleId, from, to);
        expect(window.diff).toEqual(okrDiff(streams, cycleId, from, to));
        // The tree at `to` folds from the latest snapshot by `to`; the one at `from` from the latest by `from`.
        expect(window.after).toEqual(okrTreeAsOf(streams, cycleId, to));
        expect(window.before).toEqual(okrTreeAsOf(streams, cycleId, from));
      }
    }
    const recordsUsed = await Promise.all(
      segmentRecords.mock.results.map(
        async (result) =>
          (await (result.value as ReturnType<CycleSnapshotStore['segmentRecords']>)).size,
      ),
    );
    expect(recordsUsed.reduce((sum, used) => sum + used, 0)).toBeGreaterThan(5);
    segmentRecords.mockRestore();

    // A process keeps parsed states within its budget: over it, the least recently used go and
    // are read again when asked; the answers are the same.
    const [first, second] = await snapshotStore.moments(tenant, 'q1');
    const lean = snapshotStoreWith({ characters: 1 });
    const kept = await lean.snapshot(tenant, first);
    expect(await lean.snapshot(tenant, first)).toBe(kept);
    await lean.snapshot(tenant, second);
    const readAgain = await lean.snapshot(tenant, first);
    expect(readAgain).not.toBe(kept);
    expect(readAgain).toEqual(kept);
    expect(await snapshotStore.snapshot(tenant, first)).toBe(
      await snapshotStore.snapshot(tenant, first),
    );
    const leanSnapshots = new CycleSnapshots(store, lean);
    for (const asOf of dates.slice(0, 12)) {
      expect(await leanSnapshots.treeAt(tenant, 'q1', asOf)).toEqual(
        await snapshots.treeAt(tenant, 'q1', asOf),
      );
    }
    for (const { cycleId, from, to } of windows.slice(0, 12)) {
      expect(await leanSnapshots.window(tenant, cycleId, from, to)).toEqual(
        await snapshots.window(tenant, cycleId, from, to),
      );
    }

    // Snapshots taken before their segments' records were kept: the windows read the events.
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`UPDATE "${schema}".${cycleSnapshotsTables.snapshots} SET records = NULL`);
    await pg.end();
    const withoutRecords = new CycleSnapshots(store, snapshotStoreWith());
    for (const { cycleId, from, to } of windows) {
      expect(await withoutRecords.window(tenant, cycleId, from, to)).toEqual(
        await snapshots.window(tenant, cycleId, from, to),
      );
    }
  });
});
