import {
  ContractRegistry,
  orgIntegrationEvents,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { testInfrastructure, uniqueName } from '@rhythm/testing';
import { Kafka, logLevel } from 'kafkajs';

/** One message of the org topic, as a downstream consumer receives it. */
export type OrgTopicMessage = Readonly<{
  partition: number;
  offset: string;
  key: string | undefined;
  /** Null when the value is not a valid org integration event (the test then fails on it). */
  envelope: IntegrationEnvelope | null;
  violation: string | undefined;
  headers: Readonly<Record<string, string>>;
}>;

const orgContracts = ContractRegistry.of(orgIntegrationEvents);

/**
 * Reads the whole topic from the beginning with a plain kafkajs consumer (read_committed, as any
 * consumer of rhythm.org.events would), up to the end offsets it had when the read began, and
 * validates each value against libs/contracts. Independent of the relay's own Kafka code on purpose.
 */
export const readOrgTopic = async (
  topic: string,
  options: Readonly<{ timeoutMs?: number }> = {},
): Promise<OrgTopicMessage[]> => {
  const kafka = new Kafka({
    clientId: 'org-e2e-reader',
    brokers: testInfrastructure.kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = uniqueName('org_e2e_reader');
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter(({ low, high }) => BigInt(high) > BigInt(low))
        .map(({ partition, high }) => [partition, BigInt(high)]),
    );
    const messages: OrgTopicMessage[] = [];
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
          const value = message.value?.toString() ?? '';
          const parsed = (() => {
            try {
              return { envelope: orgContracts.parseJson(value).envelope, violation: undefined };
            } catch (error) {
              return { envelope: null, violation: `${(error as Error).message}: ${value}` };
            }
          })();
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString(),
            ...parsed,
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
