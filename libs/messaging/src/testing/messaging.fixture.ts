import { ContractRegistry, defineIntegrationEvent, headersOf } from '@rhythm/contracts';
import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import { PostgresEventStore } from '@rhythm/event-store-postgres';
import { testInfrastructure, testKafkaClient, uniqueName } from '@rhythm/testing';
import { Partitioners, logLevel, type IHeaders, type Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { z } from 'zod';
import { ensureTopics } from '../kafka/kafka-topics';
import { partitionOffsets, readPartitions } from '../kafka/partition-reader';

export { expectEventually, pollUntil, testInfrastructure, uniqueName } from '@rhythm/testing';

/** The integration event the messaging tests publish and consume. */
export const noteAddedV1 = defineIntegrationEvent({
  type: 'org.note-added',
  version: 1,
  description: 'A note was added (test contract).',
  schema: z.object({ text: z.string(), n: z.number().int() }),
});
export const testContracts = new ContractRegistry([noteAddedV1]);

type NoteData = { text: string; n: number };

/** NoteAdded is public; InternalNoted stays inside its context. */
export const mapTestEvent = (recorded: RecordedEvent) =>
  recorded.type === 'NoteAdded'
    ? noteAddedV1.envelope(recorded, recorded.data as NoteData)
    : undefined;

export const noteEvents = (
  count: number,
  first = 0,
  type: 'NoteAdded' | 'InternalNoted' = 'NoteAdded',
): NewEvent[] =>
  Array.from({ length: count }, (_, index) => ({
    type,
    data: { text: `note ${first + index}`, n: first + index },
    metadata: {
      eventId: crypto.randomUUID(),
      tenantId: 'acme',
      actor: 'person-1',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      occurredAt: new Date().toISOString(),
    },
  }));

export const testKafka = (clientId = 'messaging-tests') =>
  testKafkaClient(clientId, { logLevel: logLevel.WARN });

export const createTopics = (kafka: Kafka, ...topics: string[]) =>
  ensureTopics(kafka, topics, { numPartitions: 3 });

export const deleteTopics = async (kafka: Kafka, ...topics: string[]) => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
};

export type ReadMessage = Readonly<{
  partition: number;
  offset: bigint;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}>;

/** Everything on the topic now, as a read_committed consumer (or not) sees it. */
export const readTopic = async (
  kafka: Kafka,
  topic: string,
  options: Readonly<{ readUncommitted?: boolean }> = {},
): Promise<ReadMessage[]> => {
  const messages: ReadMessage[] = [];
  const ranges = (await partitionOffsets(kafka, topic)).map(({ partition, low, high }) => ({
    partition,
    from: low,
    end: high,
  }));
  await readPartitions(
    kafka,
    topic,
    ranges,
    (partition, message) =>
      messages.push({
        partition,
        offset: BigInt(message.offset),
        key: message.key?.toString(),
        value: message.value?.toString(),
        headers: headerStrings(message.headers),
      }),
    { readUncommitted: options.readUncommitted ?? false, timeoutMs: 60_000 },
  );
  return messages.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
};

const headerStrings = (headers: IHeaders | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

export type TestEventStore = Readonly<{ store: PostgresEventStore; schema: string }>;

export const testEventStore = async (): Promise<TestEventStore> => {
  const schema = uniqueName('msg_es');
  const store = new PostgresEventStore({
    connectionString: testInfrastructure.databaseUrl(),
    schema,
    safetyPollIntervalMs: 500,
  });
  await store.migrate();
  return { store, schema };
};

export const dropSchemas = async (...schemas: string[]) => {
  const client = new Client({ connectionString: testInfrastructure.databaseUrl() });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
};

export const testMongo = () =>
  mongoose
    .createConnection(testInfrastructure.mongoUrl(), { serverSelectionTimeoutMS: 10_000 })
    .asPromise();

/** A valid envelope of the test contract, as the relay would publish it. */
export const noteEnvelope = (n: number, streamId = 'note-1') => ({
  eventId: crypto.randomUUID(),
  type: noteAddedV1.type,
  version: 1,
  tenantId: 'acme',
  streamId,
  streamRevision: n,
  globalPosition: String(1000 + n),
  actor: 'person-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  occurredAt: new Date().toISOString(),
  data: { text: `note ${n}`, n },
});

export type OutgoingMessage = Readonly<{
  key: string;
  value: string;
  headers?: Record<string, string>;
}>;

/** Publishes messages as they are (valid or not), in order, through a plain producer. */
export const publish = async (
  kafka: Kafka,
  topic: string,
  messages: readonly OutgoingMessage[],
) => {
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [...messages] });
  } finally {
    await producer.disconnect();
  }
};

export const asMessage = (envelope: ReturnType<typeof noteEnvelope>): OutgoingMessage => ({
  key: envelope.streamId,
  value: JSON.stringify(envelope),
  headers: headersOf(envelope),
});
