import type { IntegrationEnvelope } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';

/**
 * Reads the goals topic from the beginning (committed transactions only, as any consumer would)
 * until what was read satisfies `enough`; rejects with what it has after `timeoutMs`. Offsets
 * cannot be counted on a transactional topic: commit markers take offsets too.
 */
export const readGoalsTopicUntil = async (
  kafka: Kafka,
  topic: string,
  enough: (envelopes: readonly IntegrationEnvelope[]) => boolean,
  timeoutMs = 30_000,
): Promise<IntegrationEnvelope[]> => {
  const envelopes: IntegrationEnvelope[] = [];
  const consumer = kafka.consumer({
    groupId: `read-${topic}-${Date.now()}`,
    readUncommitted: false,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const types = envelopes.map((envelope) => envelope.type).join(', ');
        reject(new Error(`${topic}: not enough after ${timeoutMs} ms; read ${types}`));
      }, timeoutMs);
      void consumer.run({
        eachMessage: ({ message }) => {
          envelopes.push(JSON.parse(message.value?.toString() ?? '{}') as IntegrationEnvelope);
          if (enough(envelopes)) {
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
  return envelopes;
};
