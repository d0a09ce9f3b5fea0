import type { IntegrationEnvelope } from '@rhythm/contracts';
import { deadLetterTopicFor } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { leaveDeadMember } from '../testing/dead-group-member';
import {
  asMessage,
  createTopics,
  deleteTopics,
  expectEventually,
  noteEnvelope,
  publish,
  testContracts,
  testKafka,
  testMongo,
  uniqueName,
} from '../testing/messaging.fixture';
import { MongooseInboxStore } from './mongoose-inbox-store';
import { runConsumer, type RunningConsumer } from './run-consumer';

jest.setTimeout(120_000);

// ADR 0028: a replica restarted after kill -9 must not wait for its group at start-up. The group
// still holds the dead predecessor until that member's session expires; runConsumer resolves at
// once with the consumer joining, and it consumes once the group has let the dead member go.
describe('runConsumer after a member of its group was killed', () => {
  let kafka: Kafka;
  let mongo: Connection;
  let topic: string;
  let collection: string;
  let running: RunningConsumer | undefined;

  beforeAll(async () => {
    mongo = await testMongo();
  });

  afterAll(async () => {
    await mongo.close();
  });

  beforeEach(async () => {
    kafka = testKafka();
    topic = uniqueName('restart');
    collection = uniqueName('inbox');
    await createTopics(kafka, topic, deadLetterTopicFor(topic));
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await mongo.dropCollection(collection).catch(() => undefined);
    await deleteTopics(kafka, topic, deadLetterTopicFor(topic));
  });

  it('resolves while the group waits out the dead member, then consumes', async () => {
    const groupId = uniqueName('group');
    // Longer than anything runConsumer awaits: the join cannot have completed when it resolves.
    await leaveDeadMember(groupId, topic, 15_000);
    const inboxStore = new MongooseInboxStore(mongo, { collection });
    await inboxStore.ensureIndexes();
    const handled: IntegrationEnvelope[] = [];

    running = await runConsumer({
      kafka,
      groupId,
      topics: [topic],
      registry: testContracts,
      inboxStore,
      handle: (event) => {
        handled.push(event);
        return Promise.resolve();
      },
    });

    expect(running.membership.state).toBe('joining');
    const note = noteEnvelope(1);
    await publish(kafka, topic, [asMessage(note)]);
    await expectEventually(
      () => expect(handled.map((event) => event.eventId)).toEqual([note.eventId]),
      {
        timeoutMs: 60_000,
      },
    );
    expect(running.membership.state).toBe('consuming');
    expect(running.membership.describe()).toMatch(/^consuming \d+ partitions? for /);
  });
});
