import { Inject, Injectable } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { deadLettersVia } from '../inbox/dead-letters';
import {
  IntegrationEventInbox,
  type InboxOutcome,
  type IntegrationEventHandlerFn,
  type IntegrationEventInboxOptions,
} from '../inbox/integration-event-inbox';
import { deliveryOf } from '../inbox/kafka-delivery';

export const KAFKA_INBOX_OPTIONS = Symbol('KAFKA_INBOX_OPTIONS');

export type KafkaInboxOptions = IntegrationEventInboxOptions;

/** The inbox for handlers on the Nest Kafka transport; `@IntegrationEventHandler` uses it. */
@Injectable()
export class KafkaInbox {
  private readonly inbox: IntegrationEventInbox;

  constructor(@Inject(KAFKA_INBOX_OPTIONS) options: KafkaInboxOptions) {
    this.inbox = new IntegrationEventInbox(options);
  }

  receive(
    consumer: string,
    payload: unknown,
    context: KafkaContext,
    handle: IntegrationEventHandlerFn,
  ): Promise<InboxOutcome> {
    const message = context.getMessage();
    const delivery = deliveryOf(context.getTopic(), context.getPartition(), {
      offset: message.offset,
      key: message.key,
      // The payload Nest extracted: the raw bytes with keepBinary, else what its parser made.
      value: payload as Buffer | null,
      headers: message.headers,
    });
    return this.inbox.receive(consumer, delivery, handle, {
      deadLetters: deadLettersVia(context.getProducer()),
      heartbeat: context.getHeartbeat(),
    });
  }
}
