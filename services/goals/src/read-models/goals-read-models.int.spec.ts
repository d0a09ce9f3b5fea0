import type { Event, EventStore, RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import {
  physicalCollectionName,
  ProjectionGenerations,
  ProjectionRunner,
  rebuildProjection,
  TenantId,
  type Projection,
} from '@rhythm/projections';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { goalsStreams } from '@rhythm/goals-domain';
import { goalsRepositories } from './goals-read-model.repositories';
import { GoalsReadModels } from './goals-read-models';
import { goalsProjections } from './goals-projections';
import { objectiveOf } from './objective-document';
import {
  actors,
  closeAcmeQuarter,
  cycleId,
  ids,
  playAcmeQuarter,
  targetLoweredReason,
} from './testing/acme-quarter';
import { GoalsScenario } from './testing/goals-scenario';

jest.setTimeout(120_000);

describe('goals read models on FerretDB, fed from the PostgreSQL event store', () => {
  const schema = uniqueName('goals_read_models');
  const tenantId = uniqueName('acme');
  const tenant = TenantId.of(tenantId);
  let store: EventStore;
  let connection: Connection;
  let scenario: GoalsScenario;
  let repositories: ReturnType<typeof goalsRepositories>;
  let allEvents: RecordedEvent[];

  const eventsOf = (projection: Projection<Event, string>) =>
    allEvents.filter((event) =>
      (projection.streamPrefixes ?? ['']).some((prefix) => event.streamId.startsWith(prefix)),
    );

  const runToHead = async (projection: Projection<Event, string>) => {
    const runner = new ProjectionRunner(projection, { connection, store });
    await runner.start();
    const last = eventsOf(projection).at(-1)?.globalPosition;
    await expectEventually(() => expect(runner.position).toBe(last));
    await runner.stop();
  };

  /** Every document of the projection's active generation, guard fields included. */
  const documents = async (projection: Projection<Event, string>) => {
    const pointer = await new ProjectionGenerations(connection.db!).read(projection.name);
    const generation = pointer?.active.generation ?? 1;
    const all: Record<string, unknown[]> = {};
    for (const { name } of projection.collections) {
      all[name] = await connection
        .db!.collection(physicalCollectionName(name, generation))
        .find({ tenantId })
        .sort({ _id: 1 })
        .toArray();
    }
    return all;
  };

  beforeAll(async () => {
    const eventStore = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await eventStore.migrate();
    store = eventStore;
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName('goals_rm')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    repositories = goalsRepositories(connection);

    scenario = new GoalsScenario(store, tenantId);
    await playAcmeQuarter(scenario, tenantId);
    await closeAcmeQuarter(scenario);
    allEvents = [];
    for await (const event of store.readAll()) allEvents.push(event);
    for (const projection of goalsProjections) await runToHead(projection);
  });

  afterAll(async () => {
    await connection?.db?.dropDatabase();
    await connection?.close();
    await store?.close();
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('holds every objective exactly as the domain folds its stream', async () => {
    const stored = await repositories.objectives.ofCycle(tenant, cycleId);
    expect(stored.map((document) => document.objectiveId).sort()).toEqual(
      Object.values(ids).sort(),
    );
    for (const document of stored) {
      expect(objectiveOf(document)).toEqual(await scenario.objectiveState(document.objectiveId));
    }
  });

  it('keeps current values, the lowered target, owners, contributors and followers', async () => {
    const squad = (await repositories.objectives.objective(tenant, ids.squad))!;
    expect(squad.status).toBe('scored');
    expect(squad.keyResults.nps).toMatchObject({ current: 36, metric: { target: 39 } });
    expect(squad.keyResults.conversion).toMatchObject({ current: 66, weight: 2, owner: 'bob' });
    expect(squad).toMatchObject({
      ownerKey: 'squad:checkout',
      parents: [ids.tribe],
      contributors: ['cid'],
      followers: ['security'],
      keyResultOwners: ['bob'],
      visibility: 'public',
    });
    expect(squad.score?.rule).toEqual({ kind: 'linear' });
    const privateOne = (await repositories.objectives.objective(tenant, ids.private))!;
    expect(privateOne.visibility).toBe('private');
    expect(privateOne.keyResults.migrated.achieved).toBe(true);
  });

  it('holds alignment edges and the cycle', async () => {
    const children = await repositories.alignments.childrenOf(tenant, ids.tribe);
    expect(children.map((edge) => edge.objectiveId).sort()).toEqual([ids.squad, ids.private]);
    expect(children.every((edge) => edge.cycleId === cycleId)).toBe(true);
    const cycle = (await repositories.cycles.cycle(tenant, cycleId))!;
    const folded = await scenario.cycleState(cycleId);
    expect(cycle).toMatchObject(folded);
    expect(cycle.closedAt).toBe('2026-03-31T18:00:00.000Z');
  });

  it('holds proposals with their discussion, return and approval', async () => {
    const proposal = (await repositories.proposals.proposal(tenant, 'p-reviews'))!;
    expect(proposal).toMatchObject({
      status: 'approved',
      revision: 2,
      unitKey: 'squad:checkout',
      proposer: 'eve',
      lastReturn: { by: 'ann', revisedSince: true },
      approval: { by: 'ann', revision: 2 },
    });
    expect(proposal.subject).toMatchObject({ draft: { title: 'Checkout customers feel heard' } });
    expect(Object.values(proposal.suggestions)).toEqual([
      expect.objectContaining({ suggestionId: 's-1', author: 'bob', addressedIn: 2 }),
    ]);
    expect(Object.values(proposal.comments)).toEqual([
      expect.objectContaining({ commentId: 'c-1', author: 'ann', text: 'Good now' }),
    ]);
    const forCheckout = await repositories.proposals.search(tenant, { unitKey: 'squad:checkout' });
    expect(forCheckout.map((p) => p.proposalId)).toEqual([
      'p-provider-kr',
      'p-secret',
      'p-reviews',
    ]);
  });

  it('holds ambitions per person with their links', async () => {
    const [ambition] = await repositories.ambitions.ofPerson(tenant, 'bob');
    expect(ambition).toMatchObject({
      ambitionId: 'payments-expert',
      status: 'open',
      objectiveIds: [ids.squad],
    });
    expect(Object.values(ambition.links)).toEqual([
      { kind: 'key-result', objectiveId: ids.squad, keyResultId: 'conversion' },
    ]);
    expect(await repositories.ambitions.ofPerson(tenant, 'eve')).toEqual([]);
  });

  it('records who changed what, when and why, in stream order', async () => {
    const history = await repositories.history.ofObjective(tenant, ids.squad);
    const stream = await store.readStream(goalsStreams.objective(tenantId, ids.squad));
    expect(history.map((entry) => entry.revision)).toEqual(stream.map((_, index) => index));
    const lowered = history.find((entry) => entry.eventType === 'KeyResultTargetAdjusted')!;
    expect(lowered).toMatchObject({
      keyResultId: 'nps',
      actor: actors.ann.personId,
      occurredAt: '2026-02-10T09:00:00.000Z',
      reason: targetLoweredReason,
      changes: [{ field: 'target', before: 41, after: 39 }],
    });
    const nps = await repositories.history.ofKeyResult(tenant, ids.squad, 'nps');
    expect(nps.map((entry) => entry.eventType)).toEqual([
      'KeyResultAdded',
      'KeyResultTargetAdjusted',
      'KeyResultProgressed',
    ]);
  });

  it('changes nothing when every event is applied a second time', async () => {
    for (const projection of goalsProjections) {
      const before = await documents(projection);
      const runner = new ProjectionRunner(projection, { connection, store });
      await runner.handle(eventsOf(projection));
      await runner.handle(eventsOf(projection).reverse());
      expect(await documents(projection)).toEqual(before);
    }
  });

  it('rebuilds from zero into identical documents', async () => {
    for (const projection of goalsProjections) {
      const before = await documents(projection);
      const result = await rebuildProjection(projection, { store, connection, dropOldAfterMs: 0 });
      expect(result.generation).toBeGreaterThan(result.previousGeneration);
      expect(result.eventsRead).toBe(eventsOf(projection).length);
      expect(await documents(projection)).toEqual(before);
    }
  });

  it('tells when the projections of a stream have caught up with a position', async () => {
    const readModels = new GoalsReadModels(connection);
    const objectiveStream = goalsStreams.objective(tenantId, ids.squad);
    const last = allEvents.filter((event) => event.streamId === objectiveStream).at(-1)!;
    expect(await readModels.caughtUpWith(objectiveStream, last.globalPosition, 1_000)).toBe(true);
    expect(
      await readModels.caughtUpWith(objectiveStream, allEvents.at(-1)!.globalPosition + 1n, 200),
    ).toBe(false);
  });

  it('reads only the tenant asked for', async () => {
    const other = TenantId.of(uniqueName('other'));
    expect(await repositories.objectives.ofCycle(other, cycleId)).toEqual([]);
    expect(await repositories.cycles.cycle(other, cycleId)).toBeNull();
  });
});
