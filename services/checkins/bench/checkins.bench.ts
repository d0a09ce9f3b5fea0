/**
 * Checkins service benchmark on a generated organisation (see README.md beside this file).
 *
 *   npm run bench:checkins
 *
 * Goals and checkins run as their real processes (`main.ts`) against the local stack only, on a
 * fresh PostgreSQL schema, read-store database and Kafka topics each, all dropped at the end.
 *
 * Environment: BENCH_WEEKS (20), BENCH_BURST (2000), BENCH_CLIENTS (16), BENCH_VISIBILITY_SAMPLES
 * (200), BENCH_QUERIES (200); DATABASE_URL, MONGO_URL, KAFKA_BROKERS (default: `stack.sh env`).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { createServiceApp, parseConfiguration } from '@rhythm/operability';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import type { EventStore } from '@rhythm/event-sourcing';
import { TEST_AUDIENCE, TEST_ISSUER, testKeyPair } from '@rhythm/identity';
import { rebuildProjection } from '@rhythm/projections';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import mongoose, { type Connection } from 'mongoose';
import { Pool } from 'pg';
import { checkinsServiceOptions } from '../src/checkins.app';
import { checkinsConfigurationSchema } from '../src/checkins-configuration';
import { checkinsProjections } from '../src/read-models/checkins-projections';
import { CadenceScheduler } from '../src/scheduler/cadence-scheduler';
import { CHECKINS_EVENT_STORE, CHECKINS_READ_STORE } from '../src/infrastructure/checkins-tokens';
import {
  openKeyResults,
  personClient,
  staffedOkrs,
  startCheckinsAndGoals,
  type CheckinsAndGoals,
  type StaffedKeyResult,
} from '../src/testing/checkins-service.process';
import { historyOf } from './checkins-history';
import { Latencies, msSince } from './latencies';

/** The local stack's addresses (the testing lib reads them from process.env), 127.0.0.1 only. */
const localStack = (): void => {
  if (!(process.env.DATABASE_URL && process.env.MONGO_URL && process.env.KAFKA_BROKERS)) {
    const output = execFileSync(
      'bash',
      [path.join(__dirname, '..', '..', '..', 'deploy/local/stack.sh'), 'env'],
      { encoding: 'utf8' },
    );
    for (const line of output.split('\n')) {
      const match = /^(?:export )?([A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) process.env[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
    }
  }
  // Load is only ever pointed at this machine's own stack.
  const hosts = [
    new URL(process.env.DATABASE_URL!).hostname,
    new URL(process.env.MONGO_URL!).hostname,
    ...process.env.KAFKA_BROKERS!.split(',').map((broker) => broker.trim().replace(/:\d+$/, '')),
  ];
  const remote = hosts.filter((host) => host !== '127.0.0.1');
  if (remote.length > 0) {
    throw new Error(`The checkins benchmark runs against 127.0.0.1 only, not ${remote.join(', ')}`);
  }
};

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const sizes = {
  weeks: intFromEnv('BENCH_WEEKS', 20),
  burst: intFromEnv('BENCH_BURST', 2_000),
  clients: intFromEnv('BENCH_CLIENTS', 16),
  visibility: intFromEnv('BENCH_VISIBILITY_SAMPLES', 200),
  queries: intFromEnv('BENCH_QUERIES', 200),
};
// 25 squads × 5 objectives × 4 key results: 500 key results, 150 owners, 25 leads.
const shape = { squads: 25, membersPerSquad: 6, objectivesPerSquad: 5, keyResultsPerObjective: 4 };

const started = process.hrtime.bigint();
const log = (message: string) =>
  console.log(`[${(msSince(started) / 1000).toFixed(0).padStart(4)}s] ${message}`);
const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const figures: string[][] = [];
const figure = (name: string, value: string, goal = '') => {
  figures.push([name, value, goal]);
  log(`${name}: ${value}${goal ? ` (goal ${goal})` : ''}`);
};

const checkInPath = (keyResult: StaffedKeyResult) =>
  `/objectives/${keyResult.objectiveId}/key-results/${keyResult.keyResultId}/check-ins`;

/** The events of the checkins store and how far each projection has applied them. */
const readSideBehind = async (pg: Pool, schema: string, db: mongoose.mongo.Db): Promise<number> => {
  let behind = 0;
  for (const projection of checkinsProjections) {
    const checkpoint = await db
      .collection<{ _id: string; position?: string }>('projection_checkpoints')
      .findOne({ _id: projection.name });
    const { rows } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".events
        WHERE global_position > $1 AND stream_id LIKE ANY($2)`,
      [
        checkpoint?.position ?? '0',
        (projection.streamPrefixes ?? ['']).map((prefix) => `${prefix}%`),
      ],
    );
    behind = Math.max(behind, rows[0].n);
  }
  return behind;
};

const untilCaughtUp = async (pg: Pool, schema: string, db: mongoose.mongo.Db) => {
  const at = process.hrtime.bigint();
  const first = await readSideBehind(pg, schema, db);
  while ((await readSideBehind(pg, schema, db)) > 0) {
    if (msSince(at) > 900_000) throw new Error('The checkins projections never caught up');
    await pause(500);
  }
  return { first, seconds: msSince(at) / 1000 };
};

/** The value goals shows for a key result in its read model (GET /objectives/:id). */
const goalsValue = async (
  world: CheckinsAndGoals,
  tenantId: string,
  keyResult: StaffedKeyResult,
): Promise<number | undefined> => {
  const answer = await personClient(world.goals, tenantId, keyResult.leadId).send(
    'GET',
    `/objectives/${keyResult.objectiveId}`,
  );
  return (
    answer.body as { keyResults?: { keyResultId: string; current: number }[] }
  ).keyResults?.find((candidate) => candidate.keyResultId === keyResult.keyResultId)?.current;
};

const untilGoalsShows = async (
  world: CheckinsAndGoals,
  tenantId: string,
  wanted: ReadonlyMap<StaffedKeyResult, number>,
) => {
  for (const [keyResult, value] of wanted) {
    const at = process.hrtime.bigint();
    while ((await goalsValue(world, tenantId, keyResult)) !== value) {
      if (msSince(at) > 900_000) throw new Error('Goals never took the check-ins');
      await pause(200);
    }
  }
};

const main = async () => {
  localStack();
  log('starting goals and checkins as processes on fresh stores');
  const world = await startCheckinsAndGoals({ logLevel: 'warn' });
  const pg = new Pool({ connectionString: testInfrastructure.databaseUrl(), max: 4 });
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${world.checkinsStores.database}`;
  const readStore = await mongoose.createConnection(mongoUrl.toString()).asPromise();
  const schema = world.checkinsStores.schema;
  const store = createPostgresEventStore({
    connectionString: testInfrastructure.databaseUrl(),
    schema,
  });
  let inProcess: Awaited<ReturnType<typeof createServiceApp>> | undefined;
  const cleanUp = async () => {
    await inProcess?.close().catch(() => undefined);
    await store.close();
    await readStore.close();
    await pg.end();
    await world.dispose();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const tenantId = uniqueName('bench');
    let at = process.hrtime.bigint();
    const keyResults = await staffedOkrs(world, tenantId, shape);
    log(
      `organisation: ${shape.squads} squads, ${shape.squads * (shape.membersPerSquad + 1)} people, ` +
        `${keyResults.length} key results set up over goals' HTTP in ${n(msSince(at) / 1000, 1)} s`,
    );

    // ------------------------------------------------ 20 weeks of history, straight to the store
    at = process.hrtime.bigint();
    const history = historyOf(tenantId, keyResults, sizes.weeks, Date.now());
    let written = 0;
    const queue = [...history];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await store.append(next.streamId, next.events, { expectedRevision: 'no_stream' });
          written += next.events.length;
        }
      }),
    );
    const rawSeconds = msSince(at) / 1000;
    const rawRate = written / rawSeconds;
    log(
      `history: ${n(written)} events of ${sizes.weeks} weeks (check-ins, acknowledgements, ` +
        `comments, reactions, blockers) appended straight to the checkins event store with the ` +
        `domain's events (HTTP would take too long), ${n(history.length)} streams, ` +
        `${n(rawSeconds, 1)} s: ${n(rawRate)} events/s`,
    );
    await openKeyResults(world, tenantId, keyResults);
    at = process.hrtime.bigint();
    const readSide = await untilCaughtUp(pg, schema, readStore.db!);
    log(
      `checkins projections: ${n(readSide.first)} events behind after the history, caught up in ${n(readSide.seconds, 1)} s`,
    );
    // The relay publishes the history too: goals takes every historic check-in, then the opening.
    await untilGoalsShows(world, tenantId, new Map(keyResults.map((keyResult) => [keyResult, 1])));
    log(
      `goals took the ${n(keyResults.length * (sizes.weeks + 1))} check-ins of the history in ${n(msSince(at) / 1000, 1)} s`,
    );
    const { rows } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".events`,
    );
    figure('events in the checkins store', n(rows[0].n), '≥ 50,000');

    // ------------------------------------------------ check-ins over HTTP
    const lastValue = new Map(keyResults.map((keyResult) => [keyResult, 1]));
    const checkIn = async (keyResult: StaffedKeyResult) => {
      const value = lastValue.get(keyResult)! + 1;
      lastValue.set(keyResult, value);
      const requestedAt = process.hrtime.bigint();
      const answer = await personClient(world.checkins, tenantId, keyResult.ownerId).send(
        'POST',
        checkInPath(keyResult),
        { checkInId: randomUUID(), value, confidence: value % 11, note: { progress: 'on it' } },
      );
      if (answer.status !== 201) throw new Error(`check-in: ${answer.status}`);
      return { value, ms: msSince(requestedAt) };
    };
    const roundTrips = new Latencies();
    at = process.hrtime.bigint();
    let sent = 0;
    // Each client its own key results, one check-in at a time on each (as its owner would).
    await Promise.all(
      Array.from({ length: sizes.clients }, async (_, client) => {
        const mine = keyResults.filter((_kr, index) => index % sizes.clients === client);
        for (let i = 0; sent < sizes.burst; i++) {
          sent++;
          roundTrips.add((await checkIn(mine[i % mine.length])).ms);
        }
      }),
    );
    const burstSeconds = msSince(at) / 1000;
    figure(
      `check-ins over HTTP (${n(sent)} from ${sizes.clients} clients)`,
      `${n(sent / burstSeconds)}/s, p50 ${n(roundTrips.percentile(50))} ms, p99 ${n(roundTrips.percentile(99))} ms`,
      '≥ 200/s',
    );
    at = process.hrtime.bigint();
    await untilGoalsShows(world, tenantId, lastValue);
    log(`goals took the burst ${n(msSince(at) / 1000, 1)} s after its last answer`);

    // ------------------------------------------------ check-in → value visible in goals
    const visible = new Latencies();
    for (let sample = 0; sample < sizes.visibility; sample++) {
      const keyResult = keyResults[(sample * 7) % keyResults.length];
      const { value } = await checkIn(keyResult);
      const answeredAt = process.hrtime.bigint();
      while ((await goalsValue(world, tenantId, keyResult)) !== value) {
        if (msSince(answeredAt) > 60_000) throw new Error('A check-in never reached goals');
      }
      visible.add(msSince(answeredAt));
    }
    figure(
      `check-in 201 → value in goals' read model (${sizes.visibility} samples, GET /objectives/:id polled)`,
      `p50 ${n(visible.percentile(50))} ms, p99 ${n(visible.percentile(99))} ms`,
      'p99 ≤ 250 ms',
    );

    // ------------------------------------------------ feed and "what I owe"
    await untilCaughtUp(pg, schema, readStore.db!);
    const queries = async (label: string, request: (index: number) => Promise<number>) => {
      const latencies = new Latencies();
      for (let index = 0; index < sizes.queries; index++) {
        const requestedAt = process.hrtime.bigint();
        const status = await request(index);
        if (status !== 200) throw new Error(`${label}: ${status}`);
        latencies.add(msSince(requestedAt));
      }
      figure(
        `${label} (${sizes.queries} queries, one at a time)`,
        `p50 ${n(latencies.percentile(50))} ms, p95 ${n(latencies.percentile(95))} ms`,
        'p95 ≤ 50 ms',
      );
    };
    const get = (personId: string, url: string) =>
      personClient(world.checkins, tenantId, personId)
        .send('GET', url)
        .then((answer) => answer.status);
    const agendas = async (when: string) => {
      await queries(`GET /me/agenda of an owner ${when}`, (index) =>
        get(keyResults[(index * 13) % keyResults.length].ownerId, '/me/agenda'),
      );
      await queries(`GET /me/agenda of a squad's lead ${when}`, (index) =>
        get(keyResults[(index * 13) % keyResults.length].leadId, '/me/agenda'),
      );
    };
    await queries('GET /feeds/squad/:id (first page of 20)', (index) => {
      const keyResult = keyResults[(index * 13) % keyResults.length];
      return get(keyResult.ownerId, `/feeds/squad/${keyResult.squadId}`);
    });
    await queries('GET /feeds/objectives/:id (first page of 20)', (index) => {
      const keyResult = keyResults[(index * 13) % keyResults.length];
      return get(keyResult.ownerId, `/feeds/objectives/${keyResult.objectiveId}`);
    });
    await agendas('(nothing overdue)');

    // ------------------------------------------------ the overdue sweep
    // A replica in-process on the same stores, its clock three weeks ahead: every key result has
    // missed its due moments, its lead and the tribe lead are owed a word. tick() is what the
    // leased schedule calls.
    const config = parseConfiguration(checkinsConfigurationSchema, {
      DATABASE_URL: testInfrastructure.databaseUrl(),
      ...testInfrastructure.kafkaEnvironment(),
      MONGO_URL: mongoUrl.toString(),
      CHECKINS_EVENT_STORE_SCHEMA: schema,
      CHECKINS_EVENTS_TOPIC: world.checkinsStores.topic,
      GOALS_EVENTS_TOPIC: world.checkinsStores.goalsTopic,
      ORG_EVENTS_TOPIC: world.checkinsStores.orgTopic,
      CHECKINS_DIRECTORY_GROUP: `rhythm-checkins.directory.${schema}`,
      CHECKINS_SWEEP_INTERVAL_MS: '3600000',
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      JWT_PUBLIC_KEY: testKeyPair().publicKeyPem,
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'off',
    });
    const ahead = Date.now() + 21 * 24 * 3600_000;
    inProcess = await createServiceApp(
      checkinsServiceOptions(config, { clock: { now: () => new Date(ahead) } }),
    );
    const scheduler = inProcess.get(CadenceScheduler);
    for (const round of ['first', 'second']) {
      at = process.hrtime.bigint();
      const tick = await scheduler.tick();
      figure(
        `overdue sweep, ${round} tick (${keyResults.length} key results)`,
        `${n(msSince(at))} ms, ${tick.units} units, ${n(tick.events)} new events`,
      );
    }
    await inProcess.close();
    await inProcess.get<EventStore>(CHECKINS_EVENT_STORE).close();
    await inProcess.get<Connection>(CHECKINS_READ_STORE).close();
    inProcess = undefined;
    await untilCaughtUp(pg, schema, readStore.db!);
    await agendas('(after the sweep: overdue everywhere)');

    // ------------------------------------------------ rebuild vs raw write
    await world.checkins.stop();
    const total = (
      await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".events`)
    ).rows[0].n;
    for (const projection of checkinsProjections) {
      const result = await rebuildProjection(projection, {
        store,
        connection: readStore,
        waitToDropOld: false,
      });
      figure(
        `rebuild of ${projection.name} from zero (service stopped)`,
        `${n(result.eventsRead)} events in ${n(result.durationMs / 1000, 1)} s: ` +
          `${n(result.eventsRead / (result.durationMs / 1000))} events/s, ` +
          `${n(result.eventsRead / (result.durationMs / 1000) / rawRate, 2)} × the raw write rate`,
      );
    }
    figure(
      'raw write of the history (EventStore.append, a stream per call, 8 in flight)',
      `${n(rawRate)} events/s (store now ${n(total)} events)`,
    );
    figure('peak RSS of the bench process', `${n(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    await cleanUp();
  }
  console.log('\nfigure | value | goal');
  console.log('--- | --- | ---');
  for (const [name, value, goal] of figures) console.log(`${name} | ${value} | ${goal}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
