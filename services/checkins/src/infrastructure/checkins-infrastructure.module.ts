import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { systemClock, type Clock, type EventStore } from '@rhythm/event-sourcing';
import { createKurrentDbEventStore } from '@rhythm/event-store-kurrentdb';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import { kafkaClientRetry, kafkaLogCreator } from '@rhythm/messaging';
import { connectReadStore } from '@rhythm/projections';
import { ServiceLogger } from '@rhythm/operability';
import type { CheckinsConfiguration } from '../checkins-configuration';
import {
  CHECKINS_CLOCK,
  CHECKINS_CONFIGURATION,
  CHECKINS_EVENT_STORE,
  CHECKINS_KAFKA,
  CHECKINS_READ_STORE,
} from './checkins-tokens';

/** PostgreSQL by default; KurrentDB when EVENT_STORE=kurrentdb (same port, same contract suite). */
export const openCheckinsEventStore = async (
  config: CheckinsConfiguration,
): Promise<EventStore> => {
  if (config.EVENT_STORE === 'kurrentdb') {
    // The configuration schema refuses kurrentdb without a URL.
    return createKurrentDbEventStore({ connectionString: config.KURRENTDB_URL! });
  }
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: config.CHECKINS_EVENT_STORE_SCHEMA,
  });
  await store.migrate();
  return store;
};

export const openCheckinsReadStore = (config: CheckinsConfiguration) =>
  connectReadStore(config.MONGO_URL);

/** As the checkins principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const checkinsKafka = (config: CheckinsConfiguration, logger: ServiceLogger) =>
  kafkaClient(kafkaConnectionOf(config), {
    clientId: 'rhythm-checkins',
    logCreator: kafkaLogCreator(logger.pino),
    retry: kafkaClientRetry,
  });

export const checkinsInfrastructureProviders = (
  config: CheckinsConfiguration,
  clock: Clock = systemClock,
): Provider[] => [
  { provide: CHECKINS_CONFIGURATION, useValue: config },
  { provide: CHECKINS_CLOCK, useValue: clock },
  { provide: CHECKINS_EVENT_STORE, useFactory: () => openCheckinsEventStore(config) },
  { provide: CHECKINS_READ_STORE, useFactory: () => openCheckinsReadStore(config) },
  {
    provide: CHECKINS_KAFKA,
    useFactory: (logger: ServiceLogger) => checkinsKafka(config, logger),
    inject: [ServiceLogger],
  },
];

/**
 * The checkins service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for the commands, the read models, the directory and the scheduler alike.
 */
@Global()
@Module({})
export class CheckinsInfrastructureModule {
  /** `clock`: the system's; a test passes one it moves (the scripted week). */
  static forRoot(config: CheckinsConfiguration, clock?: Clock): DynamicModule {
    return {
      module: CheckinsInfrastructureModule,
      providers: checkinsInfrastructureProviders(config, clock),
      exports: [
        CHECKINS_CONFIGURATION,
        CHECKINS_CLOCK,
        CHECKINS_EVENT_STORE,
        CHECKINS_READ_STORE,
        CHECKINS_KAFKA,
      ],
    };
  }
}
