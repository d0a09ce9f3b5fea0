import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@rhythm/event-sourcing';
import { KudosCommandHandlers } from './application/kudos/kudos-command.handlers';
import { KudosHttpController } from './application/kudos/kudos.http.controller';
import { recognitionQueryControllers } from './application/queries/recognition-queries.http.controller';
import { SettingsCommandHandlers } from './application/settings/settings-command.handlers';
import { SettingsHttpController } from './application/settings/settings.http.controller';
import { StoryCommandHandlers } from './application/stories/story-command.handlers';
import { StoriesHttpController } from './application/stories/stories.http.controller';
import { DirectoryModule, type DirectoryOptions } from './directory/directory.module';
import { recognitionEventRelay } from './infrastructure/recognition-event-relay';
import { RecognitionInfrastructureModule } from './infrastructure/recognition-infrastructure.module';
import type { RecognitionConfiguration } from './recognition-configuration';
import { RecognitionReadModelsModule } from './read-models/recognition-read-models.module';

export type RecognitionModuleOptions = Readonly<{
  /** Tests: an inbox collection or retry policy of their own for the directory's topics. */
  directory?: DirectoryOptions;
  /** Tests: a clock they move, for the commands and the kudos allowance alike. */
  clock?: Clock;
}>;

/**
 * The recognition bounded context: kudos, stories and settings (commands), the directory of the
 * org, goals and checkins topics with the celebrations it starts, and the read side (walls,
 * feeds, the recognition flow).
 */
@Module({})
export class RecognitionModule {
  static forRoot(
    config: RecognitionConfiguration,
    options: RecognitionModuleOptions = {},
  ): DynamicModule {
    return {
      module: RecognitionModule,
      imports: [
        RecognitionInfrastructureModule.forRoot(config, options.clock),
        DirectoryModule.forRoot(config, options.directory),
        RecognitionReadModelsModule,
      ],
      controllers: [
        KudosHttpController,
        StoriesHttpController,
        SettingsHttpController,
        ...recognitionQueryControllers,
      ],
      providers: [
        KudosCommandHandlers,
        StoryCommandHandlers,
        SettingsCommandHandlers,
        recognitionEventRelay,
      ],
    };
  }
}
