import { integrationEnvelopeSchema } from '@rhythm/contracts';
import type { NewEvent, RecordedEvent } from '@rhythm/event-sourcing';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
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
  type ReadMessage,
  type TestEventStore,
} from '../testing/messaging.fixture';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { republishParkedEvents, startRelay, type Relay, type RelayOptions } from './relay';
import { relayMetrics } from './relay-observer';
import { PostgresRelayParking } from './relay-parked-events';

jest.setTimeout(120_000);

/** Notes of one tenant; the text says which note it is. */
const notesOf = (tenantId: string, ...texts: string[]): NewEvent[] =>
  noteEvents(texts.length).map((event, index) => ({
    ...event,
    data: { text: texts[index], n: index },
    metadata: { ...event.metadata, tenantId },
  }));

const textOf = (message: ReadMessage): string =>
  (integrationEnvelopeSchema.parse(JSON.parse(message.value ?? '')).data as { text: string }).text;

describe('relay parks what it cannot publish (PostgreSQL → Kafka)', () => {
  let kafka: Kafka;
  let eventStore: TestEventStore;
  let checkpoints: PostgresCheckpointStore;
  let parking: PostgresRelayParking;
  let topic: string;
  let relay: Relay | undefined;
  let registry: Registry;

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('parking');
    await createTopics(kafka, topic);
    eventStore = await testEventStore();
    const database = {
      connectionString: testInfrastructure.databaseUrl(),
      schema: eventStore.schema,
    };
    checkpoints = new PostgresCheckpointStore(database);
    await checkpoints.migrate();
    parking = new PostgresRelayParking(database);
    await parking.migrate();
    registry = new Registry();
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await eventStore.store.close();
    await checkpoints.close();
    await parking.close();
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
      parking,
      observer: relayMetrics(registry),
      batchSize: 50,
      ...options,
    });

  const append = (stream: string, events: NewEvent[]) =>
    eventStore.store.append(stream, events, { expectedRevision: 'any' });

  const caughtUp = async (current: Relay) => {
    const head = await eventStore.store.headPosition();
    await pollUntil(
      () => current.position(),
      (position) => position === head,
      { timeoutMs: 60_000, description: `relay at ${String(head)}` },
    );
  };

  /** Every event of these streams, as stored. */
  const recorded = async (...streams: string[]): Promise<RecordedEvent[]> =>
    (await Promise.all(streams.map((stream) => eventStore.store.readStream(stream)))).flat();

  const metric = async (name: string) =>
    (await registry.getSingleMetric(name)?.get())?.values.find(
      (entry) => entry.labels.relay === topic,
    )?.value;

  it('parks an event whose tenant id breaks the contract and publishes every later event of every tenant exactly once', async () => {
    const overLong = 'x'.repeat(200); // came in through a token before the edge refused it
    await append('note-a1', notesOf('acme', 'a1 first'));
    await append('note-bad', notesOf(overLong, 'bad first'));
    await append('note-g1', notesOf('globex', 'g1 first'));
    await append('note-bad', notesOf(overLong, 'bad second'));
    await append('note-a1', notesOf('acme', 'a1 second'));
    relay = await start();
    await caughtUp(relay);
    // Live, after the parking: the relay goes on for everybody else.
    await append('note-g1', notesOf('globex', 'g1 second'));
    await append('note-a2', notesOf('acme', 'a2 first'));
    await caughtUp(relay);

    const messages = await readTopic(kafka, topic);
    const healthy = (await recorded('note-a1', 'note-a2', 'note-g1')).map(
      (event) => event.metadata.eventId,
    );
    const published = messages.map((message) => message.headers['event-id']);
    expect([...published].sort()).toEqual([...healthy].sort()); // each once, none of note-bad
    expect(messages.filter((m) => m.key === 'note-g1').map(textOf)).toEqual([
      'g1 first',
      'g1 second',
    ]);

    const [bad, second] = await recorded('note-bad');
    expect(await parking.list(topic)).toEqual([
      expect.objectContaining({
        relay: topic,
        globalPosition: bad.globalPosition,
        streamId: 'note-bad',
        streamRevision: 0,
        tenantId: overLong,
        eventType: 'NoteAdded',
        eventId: bad.metadata.eventId,
        error: expect.stringMatching(/invalid envelope.*tenantId/s),
        failures: 1,
      }),
      // Its own tenant id is as long: parked for its own error, not only behind the first.
      expect.objectContaining({
        globalPosition: second.globalPosition,
        streamRevision: 1,
        error: expect.stringMatching(/invalid envelope.*tenantId/s),
        failures: 1,
      }),
    ]);
    expect(await relay.parked()).toBe(2);
    expect(await metric('rhythm_relay_parked_events_total')).toBe(2);
    expect(await metric('rhythm_relay_parked_events')).toBe(2);
    expect(await metric('rhythm_relay_failures_total')).toBeUndefined(); // no restart

    // Nothing can fix a tenant id in the store: replayed, it stays parked with its error.
    const outcomes = await republishParkedEvents({
      name: topic,
      store: eventStore.store,
      kafka,
      topic,
      map: mapTestEvent,
      parking,
      checkpointStore: checkpoints,
    });
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed-again', 'still-behind']);
    expect(await parking.list(topic)).toEqual([
      expect.objectContaining({ streamRevision: 0, failures: 2 }),
      expect.objectContaining({ streamRevision: 1, behind: bad.globalPosition }),
    ]);
    expect(await readTopic(kafka, topic)).toHaveLength(messages.length);
  });

  it('republishes parked events in stream order once the mapping is fixed, and the stream flows again', async () => {
    let fixed = false;
    // The bug: notes mentioning "poison" are mapped to data the contract refuses.
    const map: RelayOptions['map'] = (event) => {
      const envelope = mapTestEvent(event);
      if (fixed || !envelope || !(event.data as { text: string }).text.includes('poison')) {
        return envelope;
      }
      return { ...envelope, eventId: 'not-a-uuid' };
    };
    await append('note-p', notesOf('acme', 'p poison'));
    await append('note-q', notesOf('globex', 'q first'));
    await append('note-p', notesOf('acme', 'p second'));
    relay = await start({ map });
    await caughtUp(relay);
    await append('note-p', notesOf('acme', 'p third'));
    await caughtUp(relay);
    expect((await readTopic(kafka, topic)).map((m) => m.key)).toEqual(['note-q']);
    const [poison] = await recorded('note-p');
    expect(await parking.list(topic)).toEqual([
      expect.objectContaining({ streamRevision: 0, error: expect.stringMatching(/eventId/) }),
      // Mapped fine, but publishing them would overtake the poison: parked behind it.
      expect.objectContaining({ streamRevision: 1, behind: poison.globalPosition }),
      expect.objectContaining({ streamRevision: 2, behind: poison.globalPosition }),
    ]);
    expect(await relay.parked()).toBe(3);

    fixed = true;
    const outcomes = await republishParkedEvents({
      name: topic,
      store: eventStore.store,
      kafka,
      topic,
      map,
      parking,
      checkpointStore: checkpoints,
    });

    expect(outcomes.map((o) => o.outcome)).toEqual(['published', 'published', 'published']);
    expect(await parking.list(topic)).toEqual([]);
    expect(await relay.parked()).toBe(0);
    await append('note-p', notesOf('acme', 'p fourth'));
    await caughtUp(relay);
    const messages = await readTopic(kafka, topic);
    expect(messages.filter((m) => m.key === 'note-p').map(textOf)).toEqual([
      'p poison',
      'p second',
      'p third',
      'p fourth',
    ]);
    const ids = messages.map((message) => message.headers['event-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(5);
  });
});
