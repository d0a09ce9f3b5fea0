import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
} from '@nestjs/common';
import { KAFKA_INBOX_OPTIONS, KafkaInbox, type KafkaInboxOptions } from './kafka-inbox';

export type IntegrationEventsModuleAsyncOptions = Readonly<{
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (...dependencies: never[]) => KafkaInboxOptions | Promise<KafkaInboxOptions>;
}>;

/** Provides the KafkaInbox that @IntegrationEventHandler methods go through (global). */
@Module({})
export class IntegrationEventsModule {
  static forRoot(options: KafkaInboxOptions): DynamicModule {
    return {
      module: IntegrationEventsModule,
      global: true,
      providers: [{ provide: KAFKA_INBOX_OPTIONS, useValue: options }, KafkaInbox],
      exports: [KafkaInbox],
    };
  }

  static forRootAsync(options: IntegrationEventsModuleAsyncOptions): DynamicModule {
    return {
      module: IntegrationEventsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: KAFKA_INBOX_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => KafkaInboxOptions,
        },
        KafkaInbox,
      ],
      exports: [KafkaInbox],
    };
  }
}
