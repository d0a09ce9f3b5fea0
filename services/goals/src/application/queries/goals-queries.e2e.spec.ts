import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Event, EventStore, RecordedEvent } from '@rhythm/event-sourcing';
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
import { ProjectionFleet, type Projection } from '@rhythm/projections';
import { expectEventually, testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import request from 'supertest';
import {
  GOALS_CLOCK,
  GOALS_CONFIGURATION,
  GOALS_EVENT_STORE,
  GOALS_READ_STORE,
} from '../../infrastructure/goals-tokens';
import { GoalsReadModelsModule } from '../../read-models/goals-read-models.module';
import {
  acmeDirectory,
  closeAcmeQuarter,
  cycleId,
  ids,
  moments,
  playAcmeQuarter,
  targetLoweredReason,
} from '../../read-models/testing/acme-quarter';
import { GoalsScenario } from '../../read-models/testing/goals-scenario';
import { goalsStreams } from '@rhythm/goals-domain';
import { ORG_DIRECTORY } from '../org-directory.port';

jest.setTimeout(120_000);

const config = parseConfiguration(serviceConfigSchema(), {
  JWT_ISSUER: TEST_ISSUER,
  JWT_AUDIENCE: TEST_AUDIENCE,
  JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
  LOG_LEVEL: 'silent',
});

/** What GoalsInfrastructureModule and the org directory provide in the service. */
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

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('goals queries over HTTP, on the real read store and event store', () => {
  const schema = uniqueName('goals_queries');
  const tenantId = uniqueName('acme');
  let store: EventStore;
  let connection: Connection;
  let app: NestExpressApplication;

  const as = (personId: string, roles: string[] = ['member'], tenant = tenantId) => {
    const token = mintTestToken({ sub: personId, tenant, roles });
    return (path: string) =>
      request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  };
  const ann = as('ann'); // product owner of squad Checkout
  const eve = as('eve'); // member of another squad (Onboarding)
  const bob = as('bob'); // member of Checkout, owns its key results
  const gus = as('gus'); // coordinator of the security guild
  const olga = as('olga', ['admin']);

  const ok = async (call: request.Test): Promise<Json> => {
    const response = await call;
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({
      status: 200,
    });
    return response.body as Json;
  };
  const ids_ = (objectives: Json[]): unknown[] =>
    objectives.map((objective): unknown => objective.objectiveId);
  const objectiveIn = (tree: Json, objectiveId: string) =>
    (tree.objectives as Json[]).find((objective) => objective.objectiveId === objectiveId)!;

  beforeAll(async () => {
    const eventStore = createPostgresEventStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema,
    });
    await eventStore.migrate();
    store = eventStore;
    const url = new URL(testInfrastructure.mongoUrl());
    url.pathname = `/${uniqueName('goals_q')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();

    const scenario = new GoalsScenario(store, tenantId);
    await playAcmeQuarter(scenario, tenantId);
    await closeAcmeQuarter(scenario);

    app = await createServiceApp({
      name: 'goals-queries-test',
      module: ReadSideUnderTest.with(store, connection, schema),
      config,
    });
    // The projections started with the app: wait until each has stored its last event.
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const lastOf = (projection: Projection<Event, string>) =>
      events
        .filter((event) =>
          (projection.streamPrefixes ?? ['']).some((prefix) => event.streamId.startsWith(prefix)),
        )
        .at(-1)?.globalPosition;
    const projections = app.get(ProjectionFleet);
    await expectEventually(() => {
      for (const runner of projections.runners) {
        expect(runner.position).toBe(lastOf(runner.projection));
      }
    });
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

  describe('cycles', () => {
    it('lists the cycles and shows one', async () => {
      expect(await ok(ann('/cycles'))).toEqual([
        expect.objectContaining({ cycleId, name: 'Q1 2026', status: 'closed' }),
      ]);
      expect(await ok(ann(`/cycles/${cycleId}`))).toMatchObject({ cycleId, status: 'closed' });
      expect((await ann('/cycles/q9')).status).toBe(404);
    });

    it('never shows another organisation’s cycles', async () => {
      const stranger = as('ann', ['admin'], uniqueName('other'));
      expect(await ok(stranger('/cycles'))).toEqual([]);
      expect((await stranger(`/cycles/${cycleId}/tree`)).status).toBe(404);
      expect((await stranger(`/objectives/${ids.squad}`)).status).toBe(404);
    });
  });

  describe('the OKR tree', () => {
    it('shows company → tribes → squads, with progress rolled up through alignment', async () => {
      const tree = await ok(ann(`/cycles/${cycleId}/tree`));
      expect(tree.asOf).toBeNull();
      expect(tree.company).toMatchObject({ kind: 'company', objectiveIds: [ids.company] });
      expect(
        (tree.tribes as Json[]).map((tribe) => ({
          name: tribe.name,
          objectiveIds: tribe.objectiveIds,
          squads: (tribe.squads as Json[]).map((squad): unknown[] => [
            squad.name,
            squad.objectiveIds,
          ]),
        })),
      ).toEqual([
        { name: 'Growth', objectiveIds: [], squads: [['Onboarding', [ids.onboarding]]] },
        {
          name: 'Payments',
          objectiveIds: [ids.tribe],
          squads: [['Checkout', [ids.squad, ids.private]]],
        },
      ]);
      expect(tree.roots).toEqual([ids.company, ids.onboarding]);
      // S: conversion 0.4 (weight 2) and nps 0.625 (weight 1) → 0.475.
      expect(objectiveIn(tree, ids.squad)).toMatchObject({ progress: 0.475 });
      expect(objectiveIn(tree, ids.squad).keyResults).toEqual([
        expect.objectContaining({ keyResultId: 'conversion', current: 66, progress: 0.4 }),
        expect.objectContaining({ keyResultId: 'nps', current: 36, progress: 0.625 }),
      ]);
      // T: own 0.5 with children S 0.475 and P 1 → 1.975 / 3; C: (0 + T) / 2.
      expect(objectiveIn(tree, ids.tribe).rolledUpProgress).toBeCloseTo(1.975 / 3, 4);
      expect(objectiveIn(tree, ids.tribe).children).toEqual([ids.squad, ids.private]);
      expect(objectiveIn(tree, ids.company).rolledUpProgress).toBeCloseTo(1.975 / 6, 4);
    });

    it('leaves a private objective out for another squad’s member, roll-up included', async () => {
      const tree = await ok(eve(`/cycles/${cycleId}/tree`));
      expect(JSON.stringify(tree)).not.toContain(ids.private);
      expect(JSON.stringify(tree)).not.toContain(ids.personal);
      expect(objectiveIn(tree, ids.tribe).rolledUpProgress).toBeCloseTo((0.5 + 0.475) / 2, 4);
      expect(objectiveIn(tree, ids.company).rolledUpProgress).toBeCloseTo(0.975 / 4, 4);
    });

    it('shows a private objective to its key results’ owner, and a person’s to the person', async () => {
      const tree = await ok(bob(`/cycles/${cycleId}/tree`));
      expect(ids_(tree.objectives as Json[])).toEqual(
        expect.arrayContaining([ids.private, ids.personal]),
      );
      expect(tree.people).toEqual([
        expect.objectContaining({ id: 'bob', name: 'Bob', objectiveIds: [ids.personal] }),
      ]);
      const forAdmin = await ok(olga(`/cycles/${cycleId}/tree`));
      expect(forAdmin.objectives).toHaveLength(6);
    });

    it('404s for an unknown cycle', async () => {
      expect((await ann('/cycles/q9/tree')).status).toBe(404);
    });
  });

  describe('time travel', () => {
    it('shows the tree as it stood before the target was lowered', async () => {
      const then = await ok(ann(`/cycles/${cycleId}/tree?asOf=${moments.beforeTargetLowered}`));
      expect(then.asOf).toBe(moments.beforeTargetLowered);
      expect(then.cycle.status).toBe('active');
      const nps = (objectiveIn(then, ids.squad).keyResults as Json[]).find(
        (kr) => kr.keyResultId === 'nps',
      )!;
      expect(nps).toMatchObject({ current: 31, metric: { target: 41 } });
      expect(objectiveIn(then, ids.squad).status).toBe('active');
      const now = await ok(ann(`/cycles/${cycleId}/tree`));
      expect(
        (objectiveIn(now, ids.squad).keyResults as Json[]).find((kr) => kr.keyResultId === 'nps'),
      ).toMatchObject({ current: 36, metric: { target: 39 } });
    });

    it('agrees with the current read models once everything had happened', async () => {
      for (const reader of [ann, eve, bob]) {
        const now = await ok(reader(`/cycles/${cycleId}/tree`));
        const later = await ok(reader(`/cycles/${cycleId}/tree?asOf=2026-05-01T00:00:00Z`));
        expect({ ...later, asOf: null }).toEqual(now);
      }
      const before = await ok(ann(`/cycles/${cycleId}/tree?asOf=2025-12-01T00:00:00Z`));
      expect(before.cycle.status).toBe('none');
      expect(before.objectives).toEqual([]);
    });

    it('shows what did not exist yet as absent, and keeps private objectives hidden', async () => {
      const early = await ok(ann(`/cycles/${cycleId}/tree?asOf=2026-01-03T09:30:00Z`));
      expect(ids_(early.objectives as Json[])).toEqual([ids.company]);
      const forEve = await ok(eve(`/cycles/${cycleId}/tree?asOf=${moments.afterProgress}`));
      expect(JSON.stringify(forEve)).not.toContain(ids.private);
      const forAnn = await ok(ann(`/cycles/${cycleId}/tree?asOf=${moments.afterProgress}`));
      expect(objectiveIn(forAnn, ids.private).progress).toBe(1);
    });

    it('lists what changed between two dates, with who, when and why', async () => {
      const changes = await ok(
        ann(
          `/cycles/${cycleId}/changes?from=${moments.beforeTargetLowered}&to=${moments.afterProgress}`,
        ),
      );
      expect(changes.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'target-adjusted',
            objectiveId: ids.squad,
            keyResultId: 'nps',
            target: { before: 41, after: 39 },
            lowersAmbition: true,
            because: [
              expect.objectContaining({
                actor: 'ann',
                reason: targetLoweredReason,
                occurredAt: '2026-02-10T09:00:00.000Z',
              }),
            ],
          }),
          expect.objectContaining({ kind: 'progressed', objectiveId: ids.private }),
        ]),
      );
      const forEve = await ok(
        eve(
          `/cycles/${cycleId}/changes?from=${moments.beforeTargetLowered}&to=${moments.afterProgress}`,
        ),
      );
      expect((forEve.changes as Json[]).some((c) => c.kind === 'target-adjusted')).toBe(true);
      expect(JSON.stringify(forEve)).not.toContain(ids.private);
    });

    it('refuses bad dates with the field named', async () => {
      const bad = await ann(`/cycles/${cycleId}/tree?asOf=yesterday`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields as object)).toEqual(['asOf']);
      const future = await ann(`/cycles/${cycleId}/tree?asOf=2030-01-01T00:00:00Z`);
      expect(future.status).toBe(400);
      expect(Object.keys(future.body.fields as object)).toEqual(['asOf']);
      const missing = await ann(`/cycles/${cycleId}/changes?to=2026-02-01T00:00:00Z`);
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.fields as object)).toEqual(['from']);
      const reversed = await ann(
        `/cycles/${cycleId}/changes?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
      );
      expect(reversed.status).toBe(400);
      expect(Object.keys(reversed.body.fields as object)).toEqual(['from']);
    });
  });

  describe('alignment coverage', () => {
    it('counts aligned squad objectives and orphans among what the reader may see', async () => {
      expect(await ok(ann(`/cycles/${cycleId}/alignment-coverage`))).toMatchObject({
        squadObjectives: 3,
        alignedSquadObjectives: 2,
        share: 0.6667,
        orphans: [expect.objectContaining({ objectiveId: ids.onboarding })],
        overCommitted: [],
        thresholds: { maxObjectives: 5, maxCommitted: 3 },
      });
      const forEve = await ok(eve(`/cycles/${cycleId}/alignment-coverage`));
      expect(forEve).toMatchObject({ squadObjectives: 2, alignedSquadObjectives: 1, share: 0.5 });
      expect(JSON.stringify(forEve)).not.toContain(ids.private);
    });
  });

  describe('scores', () => {
    it('re-scores the closed cycle under another rule, next to the record', async () => {
      const recorded = await ok(ann(`/cycles/${cycleId}/scores`));
      const squad = (recorded.objectives as Json[]).find((o) => o.objectiveId === ids.squad)!;
      expect(recorded.ruleName).toBe('cycle');
      expect(squad.recorded.score).toBe(0.48);
      expect(squad.rescored.score).toBe(0.48);
      const zones = await ok(ann(`/cycles/${cycleId}/scores?rule=google-zones`));
      const rescored = (zones.objectives as Json[]).find((o) => o.objectiveId === ids.squad)!;
      expect(zones.rule.kind).toBe('zones');
      expect(rescored.recorded.score).toBe(0.48);
      expect(rescored.rescored.score).toBe(0.3);
      const again = await ok(ann(`/cycles/${cycleId}/scores`));
      expect(again).toEqual(recorded);
    });

    it('leaves hidden objectives out and refuses an unknown rule', async () => {
      const forEve = await ok(eve(`/cycles/${cycleId}/scores?rule=linear`));
      expect(JSON.stringify(forEve)).not.toContain(ids.private);
      const bad = await ann(`/cycles/${cycleId}/scores?rule=vibes`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields as object)).toEqual(['rule']);
    });
  });

  describe('a unit’s OKRs', () => {
    it('lists a squad’s objectives, the private one only to its members', async () => {
      const forAnn = await ok(ann(`/units/squad/checkout/objectives?cycleId=${cycleId}`));
      expect(forAnn.unit).toEqual({ kind: 'squad', id: 'checkout', name: 'Checkout' });
      expect(ids_(forAnn.objectives as Json[])).toEqual([ids.squad, ids.private]);
      const forEve = await ok(eve('/units/squad/checkout/objectives'));
      expect(ids_(forEve.objectives as Json[])).toEqual([ids.squad]);
      const company = await ok(eve(`/units/company/${tenantId}/objectives`));
      expect(ids_(company.objectives as Json[])).toEqual([ids.company]);
    });

    it('404s for an unknown unit and 400s for an unknown kind', async () => {
      expect((await ann('/units/squad/nowhere/objectives')).status).toBe(404);
      const bad = await ann('/units/planet/mars/objectives');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields as object)).toEqual(['kind']);
    });
  });

  describe('a person’s OKRs', () => {
    it('shows owned, contributed and followed objectives, and ambitions to the person only', async () => {
      const mine = await ok(bob('/people/me/okrs'));
      expect(ids_(mine.owned as Json[])).toEqual([ids.squad, ids.private, ids.personal]);
      expect(mine.ambitions).toEqual([
        expect.objectContaining({
          ambitionId: 'payments-expert',
          links: [{ kind: 'key-result', objectiveId: ids.squad, keyResultId: 'conversion' }],
        }),
      ]);
      const bobForEve = await ok(eve('/people/bob/okrs'));
      expect(ids_(bobForEve.owned as Json[])).toEqual([ids.squad]);
      expect(bobForEve.ambitions).toBeNull();
      const cid = await ok(ann('/people/cid/okrs'));
      expect(ids_(cid.contributed as Json[])).toEqual([ids.squad]);
      const guild = await ok(gus('/people/me/okrs'));
      expect(guild.followed).toEqual([
        expect.objectContaining({ objectiveId: ids.squad, throughGuilds: ['security'] }),
      ]);
      expect((await ann('/people/nobody/okrs')).status).toBe(404);
    });

    it('keeps ambitions private to their person', async () => {
      expect(await ok(bob('/people/me/ambitions'))).toHaveLength(1);
      expect(await ok(eve('/people/me/ambitions'))).toEqual([]);
      expect((await ok(olga('/people/bob/okrs'))).ambitions).toBeNull();
    });
  });

  describe('an objective and its history', () => {
    it('shows an objective with its alignment, and 404s a private one to another squad', async () => {
      const tribe = await ok(eve(`/objectives/${ids.tribe}`));
      expect(tribe).toMatchObject({ parents: [ids.company], children: [ids.squad] });
      expect((await eve(`/objectives/${ids.private}`)).status).toBe(404);
      expect(await ok(ann(`/objectives/${ids.private}`))).toMatchObject({
        visibility: 'private',
        achieved: true,
        progress: 1,
      });
      expect((await ann('/objectives/nothing-like-it')).status).toBe(404);
    });

    it('shows when it was defined and last changed, and its revision, as its stream records them', async () => {
      const stream = await store.readStream(goalsStreams.objective(tenantId, ids.squad));
      expect(await ok(ann(`/objectives/${ids.squad}`))).toMatchObject({
        definedAt: stream[0].metadata.occurredAt,
        updatedAt: stream.at(-1)!.metadata.occurredAt,
        revision: stream.length - 1,
        abandoned: null,
        fromProposalId: null,
      });
    });

    it('rolls progress up in the detail exactly as in the tree, for each reader', async () => {
      for (const reader of [ann, eve, bob]) {
        const tree = await ok(reader(`/cycles/${cycleId}/tree`));
        for (const node of tree.objectives as Json[]) {
          const detail = await ok(reader(`/objectives/${String(node.objectiveId)}`));
          expect({
            parents: detail.parents as unknown,
            children: detail.children as unknown,
            progress: detail.progress as unknown,
            rolledUpProgress: detail.rolledUpProgress as unknown,
          }).toEqual({
            parents: node.parents as unknown,
            children: node.children as unknown,
            progress: node.progress as unknown,
            rolledUpProgress: node.rolledUpProgress as unknown,
          });
        }
      }
    });

    it('gives the audit history: who, when, why, before → after', async () => {
      const history = (await ok(ann(`/objectives/${ids.squad}/history`))) as unknown as Json[];
      expect(history[0]).toMatchObject({ eventType: 'ObjectiveDefined', actor: 'ann' });
      const nps = (await ok(
        ann(`/objectives/${ids.squad}/key-results/nps/history`),
      )) as unknown as Json[];
      expect(nps.map((entry): unknown => entry.eventType)).toEqual([
        'KeyResultAdded',
        'KeyResultTargetAdjusted',
        'KeyResultProgressed',
      ]);
      expect(nps[1]).toMatchObject({
        actor: 'ann',
        reason: targetLoweredReason,
        changes: [{ field: 'target', before: 41, after: 39 }],
      });
      expect((await ann(`/objectives/${ids.squad}/key-results/nope/history`)).status).toBe(404);
    });

    it('hides the history of a private objective from another squad’s member', async () => {
      expect((await eve(`/objectives/${ids.private}/history`)).status).toBe(404);
      expect((await eve(`/objectives/${ids.private}/key-results/migrated/history`)).status).toBe(
        404,
      );
      expect(await ok(bob(`/objectives/${ids.private}/history`))).not.toHaveLength(0);
    });
  });

  describe('proposals', () => {
    it('lists a unit’s proposals, a private one only to those who may see it', async () => {
      const forAnn = (await ok(ann('/proposals?kind=squad&unitId=checkout'))) as unknown as Json[];
      expect(forAnn.map((p): unknown => p.proposalId)).toEqual([
        'p-provider-kr',
        'p-secret',
        'p-reviews',
      ]);
      const forEve = (await ok(eve('/proposals?kind=squad&unitId=checkout'))) as unknown as Json[];
      expect(forEve.map((p): unknown => p.proposalId)).toEqual(['p-reviews']);
      expect((await eve('/proposals/p-secret')).status).toBe(404);
      // A key result proposed for a private objective is as hidden as the objective.
      expect((await eve('/proposals/p-provider-kr')).status).toBe(404);
      expect(await ok(bob('/proposals/p-provider-kr'))).toMatchObject({
        subject: { kind: 'key-result', objectiveId: ids.private },
      });
    });

    it('shows a proposal with its discussion, return and approval', async () => {
      expect(await ok(eve('/proposals/p-reviews'))).toMatchObject({
        status: 'approved',
        proposer: 'eve',
        lastReturn: { by: 'ann', revisedSince: true },
        suggestions: [{ suggestionId: 's-1', addressedIn: 2 }],
        comments: [{ commentId: 'c-1', text: 'Good now' }],
        approval: { by: 'ann', revision: 2 },
      });
    });

    it('refuses half a unit', async () => {
      const bad = await ann('/proposals?kind=squad');
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields as object)).toEqual(['unitId']);
    });
  });

  it('documents every query in OpenAPI', async () => {
    const document = await request(app.getHttpServer()).get('/docs/openapi.json');
    const paths = Object.keys((document.body as { paths?: object }).paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        '/cycles',
        '/cycles/{cycleId}',
        '/cycles/{cycleId}/tree',
        '/cycles/{cycleId}/alignment-coverage',
        '/cycles/{cycleId}/scores',
        '/cycles/{cycleId}/changes',
        '/units/{kind}/{unitId}/objectives',
        '/people/me/okrs',
        '/people/me/ambitions',
        '/people/{personId}/okrs',
        '/objectives/{objectiveId}',
        '/objectives/{objectiveId}/history',
        '/objectives/{objectiveId}/key-results/{keyResultId}/history',
        '/proposals',
        '/proposals/{proposalId}',
      ]),
    );
  });
});
