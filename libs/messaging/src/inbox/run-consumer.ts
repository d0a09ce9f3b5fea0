import type { ContractRegistry } from '@rhythm/contracts';
import { Partitioners, type Kafka } from 'kafkajs';
import { ConsumerGroupMembership } from '../kafka/consumer-group-membership';
import { consumerGroupTiming, consumerRetry, sessionTimeoutFor } from '../kafka/kafka-recovery';
import { errorMessage, silentLogger, type MessagingLogger } from '../messaging-logger';
import { deadLettersVia } from './dead-letters';
import type { InboxStore } from './inbox-store';
import {
  IntegrationEventInbox,
  type InboxObserver,
  type IntegrationEventHandlerFn,
} from './integration-event-inbox';
import { deliveryOf } from './kafka-delivery';
import type { RetryPolicy } from './retry-policy';

export type RunConsumerOptions = Readonly<{
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  /** Name of the effect in the inbox (dedupe scope). Default: the group id. */
  consumer?: string;
  registry: ContractRegistry;
  inboxStore: InboxStore;
  handle: IntegrationEventHandlerFn;
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
  observer?: InboxObserver;
  /** Where a new group starts. Default true: a new consumer sees the retained history. */
  fromBeginning?: boolean;
  /** Default: the shortest the brokers allow, at least 3 s (kafka-recovery.ts). */
  sessionTimeoutMs?: number;
}>;

export type RunningConsumer = Readonly<{
  /** Lets the message in hand finish, leaves the group, closes the connections. */
  stop: () => Promise<void>;
  /** Where the consumer stands in its group; `joining` until its first assignment. */
  membership: ConsumerGroupMembership;
}>;

/**
 * A Kafka consumer without NestJS, through the same inbox as the Nest transport. kafkajs marks an
 * offset for commit only after eachMessage resolved, so offsets never run ahead of stored effects.
 *
 * Resolves once connected and subscribed; the group join goes on in the background, so that a
 * service restarted after kill -9 serves HTTP while the group waits out its dead predecessor
 * (docs/adr/0028). kafkajs restarts a crashed consumer itself.
 */
export const runConsumer = async (options: RunConsumerOptions): Promise<RunningConsumer> => {
  const consumerName = options.consumer ?? options.groupId;
  const logger = options.logger ?? silentLogger;
  const inbox = new IntegrationEventInbox({
    registry: options.registry,
    store: options.inboxStore,
    retry: options.retry,
    logger: options.logger,
    observer: options.observer,
  });
  const sessionTimeoutMs =
    options.sessionTimeoutMs ?? (await sessionTimeoutFor(options.kafka.admin()));
  let stopping = false;
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    readUncommitted: false,
    ...consumerGroupTiming(sessionTimeoutMs),
    retry: consumerRetry(() => Promise.resolve(!stopping)),
  });
  const membership = new ConsumerGroupMembership(consumer);
  const producer = options.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const deadLetters = deadLettersVia(producer);

  await producer.connect();
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...options.topics],
      fromBeginning: options.fromBeginning ?? true,
    });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
  void consumer
    .run({
      eachMessage: async (payload) => {
        const delivery = deliveryOf(payload.topic, payload.partition, payload.message);
        await inbox.receive(consumerName, delivery, options.handle, {
          deadLetters,
          heartbeat: () => payload.heartbeat(),
        });
      },
    })
    // kafkajs reports a failed join as a crash (membership); this is a misuse, not a join.
    .catch((error: unknown) =>
      logger.error(
        { groupId: options.groupId, error: errorMessage(error) },
        'The Kafka consumer did not start',
      ),
    );
  logger.info(
    { groupId: options.groupId, topics: options.topics, sessionTimeoutMs },
    'Kafka consumer joining its group',
  );

  return {
    membership,
    stop: async () => {
      stopping = true;
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
};
