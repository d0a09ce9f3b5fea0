import { Registry } from 'prom-client';
import { ContextRelay } from './context-relay';
import {
  createTopics,
  deleteTopics,
  dropSchemas,
  expectEventually,
  mapTestEvent,
  noteEvents,
  readTopic,
  testEventStore,
  testInfrastructure,
  testKafka,
  uniqueName,
  type TestEventStore,
} from '../testing/messaging.fixture';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Two replicas of one service's relay on one event store and one topic (the manifests run two):
 * one publishes, the other stands by ready, and takes over when the first stops. Without the
 * lease both published with one transactional id and fenced each other ("old epoch").
 */
describe('ContextRelay replicas', () => {
  const kafka = testKafka('context-relay-tests');
  let events: TestEventStore;
  let topic: string;
  const relays: ContextRelay[] = [];

  beforeEach(async () => {
    events = await testEventStore();
    topic = uniqueName('context_relay');
    await createTopics(kafka, topic);
  });

  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    await events.store.close();
    await deleteTopics(kafka, topic);
    await dropSchemas(events.schema);
  });

  const replica = (metrics: Registry) => {
    const relay = new ContextRelay({
      context: 'notes',
      store: events.store,
      kafka,
      topic,
      streamPrefixes: ['note-'],
      map: mapTestEvent,
      databaseUrl: testInfrastructure.databaseUrl(),
      schema: events.schema,
      logger: silent,
      metrics,
      lease: { pollIntervalMs: 100, checkIntervalMs: 100 },
    });
    relays.push(relay);
    return relay;
  };

  const failures = async (metrics: Registry) =>
    (await metrics.getSingleMetric('rhythm_relay_failures_total')!.get()).values.reduce(
      (sum, sample) => sum + sample.value,
      0,
    );

  it('publishes from one replica; the other stands by, ready, and takes over when it stops', async () => {
    const registries = [new Registry(), new Registry()];
    const [a, b] = registries.map(replica);
    await a.start();
    await b.start();

    expect([a.lease.state, b.lease.state]).toEqual(['held', 'standby']);
    await expect(b.healthCheck().check()).resolves.toEqual({
      note: `standby for relay:notes:${events.schema}: another replica holds it`,
    });
    await expect(a.healthCheck().check()).resolves.toBeUndefined();

    await events.store.append('note-1', noteEvents(20, 0), { expectedRevision: 'any' });
    await expectEventually(async () => expect(await readTopic(kafka, topic)).toHaveLength(20));
    await a.stop();
    await events.store.append('note-1', noteEvents(20, 20), { expectedRevision: 'any' });

    await expectEventually(async () => expect(await readTopic(kafka, topic)).toHaveLength(40), {
      timeoutMs: 30_000,
    });
    const published = (await readTopic(kafka, topic)).map(
      (message) => (JSON.parse(message.value!) as { data: { n: number } }).data.n,
    );
    expect(published).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(b.lease.state).toBe('held');
    expect([await failures(registries[0]), await failures(registries[1])]).toEqual([0, 0]);
  });
});
