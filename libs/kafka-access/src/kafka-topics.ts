import { deadLetterTopicFor, publishingContexts, topicFor } from '@rhythm/contracts';
import type { Admin, ITopicConfig } from 'kafkajs';

/** Each context's published topic and its dead-letter topic. */
export const provisionedTopics: readonly string[] = publishingContexts.flatMap((context) => [
  topicFor(context),
  deadLetterTopicFor(topicFor(context)),
]);

/**
 * Creates the published and dead-letter topics that do not exist yet, with the brokers' default
 * partitions and replication. Done by the admin with the grants: a consumer may not create the
 * topic it reads, so it must exist before the consumer that boots first.
 */
export const provisionTopics = async (admin: Admin): Promise<string[]> => {
  const existing = new Set(await admin.listTopics());
  const missing = provisionedTopics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await createTopicsWithLeaders(
      admin,
      missing.map((topic) => ({ topic })),
    );
  }
  return missing;
};

/** What a broker answers while a new topic's metadata has not reached it yet. */
const stillPropagating = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates the topics (an existing one is left as it is) and waits until every partition of each
 * has a leader. kafkajs's own wait (`waitForLeaders`) gives up when a broker that has not yet heard
 * of a new topic answers "This server does not host this topic-partition"; that is waited out
 * here, up to `timeoutMs`.
 */
export const createTopicsWithLeaders = async (
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 30_000,
): Promise<void> => {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((topic) => topic.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const led = metadata.topics.every(
        (topic) =>
          topic.partitions.length > 0 &&
          topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (metadata.topics.length === names.length && led) return;
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === undefined || !stillPropagating.has(type) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(`The leaders of ${names.join(', ')} were not elected within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
