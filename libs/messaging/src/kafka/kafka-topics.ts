import { createTopicsWithLeaders } from '@rhythm/kafka-access';
import type { Kafka } from 'kafkajs';

export type EnsureTopicsOptions = Readonly<{
  /** Partitions of a new topic; existing topics are left as they are. */
  numPartitions?: number;
  replicationFactor?: number;
}>;

/**
 * Creates the topics that do not exist yet and waits for their leaders. Services call it at boot
 * for the topics they publish and their dead-letter topics, instead of relying on auto-creation.
 */
export const ensureTopics = async (
  kafka: Kafka,
  topics: readonly string[],
  options: EnsureTopicsOptions = {},
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await createTopicsWithLeaders(
      admin,
      missing.map((topic) => ({
        topic,
        numPartitions: options.numPartitions ?? 3,
        replicationFactor: options.replicationFactor ?? 1,
      })),
    );
  } finally {
    await admin.disconnect();
  }
};
