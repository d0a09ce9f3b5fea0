import { randomUUID } from 'node:crypto';
import type { Event } from '@rhythm/event-sourcing';
import { createPostgresEventStore, type PostgresEventStore } from '@rhythm/event-store-postgres';
import { TenantId } from '@rhythm/projections';
import type { ServiceLogger } from '@rhythm/operability';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { Client } from 'pg';
import { goalsStreams, type ObjectiveEvent } from '../goals-domain';
import { CycleSnapshots } from './cycle-snapshots.reader';
import { CycleSnapshotStore, everyCycle } from './cycle-snapshots.store';
import { CycleSnapshotTaker } from './cycle-snapshots.taker';
import {
  cycleHistory,
  cyclePlanned,
  objectiveDefined,
  ticketsSolved,
} from './testing/cycle-history';

jest.setTimeout(120_000);

/**
 * One organisation's event the snapshot taker cannot fold (ADR 0064) stops that cycle's snapshots
 * (an event whose cycle cannot be told: that organisation's), against the real PostgreSQL event
 * store: every other cycle and organisation keeps getting snapshots, the checkpoint moves past
 * the event, and a new taker (a restart, another replica) does not fold it again.
 */
describe('the cycle snapshot taker parks what it cannot fold', () => {
  const schema = uniqueName('goals_parking');
  const acme = uniqueName('acme');
  const globex = uniqueName('globex');
  const initech = uniqueName('initech');
  let store: PostgresEventStore;
  let snapshots: CycleSnapshotStore;
  let clock = Date.parse('2026-03-02T08:00:00.000Z');
  const taker = () =>
    new CycleSnapshotTaker(
      { DATABASE_URL: testInfrastructure.databaseUrl() },
      store,
      snapshots,
      undefined,
      { every: 3 },
    );

  beforeAll(async () => {
    store = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await store.migrate();
    snapshots = new CycleSnapshotStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await snapshots.migrate();
  });

  afterAll(async () => {
    await store?.close();
    await snapshots?.close();
    const pg = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  type Appended = Readonly<{ streamId: string; globalPosition: bigint }>;

  const append = async (tenantId: string, streamId: string, event: Event): Promise<Appended> => {
    clock += 60_000;
    const { lastGlobalPosition } = await cycleHistory(store, tenantId).append(
      streamId,
      event,
      clock,
    );
    return { streamId, globalPosition: lastGlobalPosition };
  };

  const planCycle = (tenantId: string, cycleId: string) =>
    append(tenantId, goalsStreams.cycle(tenantId, cycleId), cyclePlanned(cycleId));

  /** An objective of the cycle with one key result; its stream. */
  const defineObjective = async (tenantId: string, cycleId: string) => {
    const objectiveId = randomUUID();
    const streamId = goalsStreams.objective(tenantId, objectiveId);
    await append(tenantId, streamId, objectiveDefined(objectiveId, cycleId));
    await append(tenantId, streamId, ticketsSolved(objectiveId));
    return { objectiveId, streamId };
  };

  const progress = async (
    tenantId: string,
    objective: { objectiveId: string; streamId: string },
    times: number,
  ) => {
    let last: Appended | undefined;
    for (let n = 1; n <= times; n++) {
      const progressed: ObjectiveEvent = {
        type: 'KeyResultProgressed',
        data: {
          objectiveId: objective.objectiveId,
          keyResultId: 'kr',
          value: { before: n - 1, after: n },
        },
      };
      last = await append(tenantId, objective.streamId, progressed);
    }
    return last!;
  };

  const latestPosition = async (tenantId: string, cycleId: string) => {
    const moments = await snapshots.moments(TenantId.of(tenantId), cycleId);
    return moments.at(-1)?.position ?? 0n;
  };

  it('stops the snapshots of that cycle alone, past restarts', async () => {
    await planCycle(acme, 'q1');
    await planCycle(acme, 'q2');
    await planCycle(globex, 'q1');
    await planCycle(initech, 'q1');
    const acmeQ1 = await defineObjective(acme, 'q1');
    const acmeQ2 = await defineObjective(acme, 'q2');
    const globexQ1 = await defineObjective(globex, 'q1');
    const initechQ1 = await defineObjective(initech, 'q1');
    await progress(acme, acmeQ1, 4);
    const first = taker();
    await first.round();
    const acmeQ1Before = await latestPosition(acme, 'q1');
    expect(acmeQ1Before).toBeGreaterThan(0n);

    // A progress event without its value (written by a faulty migration, say): evolving the
    // objective with it throws. Events the taker folds lazily, at the next snapshot.
    const poison = await append(acme, acmeQ1.streamId, {
      type: 'KeyResultProgressed',
      data: { objectiveId: acmeQ1.objectiveId, keyResultId: 'kr' },
    });
    // An objective defined with no data at all: not even its cycle can be told.
    const nameless = await append(initech, goalsStreams.objective(initech, randomUUID()), {
      type: 'ObjectiveDefined',
      data: null as never,
    });
    await progress(acme, acmeQ1, 6);
    await progress(acme, acmeQ2, 6);
    await progress(globex, globexQ1, 6);
    const initechLast = await progress(initech, initechQ1, 6);

    await expect(first.round()).resolves.toBeDefined();
    expect(first.parkedCycles()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          tenantId: acme,
          cycleId: 'q1',
          position: poison.globalPosition,
          eventType: 'KeyResultProgressed',
          reason: expect.stringContaining('TypeError'),
        }),
        expect.objectContaining({
          tenantId: initech,
          cycleId: everyCycle,
          position: nameless.globalPosition,
          streamId: nameless.streamId,
        }),
      ]),
    );
    expect(first.parkedCycles()).toHaveLength(2);
    // The parked cycle keeps what it had; the others go on past the event.
    expect(await latestPosition(acme, 'q1')).toBeLessThan(poison.globalPosition);
    expect(await latestPosition(acme, 'q2')).toBeGreaterThan(poison.globalPosition);
    expect(await latestPosition(globex, 'q1')).toBeGreaterThan(poison.globalPosition);
    expect(await latestPosition(initech, 'q1')).toBeLessThan(nameless.globalPosition);
    expect(await snapshots.checkpoint()).toBeGreaterThanOrEqual(initechLast.globalPosition);
    const health = await first.healthCheck().check();
    expect(health).toEqual({ degraded: expect.stringContaining('2 parked') });

    // A restart: the parked cycles come from the store, the checkpoint is past the events, so the
    // new taker reads only what came after and folds neither event again.
    const globexBefore = await latestPosition(globex, 'q1');
    await progress(globex, globexQ1, 3);
    await progress(acme, acmeQ1, 3);
    const restarted = taker();
    await expect(restarted.round()).resolves.toEqual({ events: 6 });
    expect(
      restarted.parkedCycles().map(({ tenantId, cycleId }) => `${tenantId}/${cycleId}`),
    ).toEqual(expect.arrayContaining([`${acme}/q1`, `${initech}/${everyCycle}`]));
    expect(await latestPosition(globex, 'q1')).toBeGreaterThan(globexBefore);
    expect(await latestPosition(acme, 'q1')).toBe(acmeQ1Before);
  });

  it('leaves the event out of time travel on its cycle, with its stream after it', async () => {
    await planCycle(acme, 'q3');
    const poisoned = await defineObjective(acme, 'q3');
    const healthy = await defineObjective(acme, 'q3');
    await progress(acme, poisoned, 4);
    await progress(acme, healthy, 2);
    await taker().round();
    const from = new Date(clock);
    await append(acme, poisoned.streamId, {
      type: 'KeyResultProgressed',
      data: { objectiveId: poisoned.objectiveId, keyResultId: 'kr' },
    });
    // Later events of both objectives: the poisoned stream's stand behind its bad event, as the
    // projections park them; the other objective's are read.
    await progress(acme, poisoned, 9);
    await progress(acme, healthy, 7);
    await taker().round();
    const to = new Date(clock);
    const warnings: object[] = [];
    const logger = { pino: { warn: (details: object) => warnings.push(details) } };
    const reader = new CycleSnapshots(store, snapshots, logger as unknown as ServiceLogger);
    const current = (tree: Awaited<ReturnType<CycleSnapshots['treeAt']>>, objectiveId: string) =>
      tree.objectives.find((node) => node.objective.objectiveId === objectiveId)?.objective
        .keyResults[0]?.current;

    const tree = await reader.treeAt(TenantId.of(acme), 'q3', to);
    expect(current(tree, poisoned.objectiveId)).toBe(4);
    expect(current(tree, healthy.objectiveId)).toBe(7);

    const { before, after, diff } = await reader.window(TenantId.of(acme), 'q3', from, to);
    expect(current(before, poisoned.objectiveId)).toBe(4);
    expect(current(after, poisoned.objectiveId)).toBe(4);
    expect(current(after, healthy.objectiveId)).toBe(7);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        kind: 'progressed',
        objectiveId: healthy.objectiveId,
        value: { before: 2, after: 7 },
      }),
    ]);
    // The operators' warning names the event once, not at every query that meets it.
    await reader.treeAt(TenantId.of(acme), 'q3', to);
    expect(warnings).toEqual([
      expect.objectContaining({ streamId: poisoned.streamId, eventType: 'KeyResultProgressed' }),
    ]);
  });
});
