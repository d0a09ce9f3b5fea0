import { deadLetterTopicFor, publishingContexts, topicFor } from '@rhythm/contracts';
import type { Admin } from 'kafkajs';

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
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic })) });
  }
  return missing;
};
