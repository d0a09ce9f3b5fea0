/**
 * Relay benchmark: PostgreSQL event store → Kafka, exactly-once transactions.
 *
 *   node -r ./tools/register.js libs/messaging/bench/relay.bench.ts
 *
 * Catch-up: appends BENCH_EVENTS (20000) events over BENCH_STREAMS (200) streams, then starts the
 * relay from zero and times until every event is committed on the topic, for each batch size in
 * BENCH_BATCH_SIZES (100,500). Live: appends BENCH_LIVE (300) single events one after another and
 * measures append → committed latency. Local stack only (127.0.0.1); everything it creates is
 * dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defineIntegrationEvent } from '@rhythm/contracts';
import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import { PostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionFromEnvironment } from '@rhythm/kafka-access';
import { logLevel } from 'kafkajs';
import { Client } from 'pg';
import { z } from 'zod';
import { postgresDurability } from '@rhythm/tools/postgres-durability';
import { ensureTopics, PostgresCheckpointStore, startRelay, type Relay } from '../src';

const intFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sizes = {
  events: intFromEnv('BENCH_EVENTS', 20_000),
  streams: intFromEnv('BENCH_STREAMS', 200),
  live: intFromEnv('BENCH_LIVE', 300),
  batchSizes: (process.env.BENCH_BATCH_SIZES ?? '100,500').split(',').map(Number),
};

const progressedV1 = defineIntegrationEvent({
  type: 'goals.key-result-progressed',
  version: 1,
  description: 'Benchmark event',
  schema: z.object({
    keyResultId: z.string(),
    from: z.number(),
    to: z.number(),
    comment: z.string(),
  }),
});

const event = (n: number): NewEvent => ({
  type: 'KeyResultProgressed',
  data: {
    keyResultId: `kr-${n}`,
    from: n % 100,
    to: (n % 100) + 1,
    comment: 'Steady progress after the guild sync; two blockers cleared this week.',
  },
  metadata: {
    eventId: randomUUID(),
    tenantId: 'org-bench',
    actor: 'person-42',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

const map = (recorded: RecordedEvent) =>
  progressedV1.envelope(recorded, recorded.data as z.input<typeof progressedV1.schema>);

const stackEnv = (): Record<string, string> => {
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS) return {};
  const root = path.join(__dirname, '..', '..', '..');
  const output = execFileSync('bash', [path.join(root, 'deploy/local/stack.sh'), 'env'], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    output
      .split('\n')
      .map((line) => /^export ([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2].replace(/^['"]|['"]$/g, '')]),
  );
};

const waitFor = async (relay: Relay, position: bigint) => {
  while ((relay.position() ?? -1n) < position) await new Promise((r) => setTimeout(r, 5));
};

const main = async () => {
  const env = { ...stackEnv(), ...process.env };
  const databaseUrl = env.DATABASE_URL as string;
  // The admin when the stack's broker authenticates (`stack.sh env`): the bench's topic is its own.
  const connection = kafkaConnectionFromEnvironment(env);
  if (![databaseUrl, ...connection.brokers].every((address) => address.includes('127.0.0.1'))) {
    throw new Error('The relay benchmark runs against the local stack on 127.0.0.1 only');
  }
  const kafka = kafkaClient(connection, { clientId: 'relay-bench', logLevel: logLevel.NOTHING });
  const probe = new Client({ connectionString: databaseUrl });
  await probe.connect();
  console.log(`Relay benchmark; ${await postgresDurability(probe).finally(() => probe.end())}.`);
  const suffix = Date.now().toString(36);
  const schema = `relay_bench_${suffix}`;
  const store = new PostgresEventStore({ connectionString: databaseUrl, schema });
  await store.migrate();
  const checkpoints = new PostgresCheckpointStore({ connectionString: databaseUrl, schema });
  await checkpoints.migrate();
  const topics: string[] = [];

  try {
    const perStream = Math.ceil(sizes.events / sizes.streams);
    for (let stream = 0; stream < sizes.streams; stream++) {
      const events = Array.from({ length: perStream }, (_, i) => event(stream * perStream + i));
      await store.append(`kr-${stream}`, events, { expectedRevision: 'no_stream' });
    }
    const head = (await store.headPosition()) as bigint;
    const total = perStream * sizes.streams;

    for (const batchSize of sizes.batchSizes) {
      const topic = `relay-bench-${suffix}-${batchSize}`;
      topics.push(topic);
      await ensureTopics(kafka, [topic], { numPartitions: 3 });
      const started = process.hrtime.bigint();
      const relay = await startRelay({
        name: topic,
        store,
        kafka,
        topic,
        map,
        checkpointStore: checkpoints,
        batchSize,
      });
      await waitFor(relay, head);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await relay.stop();
      console.log(
        `catch-up  batch ${String(batchSize).padStart(4)}: ${total} events in ${seconds.toFixed(2)} s = ` +
          `${Math.round(total / seconds)} events/s (including start-up and recovery)`,
      );
    }

    const topic = `relay-bench-${suffix}-live`;
    topics.push(topic);
    await ensureTopics(kafka, [topic], { numPartitions: 3 });
    await checkpoints.save(topic, head);
    const relay = await startRelay({
      name: topic,
      store,
      kafka,
      topic,
      map,
      checkpointStore: checkpoints,
    });
    const latencies: number[] = [];
    for (let n = 0; n < sizes.live; n++) {
      const started = process.hrtime.bigint();
      const { lastGlobalPosition } = await store.append('kr-live', [event(n)], {
        expectedRevision: 'any',
      });
      await waitFor(relay, lastGlobalPosition);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await relay.stop();
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(
      `live: ${sizes.live} single appends, append → committed on Kafka: ` +
        `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
    );
  } finally {
    await store.close();
    await checkpoints.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
