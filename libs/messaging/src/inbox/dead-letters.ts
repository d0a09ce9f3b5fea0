import { deadLetterHeaders, deadLetterTopicFor, type DeadLetterReason } from '@rhythm/contracts';
import type { Producer } from 'kafkajs';
import { rawValueOf, type KafkaDelivery } from './kafka-delivery';

export type DeadLetter = Readonly<{
  delivery: KafkaDelivery;
  consumer: string;
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  failedAt: Date;
}>;

export type DeadLetterPublisher = (letter: DeadLetter) => Promise<void>;

const maxErrorLength = 2_000;

/**
 * Publishes to `<topic>.dlq` with the original key, value and headers, plus dlq-* headers, so a
 * dead letter can be inspected and replayed as it was.
 */
export const deadLettersVia =
  (producer: Producer): DeadLetterPublisher =>
  async ({ delivery, consumer, reason, error, attempts, failedAt }) => {
    await producer.send({
      topic: deadLetterTopicFor(delivery.topic),
      acks: -1,
      messages: [
        {
          key: delivery.key,
          value: rawValueOf(delivery),
          headers: {
            ...delivery.headers,
            [deadLetterHeaders.originalTopic]: delivery.topic,
            [deadLetterHeaders.originalPartition]: String(delivery.partition),
            [deadLetterHeaders.originalOffset]: delivery.offset,
            [deadLetterHeaders.consumer]: consumer,
            [deadLetterHeaders.reason]: reason,
            [deadLetterHeaders.error]: error.slice(0, maxErrorLength),
            [deadLetterHeaders.attempts]: String(attempts),
            [deadLetterHeaders.failedAt]: failedAt.toISOString(),
          },
        },
      ],
    });
  };
