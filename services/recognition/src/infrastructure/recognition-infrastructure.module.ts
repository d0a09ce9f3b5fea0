import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { systemClock, type Clock, type EventStore } from '@rhythm/event-sourcing';
import { createKurrentDbEventStore } from '@rhythm/event-store-kurrentdb';
import { createPostgresEventStore } from '@rhythm/event-store-postgres';
import { kafkaClient, kafkaConnectionOf } from '@rhythm/kafka-access';
import { kafkaClientRetry, kafkaLogCreator } from '@rhythm/messaging';
import { connectReadStore } from '@rhythm/projections';
import { ServiceLogger } from '@rhythm/operability';
import type { RecognitionConfiguration } from '../recognition-configuration';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_CONFIGURATION,
  RECOGNITION_EVENT_STORE,
  RECOGNITION_KAFKA,
  RECOGNITION_READ_STORE,
} from './recognition-tokens';

/** PostgreSQL by default; KurrentDB when EVENT_STORE=kurrentdb (same port, same contract suite). */
export const openRecognitionEventStore = async (
  config: RecognitionConfiguration,
): Promise<EventStore> => {
  if (config.EVENT_STORE === 'kurrentdb') {
    // The configuration schema refuses kurrentdb without a URL.
    return createKurrentDbEventStore({ connectionString: config.KURRENTDB_URL! });
  }
  const store = createPostgresEventStore({
    connectionString: config.DATABASE_URL,
    ownerConnectionString: config.DATABASE_OWNER_URL,
    schema: config.RECOGNITION_EVENT_STORE_SCHEMA,
  });
  await store.migrate();
  return store;
};

export const openRecognitionReadStore = (config: RecognitionConfiguration) =>
  connectReadStore(config.MONGO_URL);

/** As the recognition principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const recognitionKafka = (config: RecognitionConfiguration, logger: ServiceLogger) =>
  kafkaClient(kafkaConnectionOf(config), {
    clientId: 'rhythm-recognition',
    logCreator: kafkaLogCreator(logger.pino),
    retry: kafkaClientRetry,
  });

export const recognitionInfrastructureProviders = (
  config: RecognitionConfiguration,
  clock: Clock = systemClock,
): Provider[] => [
  { provide: RECOGNITION_CONFIGURATION, useValue: config },
  { provide: RECOGNITION_CLOCK, useValue: clock },
  { provide: RECOGNITION_EVENT_STORE, useFactory: () => openRecognitionEventStore(config) },
  { provide: RECOGNITION_READ_STORE, useFactory: () => openRecognitionReadStore(config) },
  {
    provide: RECOGNITION_KAFKA,
    useFactory: (logger: ServiceLogger) => recognitionKafka(config, logger),
    inject: [ServiceLogger],
  },
];

/**
 * The recognition service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for the commands, the read models, the directory and the celebrations alike.
 */
@Global()
@Module({})
export class RecognitionInfrastructureModule {
  /** `clock`: the system's; a test passes one it moves. */
  static forRoot(config: RecognitionConfiguration, clock?: Clock): DynamicModule {
    return {
      module: RecognitionInfrastructureModule,
      providers: recognitionInfrastructureProviders(config, clock),
      exports: [
        RECOGNITION_CONFIGURATION,
        RECOGNITION_CLOCK,
        RECOGNITION_EVENT_STORE,
        RECOGNITION_READ_STORE,
        RECOGNITION_KAFKA,
      ],
    };
  }
}
