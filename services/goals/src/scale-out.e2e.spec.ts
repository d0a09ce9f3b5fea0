import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RecordedEvent } from '@rhythm/event-sourcing';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { mintTestToken } from '@rhythm/identity';
import {
  dropTestStores,
  expectEventually,
  pollUntil,
  readTopic,
  ServiceProcess,
  serviceTestEnvironment,
  testInfrastructure,
  uniqueName,
  type MetricSample,
} from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { publishedGoalsStreamPrefixes } from './infrastructure/goals-event-relay';
import { startGoalsService, type GoalsServiceStores } from './testing/goals-service.process';

// Two replicas of org and two of goals on one stack, 1,000 commands spread over all four, and
// kill -9 of the replica of each service that holds the leases in the middle of it: the other
// replica takes the relay and the projections over (ADR 0027). What was acknowledged is on the
// topics exactly once, the read models equal a rebuild from zero, and no relay restarted but by
// the one takeover. The takeover time is printed, not asserted.
jest.setTimeout(600_000);

const commands = 1_000;
const clients = 8;
const killAfterAcks = 350;
const workspaceRoot = path.join(__dirname, '..', '..', '..');

type Context = 'org' | 'goals';
type Ack = Readonly<{ context: Context; streamId: string; revision: number }>;
type Accepted = Readonly<{ id: string; revision: number }>;

// Not `instanceof Error`: fetch's errors come from outside jest's sandbox.
const connectionError = (error: unknown): boolean =>
  (error as { message?: unknown } | undefined)?.message === 'fetch failed';

/** The samples whose labels include `labels`, summed (0 when none). */
const sumFor = (samples: readonly MetricSample[], labels: Readonly<Record<string, string>>) =>
  samples
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);

describe('scale-out: two replicas of org and of goals, kill -9 of the lease holders mid-burst', () => {
  const run = uniqueName('scale');
  const tenantId = uniqueName('tenant');
  /** Establishes the organisation and registers its admin: an admin who is no person of it. */
  const founder = mintTestToken({ sub: randomUUID(), tenant: tenantId, roles: ['admin'] });
  const orgStores = { schema: `${run}_org`, database: `${run}_org`, topic: `${run}_org` };
  const goalsStores: GoalsServiceStores = {
    schema: `${run}_goals`,
    database: `${run}_goals`,
    topic: `${run}_goals`,
    orgTopic: orgStores.topic,
  };
  const scratch = { org: `${run}_org_rebuilt`, goals: `${run}_goals_rebuilt` };
  /** Then the admin, a person of the organisation, drives the burst (docs/adr/0032). */
  let token = founder;
  const org: ServiceProcess[] = [];
  const goals: ServiceProcess[] = [];

  const startOrg = () =>
    ServiceProcess.start({
      name: 'org',
      main: 'services/org/src/main.ts',
      environment: {
        ...serviceTestEnvironment({ database: orgStores.database }),
        ORG_EVENT_STORE_SCHEMA: orgStores.schema,
        ORG_EVENTS_TOPIC: orgStores.topic,
      },
    });

  const call = async (
    service: ServiceProcess,
    method: 'POST' | 'PATCH',
    route: string,
    body: unknown,
  ): Promise<Readonly<{ status: number; body: Accepted }>> => {
    const response = await fetch(`${service.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: (await response.json()) as Accepted };
  };

  beforeAll(async () => {
    // The first replica of each takes every lease; the second starts when the first is ready.
    org.push(await startOrg());
    goals.push(await startGoalsService(goalsStores));
    const [secondOrg, secondGoals] = await Promise.all([
      startOrg(),
      startGoalsService(goalsStores),
    ]);
    org.push(secondOrg);
    goals.push(secondGoals);
  });

  afterAll(async () => {
    for (const service of [...org, ...goals]) await service.kill('SIGKILL');
    await dropTestStores({
      schemas: [orgStores.schema, goalsStores.schema],
      databases: [orgStores.database, goalsStores.database, ...Object.values(scratch)],
      topics: [orgStores.topic, goalsStores.topic],
    });
  });

  it('publishes every acknowledged event once and projects it once, with one takeover', async () => {
    // Who holds what before the burst: the first replica of each service, every lease.
    const relayLease = {
      org: `relay:org:${orgStores.schema}`,
      goals: `relay:goals:${goalsStores.schema}`,
    };
    for (const [first, second] of [org, goals]) {
      const leases = await leasesOf(first);
      expect(leases.size).toBeGreaterThanOrEqual(3);
      expect([...leases.values()].every((held) => held === 1)).toBe(true);
      expect(await leasesOf(second)).toEqual(
        new Map([...leases.keys()].map((lease) => [lease, 0])),
      );
    }

    // The organisation, its admin, four people who own key results, and a cycle.
    expect((await call(org[0], 'POST', '/organisation', { name: 'Scale Out' })).status).toBe(201);
    const admin = await call(org[1], 'POST', '/people', { name: 'Ada', email: 'ada@scale.test' });
    expect(admin.status).toBe(201);
    token = mintTestToken({ sub: admin.body.id, tenant: tenantId, roles: ['admin'], ttl: '1h' });
    const owners: string[] = [];
    for (let n = 0; n < 4; n++) {
      const person = await call(org[n % 2], 'POST', '/people', {
        name: `Owner ${n}`,
        email: `owner.${n}@scale.test`,
      });
      expect(person.status).toBe(201);
      owners.push(person.body.id);
    }
    const cycleId = `q${Date.now().toString(36)}`;
    // The goals replicas learn the admin from the org topic; until then they refuse (403).
    await pollUntil(
      () =>
        call(goals[1], 'POST', '/cycles', {
          cycleId,
          name: 'Scale-out quarter',
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
        }),
      (response) => response.status === 201,
      { timeoutMs: 60_000, intervalMs: 500, description: 'goals to know the admin' },
    );
    // The goals replicas learn the owners from the org topic.
    const warmUp = await call(goals[0], 'POST', '/objectives', {
      cycleId,
      title: 'Warm up',
      owner: { kind: 'company' },
      kind: 'committed',
    });
    for (const owner of owners) {
      await pollUntil(
        () =>
          call(goals[0], 'POST', `/objectives/${warmUp.body.id}/key-results`, {
            title: `Known owner ${owner}`,
            metric: { type: 'number', unit: 'x', start: 0, target: 1, direction: 'increase' },
            owner,
          }),
        (response) => response.status === 201,
        { timeoutMs: 60_000, intervalMs: 500, description: 'goals to know the owners' },
      );
    }

    // The burst: each client alternates an org flow (a person joins and is renamed) and a goals
    // flow (an objective, a key result, renames), on both replicas of each service in turn.
    const acks: Ack[] = [];
    const refused: unknown[] = [];
    let unanswered = 0;
    let attempted = 0;
    let turn = 0;
    const alive = { org: [...org], goals: [...goals] };
    const timings = { start: Date.now(), killed: 0, burstDone: 0, published: 0, projected: 0 };
    const takeoverMs: Record<string, number> = {};
    const relayFailuresBeforeKill: Record<Context, number> = { org: 0, goals: 0 };
    let crash: Promise<void> | undefined;

    const killTheHolders = async () => {
      const [holderOrg, holderGoals] = [org[0], goals[0]];
      for (const [context, holder] of [
        ['org', holderOrg],
        ['goals', holderGoals],
      ] as const) {
        relayFailuresBeforeKill[context] = sumFor(
          await holder.metric('rhythm_relay_failures_total'),
          { relay: context },
        );
      }
      alive.org = alive.org.filter((service) => service !== holderOrg);
      alive.goals = alive.goals.filter((service) => service !== holderGoals);
      const exits = await Promise.all([holderOrg.kill('SIGKILL'), holderGoals.kill('SIGKILL')]);
      expect(exits).toEqual(['SIGKILL', 'SIGKILL']);
      timings.killed = Date.now();
      await Promise.all(
        (['org', 'goals'] as const).map(async (context) => {
          const survivor = context === 'org' ? org[1] : goals[1];
          await pollUntil(
            async () =>
              sumFor(await survivor.metric('rhythm_lease_held'), { lease: relayLease[context] }),
            (held) => held === 1,
            { timeoutMs: 60_000, intervalMs: 50, description: `${context} relay takeover` },
          );
          takeoverMs[context] = Date.now() - timings.killed;
        }),
      );
    };

    const send = async (
      context: Context,
      streamOf: (body: Accepted) => string,
      request: (service: ServiceProcess) => Promise<Readonly<{ status: number; body: Accepted }>>,
    ): Promise<Accepted | undefined> => {
      attempted++;
      const replicas = alive[context];
      const service = replicas[turn++ % replicas.length];
      let response: Readonly<{ status: number; body: Accepted }>;
      try {
        response = await request(service);
      } catch (error) {
        if (!connectionError(error)) throw error;
        unanswered++;
        return undefined;
      }
      if (response.status !== 200 && response.status !== 201) {
        refused.push({ context, status: response.status, body: response.body });
        return undefined;
      }
      acks.push({ context, streamId: streamOf(response.body), revision: response.body.revision });
      if (acks.length === killAfterAcks) crash = killTheHolders();
      return response.body;
    };

    const orgFlow = async (n: number) => {
      const person = (id: string) => `person-${tenantId}.${id}`;
      const joined = await send(
        'org',
        (body) => person(body.id),
        (service) =>
          call(service, 'POST', '/people', {
            name: `Person ${n}`,
            email: `person.${n}@scale.test`,
          }),
      );
      for (let version = 1; joined && version <= 3 && attempted < commands; version++) {
        const renamed = await send(
          'org',
          (body) => person(body.id),
          (service) =>
            call(service, 'PATCH', `/people/${joined.id}`, { name: `Person ${n} v${version}` }),
        );
        if (!renamed) return;
      }
    };

    const goalsFlow = async (n: number) => {
      const objective = (id: string) => `objective-${tenantId}.${id}`;
      const defined = await send(
        'goals',
        (body) => objective(body.id),
        (service) =>
          call(service, 'POST', '/objectives', {
            cycleId,
            title: `Objective ${n}`,
            owner: { kind: 'company' },
            kind: 'committed',
          }),
      );
      if (!defined || attempted >= commands) return;
      const stream = () => objective(defined.id);
      const added = await send('goals', stream, (service) =>
        call(service, 'POST', `/objectives/${defined.id}/key-results`, {
          title: `Key result ${n}`,
          metric: { type: 'percentage', unit: '%', start: 10, target: 50, direction: 'increase' },
          owner: owners[n % owners.length],
        }),
      );
      for (let version = 1; added && version <= 2 && attempted < commands; version++) {
        const renamed = await send('goals', stream, (service) =>
          call(service, 'PATCH', `/objectives/${defined.id}`, {
            title: `Objective ${n} v${version}`,
          }),
        );
        if (!renamed) return;
      }
    };

    let next = 0;
    const client = async () => {
      while (attempted < commands) {
        const n = next++;
        await (n % 2 === 0 ? orgFlow(n) : goalsFlow(n));
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    timings.burstDone = Date.now();
    expect(crash).toBeDefined();
    await crash;

    expect(refused).toEqual([]);
    expect(acks.length + unanswered).toBe(commands);
    const acksAfterKill = acks.slice(killAfterAcks).length;
    expect(acksAfterKill).toBeGreaterThan(100);

    // 1. Every acknowledged event is in its store and on its topic exactly once, by event id.
    const published: Record<Context, Map<string, number>> = { org: new Map(), goals: new Map() };
    for (const context of ['org', 'goals'] as const) {
      const stores = context === 'org' ? orgStores : goalsStores;
      const recorded = await readStore(stores.schema);
      const byRevision = new Map(
        recorded.map((event) => [`${event.streamId}@${event.streamRevision}`, event]),
      );
      const acknowledged = acks
        .filter((ack) => ack.context === context)
        .map((ack) => byRevision.get(`${ack.streamId}@${ack.revision}`));
      expect(acknowledged.filter((event) => event === undefined)).toHaveLength(0);
      const publishedPrefixes: readonly string[] =
        context === 'org' ? [''] : publishedGoalsStreamPrefixes;
      const expected = new Set(
        recorded
          .filter((event) => publishedPrefixes.some((prefix) => event.streamId.startsWith(prefix)))
          .map((event) => event.metadata.eventId),
      );
      const messages = await pollUntil(
        () => readTopic(stores.topic),
        (read) => {
          const seen = new Set(read.map((message) => eventIdOf(message.value)));
          return [...expected].every((eventId) => seen.has(eventId));
        },
        {
          timeoutMs: 120_000,
          intervalMs: 1_000,
          description: `every ${context} event on its topic`,
        },
      );
      for (const message of messages) {
        const eventId = eventIdOf(message.value);
        published[context].set(eventId, (published[context].get(eventId) ?? 0) + 1);
      }
      expect([...published[context]].filter(([, count]) => count > 1)).toEqual([]);
      expect(new Set(published[context].keys())).toEqual(expected);
      expect(
        acknowledged.filter((event) => published[context].get(event!.metadata.eventId) !== 1),
      ).toEqual([]);
    }
    timings.published = Date.now();

    // 2. The read models the survivors wrote equal a rebuild from zero of the same stores.
    await rebuild('services/org/scripts/rebuild-org-read-models.ts', {
      ORG_EVENT_STORE_SCHEMA: orgStores.schema,
      MONGO_URL: mongoUrl(scratch.org),
    });
    await rebuild('services/goals/src/read-models/rebuild-goals-read-models.ts', {
      GOALS_EVENT_STORE_SCHEMA: goalsStores.schema,
      MONGO_URL: mongoUrl(scratch.goals),
    });
    const compared: string[] = [];
    for (const [live, rebuilt] of [
      [orgStores.database, scratch.org],
      [goalsStores.database, scratch.goals],
    ]) {
      const [liveDb, rebuiltDb] = [await connectTo(live), await connectTo(rebuilt)];
      try {
        const generations = [await activeGeneration(liveDb), await activeGeneration(rebuiltDb)];
        const collections = (await rebuiltDb.db!.listCollections().toArray())
          .map((collection) => collection.name)
          .filter((name) => name.endsWith(`__g${generations[1]}`))
          .map((name) => name.slice(0, -`__g${generations[1]}`.length));
        expect(collections.length).toBeGreaterThanOrEqual(2);
        compared.push(...collections);
        await expectEventually(
          async () => {
            for (const logical of collections) {
              expect([logical, await documents(liveDb, `${logical}__g${generations[0]}`)]).toEqual([
                logical,
                await documents(rebuiltDb, `${logical}__g${generations[1]}`),
              ]);
            }
          },
          { timeoutMs: 120_000, intervalMs: 1_000 },
        );
      } finally {
        await liveDb.close();
        await rebuiltDb.close();
      }
    }
    timings.projected = Date.now();

    // 3. No relay restarted but by the takeover: neither relay failed (two publishing at once
    // fence each other: "old epoch"), the survivor took each relay lease once, from a standby,
    // and each projection lease moved once too.
    expect(relayFailuresBeforeKill).toEqual({ org: 0, goals: 0 });
    for (const context of ['org', 'goals'] as const) {
      const survivor = context === 'org' ? org[1] : goals[1];
      const failures = await survivor.metric('rhythm_relay_failures_total');
      expect([context, sumFor(failures, { relay: context })]).toEqual([context, 0]);
      const acquisitions = await survivor.metric('rhythm_lease_acquisitions_total');
      expect(sumFor(acquisitions, { lease: relayLease[context] })).toBe(1);
      expect(sumFor(acquisitions, { lease: relayLease[context], takeover: 'true' })).toBe(1);
      const held = await survivor.metric('rhythm_lease_held');
      expect(held.every((sample) => sample.value === 1)).toBe(true);
      expect(acquisitions.every((sample) => sample.labels.takeover === 'true')).toBe(true);
    }

    process.stdout.write(
      `scale-out: ${commands} commands from ${clients} clients over 2 org and 2 goals replicas; ` +
        `${acks.length} acknowledged (${killAfterAcks} before kill -9 of the lease holders, ` +
        `${acksAfterKill} after), ${unanswered} unanswered; ` +
        `org topic ${published.org.size} events, goals topic ${published.goals.size} events, no duplicates; ` +
        `relay takeover after kill -9: org ${takeoverMs.org} ms, goals ${takeoverMs.goals} ms; ` +
        `kill at +${timings.killed - timings.start} ms, burst done at +${timings.burstDone - timings.start} ms, ` +
        `topics complete at +${timings.published - timings.start} ms, ` +
        `read models equal a rebuild (${compared.length} collections) at +${timings.projected - timings.start} ms\n`,
    );
  });
});

const mongoUrl = (database: string): string => {
  const url = new URL(testInfrastructure.mongoUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

const connectTo = (database: string): Promise<Connection> =>
  mongoose
    .createConnection(mongoUrl(database), {
      serverSelectionTimeoutMS: 10_000,
      socketTimeoutMS: 60_000,
    })
    .asPromise();

const readStore = async (schema: string): Promise<RecordedEvent[]> => {
  const store = createPostgresEventStore({
    connectionString: testInfrastructure.databaseUrl(),
    schema,
  });
  const recorded: RecordedEvent[] = [];
  try {
    for await (const event of store.readAll()) recorded.push(event);
  } finally {
    await store.close();
  }
  return recorded;
};

/** Every lease a replica contends for, and whether it holds it (1) or stands by (0). */
const leasesOf = async (service: ServiceProcess): Promise<Map<string, number>> =>
  new Map(
    (await service.metric('rhythm_lease_held')).map((sample) => [
      sample.labels.lease,
      sample.value,
    ]),
  );

/** The generation every projection of a read database reads (one for all: none was rebuilt twice). */
const activeGeneration = async (connection: Connection): Promise<number> => {
  const pointers = await connection
    .db!.collection<{ active: { generation: number } }>('projection_generations')
    .find()
    .toArray();
  const generations = new Set(pointers.map((pointer) => pointer.active.generation));
  expect(generations.size).toBe(1);
  return [...generations][0];
};

const eventIdOf = (value: string): string => (JSON.parse(value) as { eventId: string }).eventId;

/** A collection's documents in `_id` order; reads below a cursor's first batch stay cheap. */
const documents = (connection: Connection, name: string) =>
  connection.db!.collection(name).find({}, { batchSize: 10_000 }).sort({ _id: 1 }).toArray();

/** The service's own rebuild script, into a database of its own, from the first event. */
const rebuild = async (script: string, environment: NodeJS.ProcessEnv): Promise<void> => {
  await promisify(execFile)(process.execPath, ['-r', './tools/register.js', script, '--no-wait'], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      DATABASE_URL: testInfrastructure.databaseUrl(),
      EVENT_STORE: 'postgres',
      ...environment,
    },
    timeout: 180_000,
  });
};
