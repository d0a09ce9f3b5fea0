import { integrationEnvelopeSchema } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  createTopics,
  deleteTopics,
  dropSchemas,
  mapTestEvent,
  noteEvents,
  pollUntil,
  readTopic,
  testContracts,
  testEventStore,
  testInfrastructure,
  testKafka,
  uniqueName,
  type ReadMessage,
  type TestEventStore,
} from '../testing/messaging.fixture';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { startRelay, type Relay, type RelayOptions } from './relay';
import type { RelayBatch } from './relay-observer';

jest.setTimeout(120_000);

describe('relay (PostgreSQL event store → Kafka)', () => {
  let kafka: Kafka;
  let eventStore: TestEventStore;
  let checkpoints: PostgresCheckpointStore;
  let topic: string;
  let relay: Relay | undefined;

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('relay');
    await createTopics(kafka, topic);
    eventStore = await testEventStore();
    checkpoints = new PostgresCheckpointStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema: eventStore.schema,
    });
    await checkpoints.migrate();
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await eventStore.store.close();
    await checkpoints.close();
    await deleteTopics(kafka, topic);
    await dropSchemas(eventStore.schema);
  });

  const start = (options: Partial<RelayOptions> = {}) =>
    startRelay({
      name: topic,
      store: eventStore.store,
      kafka,
      topic,
      map: mapTestEvent,
      checkpointStore: checkpoints,
      batchSize: 50,
      ...options,
    });

  const caughtUp = async (current: Relay) => {
    const head = await eventStore.store.headPosition();
    await pollUntil(
      () => current.position(),
      (position) => position === head,
      { timeoutMs: 60_000, description: `relay at ${String(head)}` },
    );
  };

  const eventIds = (messages: readonly ReadMessage[]) =>
    messages.map((message) => message.headers['event-id']);

  it('publishes each public event once, keyed by stream, in stream order, with headers', async () => {
    const streams = ['note-a', 'note-b', 'note-c', 'note-d'];
    for (const [index, stream] of streams.entries()) {
      await eventStore.store.append(stream, noteEvents(30, index * 100), {
        expectedRevision: 'no_stream',
      });
      await eventStore.store.append(stream, noteEvents(5, 0, 'InternalNoted'), {
        expectedRevision: 29,
      });
    }
    const batches: RelayBatch[] = [];
    relay = await start({ observer: { batchPublished: (batch) => batches.push(batch) } });
    await caughtUp(relay);
    // Live: events appended after catch-up.
    await eventStore.store.append('note-a', noteEvents(3, 1000), { expectedRevision: 34 });
    await caughtUp(relay);

    const messages = await readTopic(kafka, topic);

    const recorded = await Promise.all(streams.map((s) => eventStore.store.readStream(s)));
    const published = recorded.flat().filter((event) => event.type === 'NoteAdded');
    expect(messages).toHaveLength(published.length);
    expect(new Set(eventIds(messages)).size).toBe(published.length);
    for (const stream of streams) {
      const ofStream = messages.filter((message) => message.key === stream);
      expect(new Set(ofStream.map((message) => message.partition)).size).toBe(1);
      const revisions = ofStream.map(
        (message) =>
          integrationEnvelopeSchema.parse(JSON.parse(message.value ?? '')).streamRevision,
      );
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    }

    const first = published[0];
    const message = messages.find((m) => m.headers['event-id'] === first.metadata.eventId);
    expect(message?.headers).toEqual({
      'event-id': first.metadata.eventId,
      'event-type': 'org.note-added',
      'event-version': '1',
      'tenant-id': 'acme',
      'correlation-id': 'corr-1',
      'causation-id': 'cmd-1',
      'global-position': first.globalPosition.toString(),
      'content-type': 'application/json',
    });
    const parsed = testContracts.parse(JSON.parse(message?.value ?? ''));
    expect(parsed.envelope).toMatchObject({
      eventId: first.metadata.eventId,
      type: 'org.note-added',
      version: 1,
      streamId: first.streamId,
      streamRevision: first.streamRevision,
      globalPosition: first.globalPosition.toString(),
      data: first.data,
    });

    expect(batches.reduce((sum, batch) => sum + batch.events, 0)).toBe(143);
    expect(batches.reduce((sum, batch) => sum + batch.published, 0)).toBe(123);
    expect(Math.max(...batches.map((batch) => batch.events))).toBe(50);
    expect(await checkpoints.load(topic)).toBe(await eventStore.store.headPosition());
  });

  it('resumes after its checkpoint when restarted', async () => {
    await eventStore.store.append('note-a', noteEvents(40), { expectedRevision: 'no_stream' });
    relay = await start();
    await caughtUp(relay);
    await relay.stop();

    await eventStore.store.append('note-a', noteEvents(40, 40), { expectedRevision: 39 });
    relay = await start();
    await caughtUp(relay);

    const ids = eventIds(await readTopic(kafka, topic));
    expect(ids).toHaveLength(80);
    expect(new Set(ids).size).toBe(80);
  });

  it('publishes nothing twice when its PostgreSQL checkpoint fell behind Kafka', async () => {
    // A crash after the Kafka commit and before the checkpoint save leaves exactly this state.
    await eventStore.store.append('note-a', noteEvents(120), { expectedRevision: 'no_stream' });
    relay = await start();
    await caughtUp(relay);
    await relay.stop();
    const stale = (await eventStore.store.readStream('note-a'))[9].globalPosition;
    await rewindCheckpoint(eventStore.schema, topic, stale);
    expect(await checkpoints.load(topic)).toBe(stale);

    await eventStore.store.append('note-a', noteEvents(5, 120), { expectedRevision: 119 });
    relay = await start();
    await caughtUp(relay);

    const ids = eventIds(await readTopic(kafka, topic));
    expect(ids).toHaveLength(125);
    expect(new Set(ids).size).toBe(125);
  });

  it('publishes only the streams it is given', async () => {
    await eventStore.store.append('note-a', noteEvents(3), { expectedRevision: 'no_stream' });
    await eventStore.store.append('other-a', noteEvents(3), { expectedRevision: 'no_stream' });
    relay = await start({ streamPrefixes: ['note-'] });
    await eventStore.store.append('note-b', noteEvents(2), { expectedRevision: 'no_stream' });
    const lastNote = (await eventStore.store.readStream('note-b'))[1].globalPosition;
    await pollUntil(
      () => relay?.position(),
      (position) => position === lastNote,
      { timeoutMs: 30_000 },
    );

    const keys = (await readTopic(kafka, topic)).map((message) => message.key);
    expect(keys.sort()).toEqual(['note-a', 'note-a', 'note-a', 'note-b', 'note-b']);
  });
});

const rewindCheckpoint = async (schema: string, name: string, position: bigint) => {
  const client = new Client({ connectionString: testInfrastructure.databaseUrl() });
  await client.connect();
  await client.query(`UPDATE "${schema}".relay_checkpoints SET position = $2 WHERE name = $1`, [
    name,
    position.toString(),
  ]);
  await client.end();
};
