import {
  ContractViolation,
  type ContractRegistry,
  type DeadLetterReason,
  type IntegrationEnvelope,
  type ParsedIntegrationEvent,
} from '@rhythm/contracts';
import { errorMessage, silentLogger, type MessagingLogger } from '../messaging-logger';
import type { DeadLetterPublisher } from './dead-letters';
import type { InboxStore } from './inbox-store';
import type { KafkaDelivery } from './kafka-delivery';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry-policy';

/** kafkajs sends one only when its heartbeat interval has passed; asking more often is free. */
const heartbeatEveryMs = 500;

/** Handles one integration event, already validated and upcast to the latest version. */
export type IntegrationEventHandlerFn = (
  event: IntegrationEnvelope,
  delivery: KafkaDelivery,
) => Promise<void>;

/**
 * A handler throws this when no retry can help (the event refers to something that will never
 * exist here, say): the message goes to the dead-letter topic at once.
 */
export class UnprocessableEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEvent';
  }
}

export type InboxOutcome =
  | Readonly<{ outcome: 'handled'; eventId: string; attempts: number }>
  | Readonly<{ outcome: 'duplicate'; eventId: string }>
  | Readonly<{
      outcome: 'dead-lettered';
      eventId?: string;
      reason: DeadLetterReason;
      attempts: number;
      error: string;
    }>;

export type InboxObserver = Readonly<{
  received?: (outcome: InboxOutcome, delivery: KafkaDelivery, consumer: string) => void;
  attemptFailed?: (
    failure: Readonly<{ consumer: string; attempt: number; error: unknown }>,
  ) => void;
}>;

export type IntegrationEventInboxOptions = Readonly<{
  registry: ContractRegistry;
  store: InboxStore;
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
  observer?: InboxObserver;
  /** Waits between attempts; tests may pass a faster clock. */
  sleep?: (ms: number) => Promise<void>;
}>;

/** What the transport gives for one delivery: where dead letters go, and how to stay alive. */
export type DeliveryChannel = Readonly<{
  deadLetters: DeadLetterPublisher;
  /** Keeps the consumer in its group during long backoffs. */
  heartbeat?: () => Promise<void>;
}>;

/**
 * validate → dedupe → handle with retries → record, or dead-letter. The one implementation behind
 * both the plain kafkajs runner and the NestJS transport.
 *
 * It returns normally for every message it has dealt with (handled, duplicate or dead-lettered),
 * so the transport may commit the offset. It throws only when the infrastructure fails (inbox
 * store, dead-letter topic): then the offset is not committed and Kafka delivers the message again.
 */
export class IntegrationEventInbox {
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: IntegrationEventInboxOptions) {
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? silentLogger;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async receive(
    consumer: string,
    delivery: KafkaDelivery,
    handle: IntegrationEventHandlerFn,
    channel: DeliveryChannel,
  ): Promise<InboxOutcome> {
    const outcome = await this.process(consumer, delivery, handle, channel);
    this.options.observer?.received?.(outcome, delivery, consumer);
    return outcome;
  }

  private async process(
    consumer: string,
    delivery: KafkaDelivery,
    handle: IntegrationEventHandlerFn,
    channel: DeliveryChannel,
  ): Promise<InboxOutcome> {
    let parsed: ParsedIntegrationEvent;
    try {
      parsed = this.parse(delivery);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      return this.deadLetter(consumer, delivery, channel, 'poison', 0, error);
    }
    const { envelope } = parsed;
    if (await this.options.store.has(consumer, envelope.eventId)) {
      return { outcome: 'duplicate', eventId: envelope.eventId };
    }

    for (let attempt = 1; ; attempt++) {
      try {
        await handle(envelope, delivery);
      } catch (error) {
        this.options.observer?.attemptFailed?.({ consumer, attempt, error });
        if (error instanceof UnprocessableEvent) {
          return this.deadLetter(consumer, delivery, channel, 'poison', attempt, error, envelope);
        }
        if (attempt >= this.retry.maxAttempts) {
          return this.deadLetter(
            consumer,
            delivery,
            channel,
            'handler-failed',
            attempt,
            error,
            envelope,
          );
        }
        const delay = backoffDelay(this.retry, attempt);
        this.logger.warn(
          {
            consumer,
            eventId: envelope.eventId,
            type: envelope.type,
            attempt,
            retryInMs: delay,
            error: errorMessage(error),
          },
          'Integration event handler failed; retrying',
        );
        await this.backOff(delay, channel);
        continue;
      }
      await this.options.store.record({
        consumer,
        eventId: envelope.eventId,
        type: envelope.type,
        topic: delivery.topic,
        partition: delivery.partition,
        offset: delivery.offset,
        handledAt: new Date(),
      });
      return { outcome: 'handled', eventId: envelope.eventId, attempts: attempt };
    }
  }

  /**
   * kafkajs heartbeats only when asked: a back-off longer than the group session (3 s, ADR 0028)
   * would lose the member and restart the attempts elsewhere, so it heartbeats as it waits.
   */
  private async backOff(delayMs: number, channel: DeliveryChannel): Promise<void> {
    for (let left = delayMs; left > 0; left -= heartbeatEveryMs) {
      await channel.heartbeat?.();
      await this.sleep(Math.min(left, heartbeatEveryMs));
    }
    await channel.heartbeat?.();
  }

  private parse(delivery: KafkaDelivery): ParsedIntegrationEvent {
    const { value } = delivery;
    if (value === null) throw new ContractViolation('invalid-json', 'Empty message value');
    if (Buffer.isBuffer(value) || typeof value === 'string') {
      return this.options.registry.parseJson(value.toString());
    }
    return this.options.registry.parse(value);
  }

  private async deadLetter(
    consumer: string,
    delivery: KafkaDelivery,
    channel: DeliveryChannel,
    reason: DeadLetterReason,
    attempts: number,
    error: unknown,
    envelope?: IntegrationEnvelope,
  ): Promise<InboxOutcome> {
    const message = errorMessage(error);
    await channel.deadLetters({
      delivery,
      consumer,
      reason,
      error: message,
      attempts,
      failedAt: new Date(),
    });
    this.logger.error(
      {
        consumer,
        topic: delivery.topic,
        partition: delivery.partition,
        offset: delivery.offset,
        eventId: envelope?.eventId,
        reason,
        attempts,
        error: message,
      },
      'Integration event sent to the dead-letter topic',
    );
    return {
      outcome: 'dead-lettered',
      ...(envelope ? { eventId: envelope.eventId } : {}),
      reason,
      attempts,
      error: message,
    };
  }
}
