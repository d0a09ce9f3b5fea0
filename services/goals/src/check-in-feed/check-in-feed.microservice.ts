import type { INestApplication } from '@nestjs/common';
import { kafkaConnectionOf } from '@rhythm/kafka-access';
import { connectKafkaHandlers } from '@rhythm/messaging';
import type { GoalsConfiguration } from '../goals-configuration';

/**
 * Connects the Kafka side of the goals app: the check-in feed's handler on the Nest transport,
 * in its own group (`rhythm-goals.…`, ADR 0035), drained on shutdown and in readiness like the
 * org directory's consumer.
 */
export const connectCheckInFeed = (app: INestApplication, config: GoalsConfiguration): void =>
  connectKafkaHandlers(app, {
    name: 'check-in-feed',
    connection: kafkaConnectionOf(config),
    clientId: 'rhythm-goals-check-in-feed',
    groupId: config.GOALS_CHECK_IN_FEED_GROUP,
  });
