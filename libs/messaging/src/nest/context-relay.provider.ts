import type { Provider } from '@nestjs/common';
import type { EventStore } from '@rhythm/event-sourcing';
import {
  metricsRegistry,
  ServiceLogger,
  startedWithApp,
  type ContextInfrastructure,
} from '@rhythm/operability';
import type { Kafka } from 'kafkajs';
import { ContextRelay, type ContextRelayOptions } from '../relay/context-relay';

/** What a context publishes: which streams, and each event as its integration event. */
export type ContextPublication = Pick<ContextRelayOptions, 'streamPrefixes' | 'map'>;

/**
 * A context service's configuration as the relay reads it: every service names its topic
 * `<CONTEXT>_EVENTS_TOPIC` and its event store's schema `<CONTEXT>_EVENT_STORE_SCHEMA`.
 */
type RelayConfiguration = Readonly<Record<string, unknown>> &
  Readonly<{ DATABASE_URL: string; DATABASE_OWNER_URL?: string }>;

const setting = (config: RelayConfiguration, name: string): string => {
  const value = config[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`The relay needs ${name} in the service's configuration`);
  }
  return value;
};

/**
 * The context's relay as a Nest provider under the `ContextRelay` token: the event store is the
 * outbox; every event, mapped to its integration event, reaches the context's topic exactly once
 * (ADR 0004), published by one replica at a time (ADR 0027).
 */
export const contextRelayProvider = (
  infrastructure: ContextInfrastructure,
  publication: ContextPublication,
): Provider<ContextRelay> => ({
  provide: ContextRelay,
  inject: [
    infrastructure.eventStore,
    infrastructure.kafka,
    infrastructure.configuration,
    ServiceLogger,
  ],
  useFactory: (
    store: EventStore,
    kafka: Kafka,
    config: RelayConfiguration,
    logger: ServiceLogger,
  ) => {
    const prefix = infrastructure.context.toUpperCase();
    return startedWithApp(
      new ContextRelay({
        context: infrastructure.context,
        store,
        kafka,
        topic: setting(config, `${prefix}_EVENTS_TOPIC`),
        schema: setting(config, `${prefix}_EVENT_STORE_SCHEMA`),
        ...publication,
        databaseUrl: config.DATABASE_URL,
        databaseOwnerUrl: config.DATABASE_OWNER_URL,
        logger: logger.pino,
        metrics: metricsRegistry,
      }),
    );
  },
});
