import { ServerKafka, type CustomStrategy, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer } from '@nestjs/microservices/external/kafka.interface';
import { kafkaClientConfig, type KafkaConnection } from '@rhythm/kafka-access';
import { Partitioners } from 'kafkajs';
import { ConsumerGroupMembership } from '../kafka/consumer-group-membership';
import {
  consumerGroupTiming,
  consumerRetry,
  kafkaClientRetry,
  sessionTimeoutFor,
} from '../kafka/kafka-recovery';
import { errorMessage } from '../messaging-logger';

export type KafkaMicroserviceConfig = Readonly<{
  /** The brokers and the service's principal (`kafkaConnectionOf(config)`). */
  connection: KafkaConnection;
  clientId: string;
  /** Used exactly as given (Nest would otherwise append '-server'). */
  groupId: string;
  /** Where a new group starts. Default true: a new service sees the retained history. */
  fromBeginning?: boolean;
  /** Default: the shortest the brokers allow, at least 3 s (kafka-recovery.ts). */
  sessionTimeoutMs?: number;
}>;

type KafkaServerOptions = Required<KafkaOptions>['options'];

/**
 * Nest's Kafka server with the consumer timing of docs/adr/0028: a short session found from the
 * brokers, and a group join that start-up does not wait for (ServerKafka awaits consumer.run,
 * which joins; `app.startAllMicroservices()` would hold HTTP back while the group waits out a
 * member that was killed). `membership` says where the consumer stands, for readiness.
 */
export class KafkaConsumerServer extends ServerKafka {
  private stopping = false;
  private followed: ConsumerGroupMembership | undefined;

  constructor(
    options: KafkaServerOptions,
    private readonly sessionTimeoutMs?: number,
  ) {
    super(options);
  }

  /** Undefined until the server has started. */
  get membership(): ConsumerGroupMembership | undefined {
    return this.followed;
  }

  override async start(callback: () => void): Promise<void> {
    const sessionTimeout = this.sessionTimeoutMs ?? (await sessionTimeoutFor(this.client!.admin()));
    Object.assign(this.options.consumer ?? {}, {
      ...consumerGroupTiming(sessionTimeout),
      retry: consumerRetry(() => Promise.resolve(!this.stopping)),
    });
    await super.start(callback);
  }

  override async close(): Promise<void> {
    this.stopping = true;
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (this.consumer) this.followed = new ConsumerGroupMembership(this.consumer);
  }

  override bindEvents(consumer: Consumer): Promise<void> {
    // ServerKafka subscribes, then awaits run(): the run, and so the join, goes on in the background.
    const joiningInBackground: Consumer = {
      ...consumer,
      run: (config) => {
        consumer.run(config).catch((error: unknown) => {
          this.logger.error(`The Kafka consumer did not start: ${errorMessage(error)}`);
        });
        return Promise.resolve();
      },
    };
    return super.bindEvents(joiningInBackground);
  }
}

/**
 * For `app.connectMicroservice(kafkaMicroserviceOptions({...}))`. The Nest Kafka server awaits
 * each event handler inside kafkajs' eachMessage, and kafkajs commits an offset only after
 * eachMessage resolved: with the inbox wrapper, offsets follow stored effects.
 */
export const kafkaMicroserviceOptions = (
  config: KafkaMicroserviceConfig,
): CustomStrategy & { strategy: KafkaConsumerServer } => ({
  strategy: new KafkaConsumerServer(
    {
      postfixId: '',
      client: kafkaClientConfig(config.connection, {
        clientId: config.clientId,
        retry: kafkaClientRetry,
      }),
      consumer: {
        groupId: config.groupId,
        allowAutoTopicCreation: false,
        // Only committed relay transactions: never an event of an aborted batch.
        readUncommitted: false,
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
    config.sessionTimeoutMs,
  ),
});
