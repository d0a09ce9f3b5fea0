import { ContextRelay } from '@rhythm/messaging';
import { contextServiceOptions, type ServiceAppOptions } from '@rhythm/operability';
import { ProjectionFleet } from '@rhythm/projections';
import { connectDirectory } from './directory/directory.module';
import { recognitionInfrastructure } from './infrastructure/recognition-tokens';
import type { RecognitionConfiguration } from './recognition-configuration';
import { RecognitionModule, type RecognitionModuleOptions } from './recognition.module';

/** How the recognition service is assembled: main.ts boots it, the e2e tests create it in-process. */
export const recognitionServiceOptions = (
  config: RecognitionConfiguration,
  options: RecognitionModuleOptions = {},
): ServiceAppOptions =>
  contextServiceOptions(recognitionInfrastructure, {
    module: RecognitionModule.forRoot(config, options),
    config,
    description:
      'Recognition: kudos between people and units, celebrations of achievements from the goals ' +
      'and checkins topics, success stories and lessons learned, walls and feeds, and how ' +
      'recognition flows across squads, chapters, guilds and tribes. Integration events: ' +
      'docs/events/recognition.md.',
    // Relay first (it finishes its Kafka transaction), then the projections.
    backgroundWork: [ContextRelay, ProjectionFleet],
    // The org, goals and checkins topics, on the Nest Kafka transport: the directory and the
    // celebrations it starts.
    configure: (app) => connectDirectory(app, config),
  });
