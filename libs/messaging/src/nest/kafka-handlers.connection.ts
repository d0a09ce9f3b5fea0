import type { INestApplication } from '@nestjs/common';
import type { KafkaConnection } from '@rhythm/kafka-access';
import { HealthChecks, noted, ShutdownRegistry, type HealthCheck } from '@rhythm/operability';
import { kafkaMicroserviceOptions, type KafkaConsumerServer } from './kafka-microservice-options';

export type KafkaHandlersOptions = Readonly<{
  /** Names the consumer in readiness and in the shutdown log, e.g. `check-in-feed`. */
  name: string;
  connection: KafkaConnection;
  clientId: string;
  /** The service's group (`rhythm-<service>.…`, its principal's prefix, ADR 0035). */
  groupId: string;
}>;

/**
 * Connects a service's `@IntegrationEventHandler`s on the Nest Kafka transport
 * (`bootstrapService` starts it with the app; a test calls `app.startAllMicroservices()`). The
 * server is drained with the other consumers on shutdown, before the read store closes, and is
 * in readiness: ready while it runs, joining or rebalancing included.
 */
export const connectKafkaHandlers = (
  app: INestApplication,
  options: KafkaHandlersOptions,
): void => {
  const microservice = kafkaMicroserviceOptions({
    connection: options.connection,
    clientId: options.clientId,
    groupId: options.groupId,
  });
  // The app's guards and pipes are for HTTP: the inbox validates Kafka messages.
  app.connectMicroservice(microservice, { inheritAppConfig: false });
  const server: KafkaConsumerServer = microservice.strategy;
  let closed: Promise<void> | undefined;
  app.get(ShutdownRegistry).drainOnShutdown({
    name: options.name,
    drain: () => (closed ??= server.close()),
  });
  const health: HealthCheck = {
    name: options.name,
    check: () => {
      const membership = server.membership;
      if (!membership || closed) {
        return Promise.reject(new Error(`the ${options.name} consumer is not running`));
      }
      if (!membership.alive) {
        return Promise.reject(new Error(`the ${options.name} consumer ${membership.describe()}`));
      }
      return Promise.resolve(noted(membership.describe()));
    },
  };
  app.get(HealthChecks).register(health);
};
