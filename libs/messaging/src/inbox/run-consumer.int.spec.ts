import { deadLetterTopicFor, type IntegrationEnvelope } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  asMessage,
  createTopics,
  deleteTopics,
  expectEventually,
  noteEnvelope,
  publish,
  readTopic,
  testContracts,
  testKafka,
  testMongo,
  uniqueName,
} from '../testing/messaging.fixture';
import { MongooseInboxStore } from './mongoose-inbox-store';
import { runConsumer, type RunConsumerOptions, type RunningConsumer } from './run-consumer';

jest.setTimeout(120_000);

describe('runConsumer (Kafka → inbox on FerretDB)', () => {
  let kafka: Kafka;
  let mongo: Connection;
  let topic: string;
  let collection: string;
  let inboxStore: MongooseInboxStore;
  const running: RunningConsumer[] = [];

  beforeAll(async () => {
    mongo = await testMongo();
  });

  afterAll(async () => {
    await mongo.close();
  });

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('inbox');
    await createTopics(kafka, topic, deadLetterTopicFor(topic));
    collection = uniqueName('inbox');
    inboxStore = new MongooseInboxStore(mongo, { collection });
    await inboxStore.ensureIndexes();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
    await mongo.dropCollection(collection).catch(() => undefined);
    await deleteTopics(kafka, topic, deadLetterTopicFor(topic));
  });

  const consume = async (
    handle: RunConsumerOptions['handle'],
    options: Partial<RunConsumerOptions> = {},
  ) => {
    const consumer = await runConsumer({
      kafka,
      groupId: uniqueName('group'),
      consumer: 'tests.notes',
      topics: [topic],
      registry: testContracts,
      inboxStore,
      handle,
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 1_000 },
      ...options,
    });
    running.push(consumer);
    return consumer;
  };

  const deadLetters = () => readTopic(kafka, deadLetterTopicFor(topic));

  it('handles an event once even when it is delivered twice, and again after a replay', async () => {
    const first = noteEnvelope(0);
    const second = noteEnvelope(1);
    await publish(kafka, topic, [asMessage(first), asMessage(first), asMessage(second)]);
    const handled: IntegrationEnvelope[] = [];
    const handle = (event: IntegrationEnvelope) => {
      handled.push(event);
      return Promise.resolve();
    };

    const consumer = await consume(handle);
    await expectEventually(() => expect(handled.map((e) => e.eventId)).toContain(second.eventId));

    // Same partition, in order: the duplicate came between the two and was skipped.
    expect(handled.map((e) => e.eventId)).toEqual([first.eventId, second.eventId]);
    expect(handled[0]).toEqual({ ...first, data: { text: 'note 0', n: 0 } });
    expect(await mongo.collection(collection).countDocuments({ consumer: 'tests.notes' })).toBe(2);

    // A new group reads the topic from the start (an offset reset): the inbox keeps it at once.
    await consumer.stop();
    running.splice(0);
    const third = noteEnvelope(2);
    await publish(kafka, topic, [asMessage(third)]);
    await consume(handle);
    await expectEventually(() => expect(handled.map((e) => e.eventId)).toContain(third.eventId));
    expect(handled.map((e) => e.eventId)).toEqual([first.eventId, second.eventId, third.eventId]);
  });

  it('retries a failing handler with backoff, then dead-letters it with headers and moves on', async () => {
    const failing = noteEnvelope(0);
    const next = noteEnvelope(1);
    await publish(kafka, topic, [asMessage(failing), asMessage(next)]);
    const attempts: number[] = [];
    const handled: string[] = [];

    await consume((event) => {
      if (event.eventId === failing.eventId) {
        attempts.push(Date.now());
        return Promise.reject(new Error('read model unavailable'));
      }
      handled.push(event.eventId);
      return Promise.resolve();
    });
    await expectEventually(() => expect(handled).toEqual([next.eventId]));

    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(45);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(95);
    const [letter, ...others] = await deadLetters();
    expect(others).toEqual([]);
    expect(letter.key).toBe(failing.streamId);
    expect(letter.value).toBe(JSON.stringify(failing));
    expect(letter.headers).toMatchObject({
      'event-id': failing.eventId,
      'dlq-original-topic': topic,
      'dlq-original-partition': expect.stringMatching(/^[0-2]$/),
      'dlq-original-offset': '0',
      'dlq-consumer': 'tests.notes',
      'dlq-reason': 'handler-failed',
      'dlq-error': 'read model unavailable',
      'dlq-attempts': '3',
    });
    expect(await mongo.collection(collection).countDocuments({ eventId: failing.eventId })).toBe(0);
  });

  it('dead-letters poison messages at once and keeps consuming', async () => {
    const valid = noteEnvelope(3);
    const poison = [
      { key: 'note-1', value: '{"eventId": "unterminated' },
      { key: 'note-1', value: JSON.stringify({ ...noteEnvelope(0), type: 'org.unknown-thing' }) },
      { key: 'note-1', value: JSON.stringify({ ...noteEnvelope(1), data: { text: 42 } }) },
      { key: 'note-1', value: JSON.stringify({ ...noteEnvelope(2), eventId: 'not-a-uuid' }) },
    ];
    await publish(kafka, topic, [...poison, asMessage(valid)]);
    let calls = 0;
    const handled: string[] = [];

    await consume((event) => {
      calls++;
      handled.push(event.eventId);
      return Promise.resolve();
    });
    await expectEventually(() => expect(handled).toEqual([valid.eventId]));

    expect(calls).toBe(1);
    const letters = await deadLetters();
    expect(letters.map((letter) => letter.value)).toEqual(poison.map((message) => message.value));
    expect(letters.map((letter) => letter.headers['dlq-reason'])).toEqual(Array(4).fill('poison'));
    expect(letters.map((letter) => letter.headers['dlq-attempts'])).toEqual(Array(4).fill('0'));
    expect(letters.map((letter) => letter.headers['dlq-original-offset'])).toEqual([
      '0',
      '1',
      '2',
      '3',
    ]);
    expect(letters[0].headers['dlq-error']).toContain('Not JSON');
    expect(letters[1].headers['dlq-error']).toContain('Unknown integration event type');
    expect(letters[2].headers['dlq-error']).toContain('violates the contract');
    expect(letters[3].headers['dlq-error']).toContain('Not an integration envelope');
  });
});
