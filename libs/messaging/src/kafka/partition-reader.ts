import type { Kafka, KafkaMessage } from 'kafkajs';

export type PartitionRange = Readonly<{
  partition: number;
  /** First offset to read. */
  from: bigint;
  /** The partition's end offset (high watermark) when the read was planned. */
  end: bigint;
}>;

export type ReadPartitionsOptions = Readonly<{
  /** Default false: only committed transactional messages, as consumers see them. */
  readUncommitted?: boolean;
  timeoutMs?: number;
  /**
   * Start of the throwaway group's id, default `<topic>.reader`. A service's principal may use
   * only groups under its own prefix (docs/adr/0035): its relay passes `rhythm-<context>.…`.
   */
  groupPrefix?: string;
}>;

/** Low and high watermarks of every partition of a topic. */
export const partitionOffsets = async (
  kafka: Kafka,
  topic: string,
): Promise<{ partition: number; low: bigint; high: bigint }[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
      partition,
      low: BigInt(low),
      high: BigInt(high),
    }));
  } finally {
    await admin.disconnect();
  }
};

/**
 * Reads the given offset ranges of a topic's partitions, each up to its planned end, then stops.
 * kafkajs has no group-less reader: this joins a throwaway consumer group and deletes it after.
 * The end is reached even when the last offsets hold only transaction markers or aborted
 * messages, which consumers never see.
 */
export const readPartitions = async (
  kafka: Kafka,
  topic: string,
  ranges: readonly PartitionRange[],
  onMessage: (partition: number, message: KafkaMessage) => void,
  options: ReadPartitionsOptions = {},
): Promise<void> => {
  const unread = new Map(
    ranges.filter((range) => range.end > range.from).map((range) => [range.partition, range.end]),
  );
  if (unread.size === 0) return;
  const planned = new Map(ranges.map((range) => [range.partition, range]));
  const groupId = `${options.groupPrefix ?? `${topic}.reader`}.${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: options.readUncommitted ?? false,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });

  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  // Fires for every fetched batch, also for one that holds only markers or aborted messages.
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
      eachBatch: ({ batch }) => {
        const range = planned.get(batch.partition);
        if (range === undefined) return Promise.resolve();
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset >= range.from && offset < range.end) onMessage(batch.partition, message);
        }
        return Promise.resolve();
      },
    });
    for (const range of ranges) {
      if (unread.has(range.partition)) {
        consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Reading ${topic} up to its end timed out`)),
        options.timeoutMs ?? 30_000,
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
};
