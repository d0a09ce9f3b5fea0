import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload, type KafkaContext } from '@nestjs/microservices';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import { KafkaInbox } from './kafka-inbox';

const inboxProperty = Symbol('kafkaInbox');

type Handler = (event: IntegrationEnvelope, context: KafkaContext) => Promise<void>;

export type IntegrationEventHandlerOptions = Readonly<{
  /** The effect's name in the inbox (dedupe scope). Default `<Class>.<method>`: set it explicitly
   *  in services so that renaming a class does not replay its events. */
  consumer?: string;
}>;

/**
 * Marks a controller method as the handler of a topic's integration events:
 *
 *   @IntegrationEventHandler(integrationTopics.org, { consumer: 'goals.org-directory' })
 *   async onOrgEvent(event: IntegrationEnvelope): Promise<void> { … }
 *
 * The method receives the envelope validated against the contract and upcast to the latest
 * version, once per event id; failures are retried with backoff, then dead-lettered
 * (see IntegrationEventInbox). Needs IntegrationEventsModule.forRoot(...) in the application.
 */
export const IntegrationEventHandler =
  (topic: string, options: IntegrationEventHandlerOptions = {}): MethodDecorator =>
  (target, key, descriptor) => {
    const handle = descriptor.value as unknown as Handler;
    const consumer = options.consumer ?? `${target.constructor.name}.${String(key)}`;
    // Property injection: the controller need not ask for the inbox in its constructor.
    Inject(KafkaInbox)(target, inboxProperty);
    const wrapped = async function (
      this: { [inboxProperty]: KafkaInbox },
      payload: unknown,
      context: KafkaContext,
    ): Promise<void> {
      await this[inboxProperty].receive(consumer, payload, context, (event) =>
        handle.call(this, event, context),
      );
    };
    descriptor.value = wrapped as unknown as typeof descriptor.value;
    // Nest passes only the payload unless told otherwise; the wrapper needs the context too.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    EventPattern(topic)(target, key, descriptor);
    return descriptor;
  };
