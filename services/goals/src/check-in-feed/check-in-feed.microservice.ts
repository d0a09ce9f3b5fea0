import type { INestApplication } from '@nestjs/common';
import { kafkaConnectionOf } from '@rhythm/kafka-access';
import { kafkaMicroserviceOptions, type KafkaConsumerServer } from '@rhythm/messaging';
import { HealthChecks, noted, ShutdownRegistry, type HealthCheck } from '@rhythm/operability';
import type { GoalsConfiguration } from '../goals-configuration';

/**
 * Connects the Kafka side of the goals app: the check-in feed's handler on the Nest transport
 * (`bootstrapService` starts it with the app; a test calls `app.startAllMicroservices()`). The
 * group is the service's (`rhythm-goals.…`, its principal's prefix, ADR 0035); the Nest server
 * is drained with the other consumers on shutdown, before the read store closes, and is in
 * readiness like the org directory's consumer.
 */
export const connectCheckInFeed = (app: INestApplication, config: GoalsConfiguration): void => {
  const options = kafkaMicroserviceOptions({
    connection: kafkaConnectionOf(config),
    clientId: 'rhythm-goals-check-in-feed',
    groupId: config.GOALS_CHECK_IN_FEED_GROUP,
  });
  // The app's guards and pipes are for HTTP: the inbox validates Kafka messages.
  app.connectMicroservice(options, { inheritAppConfig: false });
  const server: KafkaConsumerServer = options.strategy;
  let closed: Promise<void> | undefined;
  app.get(ShutdownRegistry).drainOnShutdown({
    name: 'check-in-feed',
    drain: () => (closed ??= server.close()),
  });
  const health: HealthCheck = {
    name: 'check-in-feed',
    check: () => {
      const membership = server.membership;
      if (!membership || closed) {
        return Promise.reject(new Error('the check-in feed consumer is not running'));
      }
      if (!membership.alive) {
        return Promise.reject(new Error(`the check-in feed consumer ${membership.describe()}`));
      }
      return Promise.resolve(noted(membership.describe()));
    },
  };
  app.get(HealthChecks).register(health);
};
