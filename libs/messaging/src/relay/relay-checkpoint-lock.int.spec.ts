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
  testEventStore,
  testInfrastructure,
  testKafka,
  uniqueName,
  type TestEventStore,
} from '../testing/messaging.fixture';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { startRelay, type Relay } from './relay';

jest.setTimeout(120_000);

// ADR 0028: no store call of the relay waits without a bound. A lock someone holds on the
// checkpoint row fails the relay's save after lock_timeout; the relay restarts with back-off and
// recovers its position from Kafka, so nothing is lost or published twice.
describe('relay checkpoint save under a held row lock', () => {
  let kafka: Kafka;
  let eventStore: TestEventStore;
  let checkpoints: PostgresCheckpointStore;
  let topic: string;
  let relay: Relay | undefined;
  let locker: Client | undefined;

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('relay_lock');
    await createTopics(kafka, topic);
    eventStore = await testEventStore();
    checkpoints = new PostgresCheckpointStore({
      connectionString: testInfrastructure.databaseUrl(),
      schema: eventStore.schema,
      lockTimeoutMs: 300,
    });
    await checkpoints.migrate();
  });

  afterEach(async () => {
    await locker?.end().catch(() => undefined);
    locker = undefined;
    await relay?.stop();
    relay = undefined;
    await eventStore.store.close();
    await checkpoints.close();
    await deleteTopics(kafka, topic);
    await dropSchemas(eventStore.schema);
  });

  const savedCheckpoint = async () => (await checkpoints.load(topic)) ?? 0n;

  it('fails the save with a lock timeout instead of waiting, then publishes once the lock is gone', async () => {
    const failures: unknown[] = [];
    relay = await startRelay({
      name: topic,
      store: eventStore.store,
      kafka,
      topic,
      map: mapTestEvent,
      checkpointStore: checkpoints,
      batchSize: 20,
      restartDelayMs: 100,
      observer: { failed: ({ error }) => failures.push(error) },
    });
    await eventStore.store.append('note-a', noteEvents(10), { expectedRevision: 'no_stream' });
    const before = await eventStore.store.headPosition();
    await pollUntil(savedCheckpoint, (position) => position === before, {
      timeoutMs: 60_000,
      description: 'the first checkpoint',
    });

    // Another session holds the checkpoint row, as a stuck migration or a careless psql might.
    locker = new Client({ connectionString: testInfrastructure.databaseUrl() });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(
      `SELECT position FROM "${eventStore.schema}".relay_checkpoints WHERE name = $1 FOR UPDATE`,
      [topic],
    );
    await eventStore.store.append('note-a', noteEvents(10, 10), { expectedRevision: 9 });

    const lockTimeouts = await pollUntil(
      () =>
        Promise.resolve(failures.filter((error) => (error as { code?: string }).code === '55P03')),
      (timeouts) => timeouts.length >= 2,
      { timeoutMs: 60_000, description: 'the save to fail on the held lock, twice' },
    );
    expect((lockTimeouts[0] as Error).message).toMatch(/lock timeout/);
    // Published to Kafka, but the row could not move while the lock was held.
    expect(await savedCheckpoint()).toBe(before);

    await locker.query('ROLLBACK');
    await eventStore.store.append('note-b', noteEvents(5, 20), { expectedRevision: 'no_stream' });
    const head = await eventStore.store.headPosition();
    await pollUntil(savedCheckpoint, (position) => position === head, {
      timeoutMs: 60_000,
      description: 'the relay to publish and checkpoint after the lock is released',
    });

    const messages = await readTopic(kafka, topic);
    const eventIds = messages.map((message) => message.headers['event-id']);
    expect(eventIds).toHaveLength(25);
    expect(new Set(eventIds).size).toBe(25);
  });
});
