import { testKafkaClient, uniqueName } from './infrastructure';

/** One message of a topic, as a downstream consumer receives it. */
export type TopicMessage = Readonly<{
  partition: number;
  offset: string;
  key: string | undefined;
  value: string;
  headers: Readonly<Record<string, string>>;
}>;

type Admin = ReturnType<ReturnType<typeof testKafkaClient>['admin']>;

/**
 * The end offset of each partition that holds anything. The admin's offsets are the last stable
 * ones (read_committed): a producer's `commit()` returns before the broker has written the
 * transaction's markers, so just after a commit the end may still stop before that transaction.
 * Reading until two answers a moment apart agree waits the markers out.
 */
const settledEnds = async (admin: Admin, topic: string): Promise<Map<number, bigint>> => {
  const endsNow = async () =>
    new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter(({ low, high }) => BigInt(high) > BigInt(low))
        .map(({ partition, high }) => [partition, BigInt(high)]),
    );
  const same = (a: Map<number, bigint>, b: Map<number, bigint>) =>
    a.size === b.size && [...a].every(([partition, end]) => b.get(partition) === end);
  let ends = await endsNow();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await endsNow();
    if (same(ends, again)) return ends;
    ends = again;
  }
  return ends;
};

/**
 * Reads a whole topic from the beginning with a plain kafkajs consumer (read_committed, as any
 * downstream consumer), up to the end offsets it had when the read began. Independent of the
 * relay's own Kafka code on purpose.
 */
export const readTopic = async (
  topic: string,
  options: Readonly<{ timeoutMs?: number }> = {},
): Promise<TopicMessage[]> => {
  const kafka = testKafkaClient('topic-reader');
  const admin = kafka.admin();
  await admin.connect();
  const groupId = uniqueName('topic_reader');
  try {
    const ends = await settledEnds(admin, topic);
    const messages: TopicMessage[] = [];
    if (ends.size === 0) return messages;

    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, readUncommitted: false });
    let reachedEnd: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (reachedEnd = resolve));
    // Transaction markers take offsets no consumer sees: the end counts as reached when a fetched
    // batch, of messages or of markers only, reaches the offset before the planned end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const end = ends.get(payload.partition);
      if (end !== undefined && BigInt(payload.lastOffset) >= end - 1n)
        ends.delete(payload.partition);
      if (ends.size === 0) reachedEnd();
    });
    const planned = new Map(ends);
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: ({ partition, message }) => {
          const end = planned.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return Promise.resolve();
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString(),
            value: message.value?.toString() ?? '',
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]),
            ),
          });
          return Promise.resolve();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        done,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Reading ${topic} to its end took over ${options.timeoutMs}`)),
            options.timeoutMs ?? 60_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
    } finally {
      await consumer.disconnect();
    }
    return messages;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};
