import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EventStore } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import {
  mintTestToken,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testKeyPair,
  everySubjectIsAPerson,
  PERSON_REGISTRY,
} from '@rhythm/identity';
import { createServiceApp, parseConfiguration, serviceConfigSchema } from '@rhythm/operability';
import { ProjectionFleet } from '@rhythm/projections';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import request from 'supertest';
import { linearRule } from '@rhythm/goals-domain';
import { ORG_DIRECTORY } from '../application/org-directory.port';
import {
  GOALS_CLOCK,
  GOALS_CONFIGURATION,
  GOALS_EVENT_STORE,
  GOALS_READ_STORE,
} from '../infrastructure/goals-tokens';
import { GoalsReadModelsModule } from './goals-read-models.module';
import { acmeDirectory, actors, ids, playAcmeQuarter } from './testing/acme-quarter';
import { draftOf, GoalsScenario } from './testing/goals-scenario';

jest.setTimeout(180_000);

const config = parseConfiguration(serviceConfigSchema(), {
  JWT_ISSUER: TEST_ISSUER,
  JWT_AUDIENCE: TEST_AUDIENCE,
  JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
  LOG_LEVEL: 'silent',
});

@Global()
@Module({})
class ReadSideInfrastructure {
  static with(store: EventStore, connection: Connection, schema: string): DynamicModule {
    const providers = [
      { provide: GOALS_EVENT_STORE, useValue: store },
      // The time-travel snapshots sit beside the event store (ADR 0062).
      {
        provide: GOALS_CONFIGURATION,
        useValue: {
          DATABASE_URL: testInfrastructure.databaseUrl(),
          GOALS_EVENT_STORE_SCHEMA: schema,
        },
      },
      { provide: GOALS_READ_STORE, useValue: connection },
      { provide: GOALS_CLOCK, useValue: { now: () => new Date('2026-06-01T00:00:00Z') } },
      // Both organisations are shaped alike; the directory answers the same for each.
      { provide: ORG_DIRECTORY, useValue: acmeDirectory() },
      // Not about who is a person: every token's subject is one (docs/adr/0032).
      { provide: PERSON_REGISTRY, useValue: everySubjectIsAPerson },
    ];
    return {
      module: ReadSideInfrastructure,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}

@Module({})
class ReadSideUnderTest {
  static with(store: EventStore, connection: Connection, schema: string): DynamicModule {
    return {
      module: ReadSideUnderTest,
      imports: [ReadSideInfrastructure.with(store, connection, schema), GoalsReadModelsModule],
    };
  }
}

/** The id the API document's own example uses: any organisation may pick it. */
const sharedCycleId = '2026-q1';
const sharedObjectiveId = 'grow-revenue';
const sharedProposalId = 'p-2026';

/**
 * Two organisations that chose the same ids for everything: a cycle, objectives (the whole Acme
 * quarter, plus one more), proposals and ambitions. Each sees its own; the projections go on.
 */
describe('goals read models keep organisations apart when they choose the same ids', () => {
  const schema = uniqueName('goals_tenancy');
  const acme = uniqueName('acme');
  // The second organisation's id extends the first's: `objective-<acme>.eu.<id>` names its
  // objective `<id>`, and would name the first's objective `eu.<id>` too.
  const tenants = [acme, `${acme}.eu`] as const;
  let store: EventStore;
  let connection: Connection;
  let app: NestExpressApplication;

  const get = (tenant: string, path: string) =>
    request(app.getHttpServer())
      .get(path)
      .set(
        'Authorization',
        `Bearer ${mintTestToken({ sub: 'olga', tenant, roles: ['admin', 'member'] })}`,
      );
  const body = async <T>(tenant: string, path: string): Promise<T> => {
    const response = await get(tenant, path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body as T;
  };
  const nameOf = (tenant: string) => `Plans of ${tenant}`;

  /** The same ids in each organisation, told apart by the names. */
  const play = async (tenantId: string) => {
    const s = new GoalsScenario(store, tenantId);
    const { olga, ann, eve } = actors;
    await s.planCycle(olga, '2025-12-01T09:00:00Z', sharedCycleId, nameOf(tenantId), linearRule);
    await s.setObjective(ann, '2025-12-02T09:00:00Z', {
      objectiveId: sharedObjectiveId,
      cycleId: sharedCycleId,
      title: nameOf(tenantId),
      owner: { kind: 'squad', id: 'checkout' },
      keyResults: [
        {
          keyResultId: 'revenue',
          title: 'Revenue up',
          metric: { type: 'number', unit: 'k€', start: 10, target: 20, direction: 'increase' },
          owner: 'bob',
          weight: 1,
        },
      ],
    });
    await s.proposal(eve, '2025-12-03T09:00:00Z', {
      type: 'ProposeObjective',
      data: {
        proposalId: sharedProposalId,
        cycleId: sharedCycleId,
        unit: { kind: 'squad', id: 'checkout' },
        draft: draftOf(nameOf(tenantId), 'public', []),
      },
    });
    await playAcmeQuarter(s, tenantId);
  };

  beforeAll(async () => {
    const eventStore = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await eventStore.migrate();
    store = eventStore;
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName('goals_tenancy')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    // The projections run live from the start: the second organisation's events arrive while
    // the first one's documents are already there.
    app = await createServiceApp({
      name: 'goals-tenancy-test',
      module: ReadSideUnderTest.with(store, connection, schema),
      config,
      healthChecks: (nest) => [nest.get(ProjectionFleet).healthCheck()],
    });
    for (const tenant of tenants) await play(tenant);
    // Until each projection has stored the last event of its streams, or stopped trying.
    const last = new Map<string, bigint>();
    for await (const event of store.readAll()) {
      const prefix = event.streamId.slice(0, event.streamId.indexOf('-') + 1);
      last.set(prefix, event.globalPosition);
    }
    const projections = app.get(ProjectionFleet);
    await expectEventually(
      () => {
        for (const runner of projections.runners) {
          if (runner.status === 'failed') continue;
          const prefixes = runner.projection.streamPrefixes ?? [];
          const wanted = prefixes.map((prefix) => last.get(prefix) ?? 0n);
          // A projection none of whose streams has an event (TV boards here) has stored nothing.
          expect(runner.position ?? 0n).toBe(wanted.reduce((a, b) => (a > b ? a : b), 0n));
        }
      },
      { timeoutMs: 60_000 },
    );
  });

  afterAll(async () => {
    await app?.close();
    await connection?.db?.dropDatabase();
    await connection?.close();
    await store?.close();
    const pool = new Pool({ connectionString: testInfrastructure.databaseUrl() });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('shows each organisation its own cycle 2026-q1', async () => {
    for (const tenant of tenants) {
      expect(await body(tenant, `/cycles/${sharedCycleId}`)).toMatchObject({
        cycleId: sharedCycleId,
        name: nameOf(tenant),
      });
      const cycles = await body<{ cycleId: string; name: string }[]>(tenant, '/cycles');
      expect(cycles.map(({ cycleId, name }) => `${cycleId}: ${name}`).sort()).toEqual([
        `${sharedCycleId}: ${nameOf(tenant)}`,
        'q1: Q1 2026',
      ]);
    }
  });

  it('shows each organisation its own objective, key results, alignment and history', async () => {
    for (const tenant of tenants) {
      expect(await body(tenant, `/objectives/${sharedObjectiveId}`)).toMatchObject({
        objectiveId: sharedObjectiveId,
        title: nameOf(tenant),
      });
      const squad = await body<{ parents: string[]; keyResults: unknown[] }>(
        tenant,
        `/objectives/${ids.squad}`,
      );
      expect(squad.parents).toEqual([ids.tribe]);
      expect(squad.keyResults).toHaveLength(2);
      const history = await body<{ eventType: string }[]>(
        tenant,
        `/objectives/${ids.squad}/history`,
      );
      expect(history[0]).toMatchObject({ eventType: 'ObjectiveDefined' });
      // One history per organisation, not both interleaved.
      expect(history.filter((entry) => entry.eventType === 'ObjectiveDefined')).toHaveLength(1);
      const tree = await body<{ objectives: { objectiveId: string }[] }>(
        tenant,
        `/cycles/${sharedCycleId}/tree`,
      );
      expect(tree.objectives.map((objective) => objective.objectiveId)).toEqual([
        sharedObjectiveId,
      ]);
    }
  });

  it("never shows one organisation another's objective under an id that extends its own", async () => {
    const other = nameOf(tenants[1]);
    for (const path of [
      `/objectives/eu.${sharedObjectiveId}`,
      `/objectives/eu.${sharedObjectiveId}/history`,
      `/objectives/eu.${ids.squad}/key-results/nps/history`,
    ]) {
      const answer = await get(acme, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.text).not.toContain(other);
    }
  });

  it('shows each organisation its own proposal', async () => {
    for (const tenant of tenants) {
      const proposal = await body<{ proposalId: string; subject: { draft: { title: string } } }>(
        tenant,
        `/proposals/${sharedProposalId}`,
      );
      expect(proposal.subject.draft.title).toBe(nameOf(tenant));
    }
  });

  it('keeps every projection following and the service ready', async () => {
    const runners = app.get(ProjectionFleet).runners;
    expect(runners.map((runner) => runner.status)).toEqual(runners.map(() => 'live'));
    // Ready, not degraded: no event was set aside either.
    const ready = await request(app.getHttpServer()).get('/health/ready');
    expect({ status: ready.status, body: ready.body as unknown }).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
  });
});
