import { kafkaClient, type KafkaConnection } from '@rhythm/kafka-access';
import { logLevel, type Kafka } from 'kafkajs';
import { PostgresCheckpointStore } from '../relay/postgres-checkpoint-store';
import { startRelay, type Relay } from '../relay/relay';
import {
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
import { ensureTopics } from './kafka-topics';

jest.setTimeout(120_000);

// Needs a broker that authenticates: the local stack after ADR 0035 (`stack.sh env` prints the
// principals' passwords). An older, plaintext stack is reported, by this suite's name, as not run.
const secured = testInfrastructure.kafkaPrincipal('org') !== undefined;
const suite = secured
  ? 'Kafka authentication and ACLs (docs/adr/0035)'
  : 'Kafka authentication and ACLs (docs/adr/0035) — NOT RUN: the brokers take no credentials ' +
    '(stack.sh env printed none); `bash deploy/local/stack.sh down kafka && bash deploy/local/stack.sh up` secures them';

/**
 * The brokers' error codes a client met: kafkajs reports a refused group coordinator lookup as
 * KafkaJSGroupCoordinatorNotFound and keeps the broker's code only in its debug log.
 */
const brokerCodes = new WeakMap<Kafka, string[]>();

/** A client of one principal that gives up soon: a refusal is an answer, not a hiccup. */
const clientOf = (
  connection: KafkaConnection | undefined,
  clientId: string,
  retries = 0,
): Kafka => {
  if (!connection) throw new Error('the brokers take no credentials');
  const codes: string[] = [];
  const kafka = kafkaClient(connection, {
    clientId,
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        const code = (log.error as { type?: unknown } | undefined)?.type;
        if (typeof code === 'string') codes.push(code);
      },
    retry: { retries },
    connectionTimeout: 3_000,
  });
  brokerCodes.set(kafka, codes);
  return kafka;
};
const as = (principal: string, retries = 0) =>
  clientOf(testInfrastructure.kafkaPrincipal(principal), `access-test-${principal}`, retries);

/** What a plain producer of this client meets when it writes one message to the topic. */
const write = async (kafka: Kafka, topic: string): Promise<string> => {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'access test' }] });
    return 'written';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
};

/** Subscribes in a group and waits for the first fetch: 'fetched', or why it was refused. */
const read = async (kafka: Kafka, topic: string, groupId: string): Promise<string> => {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<string>((resolve) => {
      consumer.on(consumer.events.FETCH, () => resolve('fetched'));
      // A refusal is final; a coordinator still loading on a fresh broker restarts the consumer.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) resolve(refusal(payload.error, kafka));
      });
      consumer.run({ eachMessage: () => Promise.resolve() }).catch((error: unknown) => {
        resolve(refusal(error, kafka));
      });
    });
  } catch (error) {
    return refusal(error, kafka);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
};

/** The broker's error code (TOPIC_AUTHORIZATION_FAILED…) or the client's error name. */
const refusal = (error: unknown, kafka?: Kafka): string => {
  const found = error as { type?: string; name?: string; cause?: unknown };
  if (found.name === 'KafkaJSGroupCoordinatorNotFound') {
    const code = kafka && brokerCodes.get(kafka)?.find((seen) => seen.endsWith('_FAILED'));
    if (code) return code;
  }
  return found.type ?? (found.cause ? refusal(found.cause) : (found.name ?? String(error)));
};

(secured ? describe : describe.skip)(suite, () => {
  const admin = testKafka('access-test-admin');
  const groups: string[] = [];
  const group = (principal: string) => {
    const id = `rhythm-${principal}.${uniqueName('access_test')}`;
    groups.push(id);
    return id;
  };

  afterAll(async () => {
    const client = admin.admin();
    await client.connect();
    await client.deleteGroups(groups).catch(() => undefined);
    await client.disconnect();
  });

  it("refuses a service's write to another context's topic (TopicAuthorizationFailed)", async () => {
    expect(await write(as('goals'), 'rhythm.org.events')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(as('org'), 'rhythm.goals.events')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(as('goals'), 'rhythm.recognition.events')).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('refuses a read of a topic the service does not consume, and a group not its own', async () => {
    expect(await read(as('org'), 'rhythm.goals.events', group('org'))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await read(as('goals'), 'rhythm.recognition.events', group('goals'))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await read(as('goals'), 'rhythm.org.events', group('org'))).toBe(
      'GROUP_AUTHORIZATION_FAILED',
    );
    // What it consumes, in a group of its own, it reads.
    expect(await read(as('goals', 5), 'rhythm.org.events', group('goals'))).toBe('fetched');
  });

  it('lets analytics read rhythm.org.events, but not write it nor read a dead-letter topic', async () => {
    const analytics = as('analytics');

    expect(await read(as('analytics', 5), 'rhythm.org.events', group('analytics'))).toBe('fetched');
    expect(await write(analytics, 'rhythm.org.events')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(analytics, 'rhythm.org.events.dlq', group('analytics'))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('refuses a client without credentials, and one with a wrong password', async () => {
    // The same brokers and TLS settings, without the SASL login or with a guessed password.
    const { sasl, ...anonymous } = testInfrastructure.kafkaConnection();
    const guessed = { ...anonymous, sasl: { ...sasl!, username: 'org', password: 'guessed' } };

    expect(await write(clientOf(anonymous, 'access-test-anonymous'), 'rhythm.org.events')).toBe(
      'KafkaJSConnectionClosedError',
    );
    expect(await write(clientOf(guessed, 'access-test-guessed'), 'rhythm.org.events')).toBe(
      'KafkaJSSASLAuthenticationError',
    );
  });

  describe("the org relay as the org principal, on a topic under org's prefix", () => {
    const topic = uniqueName('rhythm.org.access_test');
    let eventStore: TestEventStore;
    let checkpoints: PostgresCheckpointStore;
    let relay: Relay | undefined;
    const org = testInfrastructure.kafkaPrincipal('org');

    beforeAll(async () => {
      eventStore = await testEventStore();
      checkpoints = new PostgresCheckpointStore({
        connectionString: testInfrastructure.databaseUrl(),
        schema: eventStore.schema,
      });
      await checkpoints.migrate();
    });

    afterAll(async () => {
      await relay?.stop();
      await eventStore.store.close();
      await checkpoints.close();
      await deleteTopics(admin, topic);
      await dropSchemas(eventStore.schema);
    });

    const startOrgRelay = () =>
      startRelay({
        // Its name gives the tail reader's group, `rhythm-org.relay-tail…`: org's own.
        name: 'org',
        store: eventStore.store,
        kafka: kafkaClient(org!, { clientId: 'access-test-org-relay', logLevel: logLevel.NOTHING }),
        topic,
        map: mapTestEvent,
        checkpointStore: checkpoints,
        transactionalId: `rhythm-relay-org-${eventStore.schema}`,
        batchSize: 10,
      });

    const caughtUp = async (current: Relay) => {
      const head = await eventStore.store.headPosition();
      await pollUntil(
        () => current.position(),
        (position) => position === head,
        { timeoutMs: 60_000, description: `relay at ${String(head)}` },
      );
    };

    it('creates its topic, publishes in transactions and resumes from the tail after a restart', async () => {
      await ensureTopics(
        kafkaClient(org!, { clientId: 'access-test-org', logLevel: logLevel.NOTHING }),
        [topic],
      );
      await eventStore.store.append('note-a', noteEvents(3), { expectedRevision: 'no_stream' });
      relay = await startOrgRelay();
      await caughtUp(relay);
      await relay.stop();

      // A restart reads the committed tail in a throwaway group under org's prefix.
      await eventStore.store.append('note-a', noteEvents(2, 3), { expectedRevision: 2 });
      relay = await startOrgRelay();
      await caughtUp(relay);

      const published = await readTopic(admin, topic);
      const numbers = published.map(
        (message) => (JSON.parse(message.value ?? '{}') as { data: { n: number } }).data.n,
      );
      expect(numbers).toEqual([0, 1, 2, 3, 4]);
    });

    it("refuses org's transactional ids to goals, and goals' relay a write to org's topic", async () => {
      /** One transaction of a goals relay with this id, writing to the target topic. */
      const attempt = async (transactionalId: string, target: string) => {
        // An idempotent producer needs retries.
        const goals = as('goals', 2);
        const producer = goals.producer({
          transactionalId,
          idempotent: true,
          maxInFlightRequests: 1,
        });
        try {
          await producer.connect();
          const transaction = await producer.transaction();
          await transaction
            .send({ topic: target, messages: [{ key: 'k', value: 'access test' }] })
            .catch(async (error: unknown) => {
              await transaction.abort().catch(() => undefined);
              throw error;
            });
          await transaction.commit();
          return 'committed';
        } catch (error) {
          return refusal(error, goals);
        } finally {
          await producer.disconnect().catch(() => undefined);
        }
      };

      expect(await attempt(`rhythm-relay-org-${eventStore.schema}`, 'rhythm.goals.events')).toBe(
        'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
      );
      expect(await attempt(`rhythm-relay-goals-${eventStore.schema}`, 'rhythm.org.events')).toBe(
        'TOPIC_AUTHORIZATION_FAILED',
      );
    });
  });
});
