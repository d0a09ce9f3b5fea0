import { headersOf, type IntegrationEnvelope } from '@rhythm/contracts';
import { Partitioners, type Kafka } from 'kafkajs';

export type RawMessage = Readonly<{ key: string; value: string; headers?: Record<string, string> }>;

/** An envelope as the org relay puts it on the topic: keyed by stream, with the usual headers. */
export const asOrgMessage = (envelope: IntegrationEnvelope): RawMessage => ({
  key: envelope.streamId,
  value: JSON.stringify(envelope),
  headers: headersOf(envelope),
});

/** Publishes in the given order (per partition), valid or not. */
export const publishToTopic = async (
  kafka: Kafka,
  topic: string,
  messages: readonly (IntegrationEnvelope | RawMessage)[],
): Promise<void> => {
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ('eventId' in message ? asOrgMessage(message) : message)),
    });
  } finally {
    await producer.disconnect();
  }
};

export type ReadBack = Readonly<{ key?: string; value?: string; headers: Record<string, string> }>;

/** Everything on the topic now (the dead-letter topic, say), read by a throw-away group. */
export const readWholeTopic = async (kafka: Kafka, topic: string): Promise<ReadBack[]> => {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  const messages: ReadBack[] = [];
  if (expected === 0) return messages;
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: read ${messages.length}/${expected}`)),
        30_000,
      );
      void consumer.run({
        eachMessage: ({ message }) => {
          messages.push({
            key: message.key?.toString(),
            value: message.value?.toString(),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            ),
          });
          if (messages.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
};
