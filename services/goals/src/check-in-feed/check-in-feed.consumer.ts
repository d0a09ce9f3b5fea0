import { Controller, Inject, type Type } from '@nestjs/common';
import type { IntegrationEnvelope } from '@rhythm/contracts';
import { IntegrationEventHandler } from '@rhythm/messaging';
import { CheckInProgress } from './check-in-progress';

/** The inbox's name for this effect: renaming it would apply every retained check-in again. */
export const checkInFeedInboxConsumer = 'goals.check-in-feed';

/**
 * The handler of the checkins topic on the Nest Kafka transport. The topic is configuration
 * (CHECKINS_EVENTS_TOPIC) and a handler's topic is fixed when its class is declared: hence a
 * class per topic. The inbox before it validates the contract, drops what it has handled (by
 * event id), retries and dead-letters.
 */
export const checkInFeedConsumer = (topic: string): Type<unknown> => {
  @Controller()
  class CheckInFeedConsumer {
    constructor(@Inject(CheckInProgress) private readonly progress: CheckInProgress) {}

    @IntegrationEventHandler(topic, { consumer: checkInFeedInboxConsumer })
    onCheckInEvent(event: IntegrationEnvelope): Promise<void> {
      return this.progress.apply(event);
    }
  }
  return CheckInFeedConsumer;
};
