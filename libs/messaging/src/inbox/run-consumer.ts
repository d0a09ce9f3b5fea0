import type { ContractRegistry } from '@rhythm/contracts';
import { Partitioners, type Kafka } from 'kafkajs';
import type { MessagingLogger } from '../messaging-logger';
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
  sessionTimeoutMs?: number;
}>;

export type RunningConsumer = Readonly<{
  /** Lets the message in hand finish, leaves the group, closes the connections. */
  stop: () => Promise<void>;
}>;

/**
 * A Kafka consumer without NestJS, through the same inbox as the Nest transport. kafkajs marks an
 * offset for commit only after eachMessage resolved, so offsets never run ahead of stored effects.
 */
export const runConsumer = async (options: RunConsumerOptions): Promise<RunningConsumer> => {
  const consumerName = options.consumer ?? options.groupId;
  const inbox = new IntegrationEventInbox({
    registry: options.registry,
    store: options.inboxStore,
    retry: options.retry,
    logger: options.logger,
    observer: options.observer,
  });
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    readUncommitted: false,
    ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs } : {}),
  });
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
    await consumer.run({
      eachMessage: async (payload) => {
        const delivery = deliveryOf(payload.topic, payload.partition, payload.message);
        await inbox.receive(consumerName, delivery, options.handle, {
          deadLetters,
          heartbeat: () => payload.heartbeat(),
        });
      },
    });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    throw error;
  }

  return {
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
};
