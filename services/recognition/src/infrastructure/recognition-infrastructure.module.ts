import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Clock } from '@rhythm/event-sourcing';
import {
  contextClientsProviders,
  contextKafka,
  openContextEventStore,
  openContextReadStore,
} from '@rhythm/messaging';
import type { ServiceLogger } from '@rhythm/operability';
import type { RecognitionConfiguration } from '../recognition-configuration';
import {
  RECOGNITION_CLOCK,
  RECOGNITION_CONFIGURATION,
  RECOGNITION_EVENT_STORE,
  RECOGNITION_KAFKA,
  RECOGNITION_READ_STORE,
  recognitionInfrastructure,
} from './recognition-tokens';

/** The recognition event store (schema `RECOGNITION_EVENT_STORE_SCHEMA`), for scripts and tests too. */
export const openRecognitionEventStore = (config: RecognitionConfiguration) =>
  openContextEventStore('recognition', config);

export const openRecognitionReadStore = (config: RecognitionConfiguration) =>
  openContextReadStore(config);

/** As the recognition principal when KAFKA_USERNAME is set (`npm start` gives each service its own). */
export const recognitionKafka = (config: RecognitionConfiguration, logger: ServiceLogger) =>
  contextKafka('recognition', config, logger);

/**
 * The recognition service's clients and ports, once per app: the event store, the read store, Kafka,
 * the configuration and the clock, for every part of the service alike.
 */
@Global()
@Module({})
export class RecognitionInfrastructureModule {
  /** `clock`: the system's; a test passes one it moves. */
  static forRoot(config: RecognitionConfiguration, clock?: Clock): DynamicModule {
    return {
      module: RecognitionInfrastructureModule,
      providers: contextClientsProviders(
        { ...recognitionInfrastructure, clock: RECOGNITION_CLOCK },
        config,
        clock,
      ),
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
