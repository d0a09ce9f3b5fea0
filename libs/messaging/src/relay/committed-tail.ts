import { integrationHeaders } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';

export type CommittedTailOptions = Readonly<{
  /** Offsets read back from the end of each partition at first; grows while nothing is found. */
  window: number;
  timeoutMs?: number;
}>;

type PartitionRange = Readonly<{ partition: number; low: bigint; high: bigint }>;

/**
 * The highest `global-position` header among the committed messages of a topic: the position of
 * the last event a relay published. Reads only the tail of each partition, with isolation
 * read_committed, so the messages of an aborted (or never finished) transaction do not count.
 *
 * Call it after the relay's transactional producer has fenced its predecessor: then no transaction
 * of this relay is left open, and the tail is final.
 */
export const highestCommittedPosition = async (
  kafka: Kafka,
  topic: string,
  options: CommittedTailOptions,
): Promise<bigint | undefined> => {
  const admin = kafka.admin();
  await admin.connect();
  let ranges: PartitionRange[];
  try {
    ranges = (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
      partition,
      low: BigInt(low),
      high: BigInt(high),
    }));
  } finally {
    await admin.disconnect();
  }

  let highest: bigint | undefined;
  let window = BigInt(Math.max(1, options.window));
  let remaining = ranges.filter((range) => range.high > range.low);
  while (remaining.length > 0) {
    const from = (range: PartitionRange) =>
      range.high - window > range.low ? range.high - window : range.low;
    const found = await scanTails(
      kafka,
      topic,
      remaining.map((range) => ({ ...range, from: from(range) })),
      options.timeoutMs ?? 30_000,
    );
    const unresolved: PartitionRange[] = [];
    for (const range of remaining) {
      const position = found.get(range.partition);
      if (position !== undefined) {
        if (highest === undefined || position > highest) highest = position;
      } else if (from(range) > range.low) {
        // Only aborted messages and markers in the window: look further back.
        unresolved.push(range);
      }
    }
    remaining = unresolved;
    window *= 4n;
  }
  return highest;
};

/** Reads each partition from `from` to its end; the highest position per partition. */
const scanTails = async (
  kafka: Kafka,
  topic: string,
  tails: readonly (PartitionRange & { from: bigint })[],
  timeoutMs: number,
): Promise<Map<number, bigint>> => {
  const highest = new Map<number, bigint>();
  const unread = new Map(tails.map((tail) => [tail.partition, tail.high]));
  const groupId = `${topic}.relay-recovery.${process.pid}.${Date.now().toString(36)}`;
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });

  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  // Fires for every fetched batch, also one holding only markers or aborted messages.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = unread.get(payload.partition);
    if (payload.topic !== topic || end === undefined) return;
    if (BigInt(payload.lastOffset) >= end - 1n) unread.delete(payload.partition);
    if (unread.size === 0) finish();
  });

  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const header = message.headers?.[integrationHeaders.globalPosition];
          if (header === undefined) continue;
          const position = BigInt(header.toString());
          const known = highest.get(batch.partition);
          if (known === undefined || position > known) highest.set(batch.partition, position);
        }
        return Promise.resolve();
      },
    });
    for (const tail of tails) {
      consumer.seek({ topic, partition: tail.partition, offset: tail.from.toString() });
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Reading the committed tail of ${topic} timed out`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
  return highest;
};
