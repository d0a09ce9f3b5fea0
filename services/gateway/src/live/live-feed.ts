import { randomUUID } from 'node:crypto';
import { integrationEnvelopeSchema, type IntegrationEnvelope } from '@rhythm/contracts';
import { type HealthCheck, noted } from '@rhythm/operability';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

export type LiveFeedOptions = Readonly<{
  kafka: Kafka;
  topics: readonly string[];
  /** Each replica's group is this prefix and a random suffix. */
  groupPrefix: string;
  deliver: (envelope: IntegrationEnvelope) => void;
  logger: Logger;
}>;

type FeedState = 'starting' | 'joined' | 'crashed' | 'stopped';

/**
 * The four topics, read by this replica alone: its own consumer group (a random suffix), from the
 * latest offset, because each replica holds its own browsers' streams and every one of them must
 * hear of every change. Nothing is committed that matters: a replica that restarts has no
 * streams left to catch up. Its group is deleted when it stops.
 */
export class LiveFeed {
  readonly groupId: string;
  private readonly consumer: Consumer;
  private state: FeedState = 'starting';
  private joined?: () => void;
  /** Resolves once the group is joined and partitions are assigned (tests wait for it). */
  readonly ready: Promise<void>;

  constructor(private readonly options: LiveFeedOptions) {
    this.groupId = `${options.groupPrefix}${randomUUID()}`;
    this.consumer = options.kafka.consumer({
      groupId: this.groupId,
      // Quick to notice a replica that died; its group is abandoned, not shared.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
    });
    this.ready = new Promise((resolve) => (this.joined = resolve));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.state = 'joined';
      this.joined?.();
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.state = payload.restart ? 'starting' : 'crashed';
      options.logger.error({ err: payload.error, restart: payload.restart }, 'live feed crashed');
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: false });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        this.deliver(message.value);
        return Promise.resolve();
      },
    });
  }

  private deliver(value: Buffer | null): void {
    if (!value) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString('utf8'));
    } catch {
      return;
    }
    const envelope = integrationEnvelopeSchema.safeParse(parsed);
    // What the contract refuses is the owning consumers' concern (they park it); here it is skipped.
    if (!envelope.success) return;
    try {
      this.options.deliver(envelope.data);
    } catch (error) {
      this.options.logger.warn({ err: error, type: envelope.data.type }, 'live change not sent');
    }
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.consumer.disconnect().catch(() => undefined);
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
    } catch (error) {
      this.options.logger.warn(
        { err: error, groupId: this.groupId },
        'live feed group not deleted',
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  healthCheck(): HealthCheck {
    return {
      name: 'live-feed',
      check: () => {
        switch (this.state) {
          case 'joined':
            return Promise.resolve();
          case 'starting':
            return Promise.resolve(noted('joining its consumer group'));
          case 'crashed':
            return Promise.reject(new Error('the live feed consumer crashed'));
          case 'stopped':
            return Promise.reject(new Error('the live feed is stopped'));
          default:
            return Promise.reject(new Error(this.state satisfies never));
        }
      },
    };
  }
}
