import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { Partitioners, logLevel } from 'kafkajs';

export type KafkaMicroserviceConfig = Readonly<{
  brokers: readonly string[];
  clientId: string;
  /** Used exactly as given (Nest would otherwise append '-server'). */
  groupId: string;
  /** Where a new group starts. Default true: a new service sees the retained history. */
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
}>;

/**
 * Options for `app.connectMicroservice(kafkaMicroserviceOptions({...}))`. The Nest Kafka server
 * awaits each event handler inside kafkajs' eachMessage, and kafkajs commits an offset only after
 * eachMessage resolved: with the inbox wrapper, offsets follow stored effects.
 */
export const kafkaMicroserviceOptions = (config: KafkaMicroserviceConfig): KafkaOptions => ({
  transport: Transport.KAFKA,
  options: {
    postfixId: '',
    client: { clientId: config.clientId, brokers: [...config.brokers], logLevel: logLevel.WARN },
    consumer: {
      groupId: config.groupId,
      allowAutoTopicCreation: false,
      // Only committed relay transactions: never an event of an aborted batch.
      readUncommitted: false,
      ...(config.sessionTimeoutMs ? { sessionTimeout: config.sessionTimeoutMs } : {}),
    },
    subscribe: { fromBeginning: config.fromBeginning ?? true },
    // One message at a time per partition keeps each aggregate's events in order.
    run: { autoCommit: true, partitionsConsumedConcurrently: 1 },
    // Dead letters go out through the server's producer.
    producer: {
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    },
    // The inbox wants the bytes: Nest's parser would turn invalid JSON into a string silently.
    parser: { keepBinary: true },
  },
});
