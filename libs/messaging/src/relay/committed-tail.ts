import { integrationHeaders } from '@rhythm/contracts';
import type { Kafka } from 'kafkajs';
import { partitionOffsets, readPartitions } from '../kafka/partition-reader';

export type CommittedTailOptions = Readonly<{
  /** Offsets read back from the end of each partition at first; grows while nothing is found. */
  window: number;
  timeoutMs?: number;
  /** The reader group's prefix (see ReadPartitionsOptions.groupPrefix). */
  groupPrefix?: string;
}>;

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
  let highest: bigint | undefined;
  let window = BigInt(Math.max(1, options.window));
  let remaining = (await partitionOffsets(kafka, topic)).filter((range) => range.high > range.low);
  while (remaining.length > 0) {
    const tails = remaining.map(({ partition, low, high }) => ({
      partition,
      from: high - window > low ? high - window : low,
      end: high,
      low,
    }));
    const found = new Map<number, bigint>();
    await readPartitions(
      kafka,
      topic,
      tails,
      (partition, message) => {
        const header = message.headers?.[integrationHeaders.globalPosition];
        if (header === undefined) return;
        const position = BigInt(header.toString());
        const known = found.get(partition);
        if (known === undefined || position > known) found.set(partition, position);
      },
      { timeoutMs: options.timeoutMs, groupPrefix: options.groupPrefix },
    );
    for (const position of found.values()) {
      if (highest === undefined || position > highest) highest = position;
    }
    // A window with only aborted messages and markers: look further back in that partition.
    const unresolved = new Set(
      tails
        .filter((tail) => !found.has(tail.partition) && tail.from > tail.low)
        .map((t) => t.partition),
    );
    remaining = remaining.filter((range) => unresolved.has(range.partition));
    window *= 4n;
  }
  return highest;
};
