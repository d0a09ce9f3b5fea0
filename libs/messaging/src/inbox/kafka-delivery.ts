import type { KafkaMessage } from 'kafkajs';

/** One Kafka message as the inbox sees it, whichever client delivered it. */
export type KafkaDelivery = Readonly<{
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Raw bytes (kafkajs, Nest with keepBinary) or what Nest's default parser made of them. */
  value: Buffer | string | object | null;
  headers: Readonly<Record<string, string>>;
}>;

export const deliveryOf = (
  topic: string,
  partition: number,
  message: Pick<KafkaMessage, 'offset' | 'key' | 'value'> & { headers?: unknown },
): KafkaDelivery => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key === null || message.key === undefined ? null : message.key.toString(),
  value: message.value ?? null,
  headers: headerStrings(message.headers),
});

/** kafkajs gives Buffers, Nest's parser strings (or JSON it parsed): strings for everyone. */
export const headerStrings = (headers: unknown): Record<string, string> => {
  const result: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return result;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const single: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    if (single === undefined || single === null) continue;
    result[name] =
      Buffer.isBuffer(single) || typeof single === 'string'
        ? single.toString()
        : JSON.stringify(single);
  }
  return result;
};

/** The message value as it was on the wire, for dead letters. */
export const rawValueOf = (delivery: KafkaDelivery): Buffer | string | null => {
  const { value } = delivery;
  if (value === null || Buffer.isBuffer(value) || typeof value === 'string') return value;
  return JSON.stringify(value);
};
