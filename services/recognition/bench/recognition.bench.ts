/**
 * Recognition service benchmark on a generated organisation of 500 people (see README.md beside
 * this file).
 *
 *   npm run bench:recognition
 *
 * The recognition service runs as its real process (`main.ts`) against the local stack only, on
 * a fresh PostgreSQL schema, read-store database and Kafka topics, all dropped at the end.
 *
 * Environment: BENCH_KUDOS (95000, seeded), BENCH_CYCLES (5, seeded celebrations per key
 * result), BENCH_DAYS (180), BENCH_HTTP_KUDOS (300), BENCH_CLIENTS (16),
 * BENCH_VISIBILITY_SAMPLES (50), BENCH_QUERIES (50); DATABASE_URL, MONGO_URL, KAFKA_BROKERS
 * (default: `stack.sh env`).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { asOrgMessage } from '@rhythm/org-directory/testing';
import { rebuildProjection } from '@rhythm/projections';
import { testInfrastructure, uniqueName, type ServiceProcess } from '@rhythm/testing';
import { Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { Pool } from 'pg';
import { Latencies, msSince } from './latencies';
import { directoryInboxConsumers } from '../src/directory/directory.consumer';
import { MembershipHistoryReader } from '../src/directory/membership-history.reader';
import { MembershipHistoryStore } from '../src/directory/membership-history.store';
import { MembershipHistoryInMemory } from './membership-history-in-memory';
import { readPathCosts } from './read-path-costs';
import { recognitionProjections } from '../src/read-models/recognition-projections';
import {
  createRecognitionTopics,
  dropRecognitionStores,
  freshRecognitionStores,
  publishEnvelopes,
  recognitionClient,
  recognitionTestKafka,
  startRecognitionService,
} from '../src/testing/recognition-service.process';
import {
  BenchGoals,
  BenchOrganisation,
  recognitionHistory,
  type BenchKeyResult,
} from './recognition-history';

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
    throw new Error(
      `The recognition benchmark runs against 127.0.0.1 only, not ${remote.join(', ')}`,
    );
  }
};

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const sizes = {
  kudos: intFromEnv('BENCH_KUDOS', 95_000),
  cycles: intFromEnv('BENCH_CYCLES', 5),
  days: intFromEnv('BENCH_DAYS', 180),
  httpKudos: intFromEnv('BENCH_HTTP_KUDOS', 300),
  clients: intFromEnv('BENCH_CLIENTS', 16),
  visibility: intFromEnv('BENCH_VISIBILITY_SAMPLES', 50),
  queries: intFromEnv('BENCH_QUERIES', 50),
};
// 5 tribes × 10 squads × 10 people: 500 people; 4 objectives of 5 key results per squad.
const orgShape = { tribes: 5, squadsPerTribe: 10, perSquad: 10 };
const goalsShape = { objectivesPerSquad: 4, keyResultsPerObjective: 5 };
const day = 24 * 3600_000;

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

/** Polls `done` every `intervalMs` until it holds; throws after `timeoutMs`. */
const until = async (what: string, done: () => Promise<boolean>, timeoutMs = 900_000) => {
  const at = process.hrtime.bigint();
  while (!(await done())) {
    if (msSince(at) > timeoutMs) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await pause(250);
  }
  return msSince(at);
};

type WallAnswer = { items?: { item: string; celebration?: { achievementKey?: string } }[] };

const main = async () => {
  localStack();
  const stores = freshRecognitionStores();
  const kafka = recognitionTestKafka();
  const tenantId = uniqueName('bench');
  const pg = new Pool({ connectionString: testInfrastructure.databaseUrl(), max: 4 });
  const mongoUrl = new URL(testInfrastructure.mongoUrl());
  mongoUrl.pathname = `/${stores.database}`;
  const readStore = await mongoose.createConnection(mongoUrl.toString()).asPromise();
  const store = createPostgresEventStore({
    connectionString: testInfrastructure.databaseUrl(),
    schema: stores.schema,
  });
  let recognition: ServiceProcess | undefined;
  let cleaning: Promise<void> | undefined;
  // Once, whether Ctrl-C or the end comes first.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await recognition?.stop().catch(() => undefined);
      await store.close();
      await readStore.close();
      await pg.end();
      await dropRecognitionStores(stores);
    })());
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    // The machine is shared: the load beside the figures says how far they are upper bounds.
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(', ');
    log(`load average ${load()} on ${cpus().length} cores`);
    log('starting recognition as a process on fresh stores and topics');
    await createRecognitionTopics(kafka, stores);
    recognition = await startRecognitionService(stores, {
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...(process.env.BENCH_SERVICE_LOG === undefined
        ? {}
        : { logFile: process.env.BENCH_SERVICE_LOG }),
    });
    const service = recognition;

    // ------------------------------------------------ the organisation and its goals
    const now = Date.now();
    const organisation = new BenchOrganisation(
      tenantId,
      orgShape,
      now - (sizes.days + 30) * day,
      now - Math.floor(sizes.days / 2) * day,
    );
    const goals = new BenchGoals(tenantId, organisation.squads, goalsShape);
    let at = process.hrtime.bigint();
    const orgEnvelopes = organisation.envelopes();
    const goalsEnvelopes = goals.envelopes(organisation.squads);
    await publishEnvelopes(kafka, stores.orgTopic, orgEnvelopes);
    await publishEnvelopes(kafka, stores.goalsTopic, goalsEnvelopes);
    const directory = readStore.db!;
    await until('the directory took the org and goals topics', async () => {
      // Per consumer: another consumer's entries must not make up for a topic still behind.
      const inbox = directory.collection('inbox');
      const [org, goalsTaken] = await Promise.all([
        inbox.countDocuments({ consumer: directoryInboxConsumers.org }),
        inbox.countDocuments({ consumer: directoryInboxConsumers.goals }),
      ]);
      return org >= orgEnvelopes.length && goalsTaken >= goalsEnvelopes.length;
    });
    log(
      `organisation: ${organisation.people.length} people in ${organisation.squads.length} ` +
        `squads of ${orgShape.tribes} tribes (15 chapters, 4 guilds; ${organisation.squads.length} ` +
        `people moved squad ${Math.floor(sizes.days / 2)} days ago), ${goals.keyResults.length} ` +
        `key results; the directory took both topics in ${n(msSince(at) / 1000, 1)} s`,
    );

    // ------------------------------------------------ history, straight to the event store
    // The service is stopped: its projections are then rebuilt from zero (measured), not fed
    // live, and its relay does not compete with the appends.
    await service.stop();
    at = process.hrtime.bigint();
    const history = recognitionHistory(organisation, goals, sizes, now);
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
    const seededCelebrations = goals.keyResults.length * sizes.cycles;
    log(
      `history: ${n(sizes.kudos)} kudos and ${n(seededCelebrations)} celebrations over ` +
        `${sizes.days} days appended straight to the event store with the domain's events ` +
        `(KudosGiven, AchievementCelebrated; HTTP would take hours), one stream per call, 8 in ` +
        `flight, ${n(rawSeconds, 1)} s: ${n(rawRate)} events/s`,
    );

    // ------------------------------------------------ rebuild from zero vs raw write
    // What the walls and the flow ask per kudos: the org history of its people that day.
    const serviceHistory = new MembershipHistoryReader(new MembershipHistoryStore(readStore));
    const lookups = new Latencies();
    for (let i = 0; i < 50; i++) {
      const giver = organisation.people[(i * 37) % organisation.people.length];
      const receiver = organisation.people[(i * 53 + 1) % organisation.people.length];
      const requestedAt = process.hrtime.bigint();
      await serviceHistory.unitsAt(
        tenantId,
        [giver, receiver],
        new Date(now - i * day).toISOString(),
      );
      lookups.add(msSince(requestedAt));
    }
    figure(
      "the service's org history lookup per kudos (MembershipHistoryReader.unitsAt: two finds " +
        'on membership_history, 50 samples)',
      `p50 ${n(lookups.percentile(50))} ms, p95 ${n(lookups.percentile(95))} ms`,
    );
    // The walls and the flow make one to three such lookups per kudos, one after another: with
    // the service's reader, 100,000 kudos would take hours. The rebuild below reads the same
    // history documents once into memory (same answers: the org does not change meanwhile).
    const inMemory = await MembershipHistoryInMemory.of(readStore, tenantId);
    log(
      `rebuilds use the org history of ${n(inMemory.size)} people and units read once into memory`,
    );
    const membershipHistory = new MembershipHistoryReader(inMemory);
    for (const projection of recognitionProjections(membershipHistory)) {
      const result = await rebuildProjection(projection, {
        store,
        connection: readStore,
        waitToDropOld: false,
      });
      const rate = result.eventsRead / (result.durationMs / 1000);
      figure(
        `rebuild of ${projection.name} from zero (service stopped, org history in memory)`,
        `${n(result.eventsRead)} events in ${n(result.durationMs / 1000, 1)} s: ${n(rate)} ` +
          `events/s, ${n(rate / rawRate, 2)} × the raw write rate`,
      );
    }
    figure(
      'raw write of the history (EventStore.append, a stream per call, 8 in flight)',
      `${n(rawRate)} events/s`,
    );
    // The raw write rate of documents like the walls' on the read store: the rebuild's ceiling.
    const scratch = directory.collection<{ _id: string }>(`raw_write_${randomUUID().slice(0, 8)}`);
    const documents = Array.from({ length: 20_000 }, (_, i) => ({
      _id: `organisation/kudos:${randomUUID()}`,
      tenantId,
      wall: 'organisation',
      item: 'kudos',
      itemId: randomUUID(),
      at: new Date(now - i * 1000).toISOString(),
    }));
    at = process.hrtime.bigint();
    for (let from = 0; from < documents.length; from += 1_000) {
      await scratch.insertMany(documents.slice(from, from + 1_000), { ordered: false });
    }
    figure(
      'raw insert of 20,000 wall-entry documents into the read store (insertMany of 1,000)',
      `${n(documents.length / (msSince(at) / 1000))} documents/s`,
    );
    await scratch.drop();

    // ------------------------------------------------ the service again, relay caught up
    await service.restart();
    const head = async () =>
      BigInt(
        (
          await pg.query<{ head: string | null }>(
            `SELECT max(global_position)::text AS head FROM "${stores.schema}".events`,
          )
        ).rows[0].head ?? '0',
      );
    const relayed = async () =>
      BigInt(
        (
          await pg.query<{ position: string | null }>(
            `SELECT max(position)::text AS position FROM "${stores.schema}".relay_checkpoints`,
          )
        ).rows[0]?.position ?? '0',
      );
    const seededHead = await head();
    const relaySeconds =
      (await until(
        'the relay published the history',
        async () => (await relayed()) >= seededHead,
      )) / 1000;
    log(
      `the relay published the ${n(written)} events of the history on the recognition topic ` +
        `in ${n(relaySeconds, 1)} s (before any figure below)`,
    );

    // ------------------------------------------------ kudos over HTTP
    const clientOf = (personId: string) => recognitionClient(service, tenantId, personId);
    const roundTrips = new Latencies();
    let sent = 0;
    at = process.hrtime.bigint();
    // Each client its own givers, one kudos at a time; givers rotate (ten kudos an hour each).
    await Promise.all(
      Array.from({ length: sizes.clients }, async (_, client) => {
        const givers = organisation.people.filter((_p, index) => index % sizes.clients === client);
        for (let i = 0; sent < sizes.httpKudos; i++) {
          sent++;
          const giverId = givers[i % givers.length];
          const squad = organisation.squadOf.get(giverId)!;
          const receiverId = squad.people.find((personId) => personId !== giverId)!;
          const keyResult =
            i % 3 === 0 ? goals.keyResults[(client * 7 + i) % goals.keyResults.length] : undefined;
          const requestedAt = process.hrtime.bigint();
          const answer = await clientOf(giverId).send('POST', '/kudos', {
            to: { personIds: [receiverId] },
            message: 'Thanks for pairing on the incident!',
            audience: 'public',
            ...(keyResult === undefined
              ? {}
              : {
                  about: {
                    kind: 'key-result',
                    objectiveId: keyResult.objectiveId,
                    keyResultId: keyResult.keyResultId,
                  },
                }),
          });
          if (answer.status !== 201) {
            throw new Error(`kudos: ${answer.status} ${JSON.stringify(answer.body)}`);
          }
          roundTrips.add(msSince(requestedAt));
        }
      }),
    );
    const burstSeconds = msSince(at) / 1000;
    figure(
      `kudos over HTTP (POST /kudos, ${n(sent)} from ${sizes.clients} clients)`,
      `${n(sent / burstSeconds)}/s, p50 ${n(roundTrips.percentile(50))} ms, ` +
        `p99 ${n(roundTrips.percentile(99))} ms`,
    );

    // The live projections take the burst (each kudos asks the org history on the read store).
    const behind = async (projection: string, prefixes: readonly string[]) => {
      const checkpoint = await directory
        .collection<{ _id: string; position?: string }>('projection_checkpoints')
        .findOne({ _id: projection });
      const { rows } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${stores.schema}".events
          WHERE global_position > $1 AND stream_id LIKE ANY($2)`,
        [checkpoint?.position ?? '0', prefixes.map((prefix) => `${prefix}%`)],
      );
      return rows[0].n;
    };
    const projected = async () =>
      (await behind('recognition_walls', ['kudos-', 'celebration-', 'story-'])) === 0 &&
      (await behind('recognition_flow', ['kudos-'])) === 0;
    const caughtUp = await until('the walls and the flow took the kudos', projected, 1_800_000);
    figure(
      `walls and flow projections caught up with the ${n(sent)} kudos after the last answer`,
      `${n(caughtUp / 1000, 1)} s (${n(sent / (caughtUp / 1000 + burstSeconds), 1)} kudos/s end to end)`,
    );

    // ------------------------------------------------ achievement → celebration on the wall
    const wallOf = async (keyResult: BenchKeyResult): Promise<WallAnswer> => {
      const answer = await clientOf(organisation.squads[0].people[3]).send(
        'GET',
        `/units/squad/${keyResult.squadId}/wall?limit=20`,
      );
      if (answer.status !== 200) {
        throw new Error(`wall: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return answer.body as WallAnswer;
    };
    // One producer, connected before the clock starts, as goals' relay keeps its own.
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const visible = new Latencies();
    const samples = Math.min(sizes.visibility, goals.keyResults.length);
    for (let sample = 0; sample < samples; sample++) {
      const keyResult = goals.keyResults[(sample * 7) % goals.keyResults.length];
      const key = `kr:${goals.cycleId}:${keyResult.keyResultId}`;
      const publishedAt = process.hrtime.bigint();
      await producer.send({
        topic: stores.goalsTopic,
        acks: -1,
        messages: [asOrgMessage(goals.achieved(keyResult))],
      });
      for (;;) {
        const wall = await wallOf(keyResult);
        if (wall.items?.some((item) => item.celebration?.achievementKey === key)) break;
        if (msSince(publishedAt) > 60_000) throw new Error(`${key} never reached its wall`);
      }
      visible.add(msSince(publishedAt));
    }
    await producer.disconnect();
    figure(
      `achievement → celebration on the squad's wall (${samples} samples, published on ` +
        `the goals topic, GET /units/squad/:id/wall polled)`,
      `p50 ${n(visible.percentile(50))} ms, p99 ${n(visible.percentile(99))} ms`,
      'p99 ≤ 500 ms',
    );

    // ------------------------------------------------ walls, feed, flow
    const queries = async (
      label: string,
      goal: string,
      request: (index: number) => Promise<{ status: number; body: unknown }>,
    ) => {
      const latencies = new Latencies();
      for (let index = 0; index < sizes.queries; index++) {
        const requestedAt = process.hrtime.bigint();
        const answer = await request(index);
        if (answer.status !== 200) {
          throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
        latencies.add(msSince(requestedAt));
      }
      figure(
        `${label} (${sizes.queries} queries, one at a time)`,
        `p50 ${n(latencies.percentile(50))} ms, p95 ${n(latencies.percentile(95))} ms`,
        goal,
      );
    };
    const reader = (index: number) =>
      clientOf(organisation.people[(index * 37) % organisation.people.length]);
    await queries("GET /units/squad/:id/wall (a squad's wall, first page)", 'p95 ≤ 50 ms', (i) =>
      reader(i).send(
        'GET',
        `/units/squad/${organisation.squads[(i * 13) % organisation.squads.length].squadId}/wall`,
      ),
    );
    await queries("GET /units/tribe/:id/wall (a tribe's wall, first page)", 'p95 ≤ 50 ms', (i) =>
      reader(i).send('GET', `/units/tribe/tribe-${1 + (i % orgShape.tribes)}/wall`),
    );
    await queries("GET /feed (the organisation's feed, first page)", 'p95 ≤ 50 ms', (i) =>
      reader(i).send('GET', '/feed'),
    );
    await queries('GET /flow (the matrix as of now)', 'p95 ≤ 200 ms', (i) =>
      reader(i).send('GET', '/flow'),
    );
    const past = new Date(now - Math.floor(sizes.days / 2) * day - 10 * day).toISOString();
    await queries(`GET /flow?asOf= (${past.slice(0, 10)}, before the moves)`, 'p95 ≤ 200 ms', (i) =>
      reader(i).send('GET', `/flow?asOf=${encodeURIComponent(past)}`),
    );
    const from = new Date(now - 30 * day).toISOString();
    await queries('GET /flow?from= (the last 30 days)', 'p95 ≤ 200 ms', (i) =>
      reader(i).send('GET', `/flow?from=${encodeURIComponent(from)}`),
    );

    // ------------------------------------------------ where the read path's time goes
    const sampleSquad = organisation.squads[7];
    for (const cost of await readPathCosts(readStore, tenantId, {
      squadId: sampleSquad.squadId,
      tribeId: sampleSquad.tribeId,
      personIds: [...sampleSquad.people],
      objectiveId: goals.keyResults[0].objectiveId,
    })) {
      figure(
        `read store, in-process: ${cost.what}`,
        `p50 ${n(cost.p50, 1)} ms, p95 ${n(cost.p95, 1)} ms (${cost.note})`,
      );
    }

    const counted = (
      await pg.query<{ type: string; n: number }>(
        `SELECT type, count(*)::int AS n FROM "${stores.schema}".events
          WHERE type IN ('KudosGiven', 'AchievementCelebrated') GROUP BY type ORDER BY type`,
      )
    ).rows;
    figure(
      'kudos and celebrations in the event store',
      counted.map((row) => `${n(row.n)} ${row.type}`).join(', ') +
        ` (${n(counted.reduce((sum, row) => sum + row.n, 0))} in all)`,
      '≥ 100,000',
    );
    figure('load average at the end (1, 5, 15 min)', load());
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
