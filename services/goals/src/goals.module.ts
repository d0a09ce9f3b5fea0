import { type DynamicModule, Module } from '@nestjs/common';
import { AmbitionCommandHandlers } from './application/ambitions/ambition-command.handlers';
import { AmbitionsHttpController } from './application/ambitions/ambitions.http.controller';
import { boardProviders } from './boards/boards.providers';
import { BoardsHttpController } from './boards/boards.http.controller';
import { CycleCloseProcess } from './application/cycles/cycle-close.process';
import { CycleCommandHandlers } from './application/cycles/cycle-command.handlers';
import { CyclesHttpController } from './application/cycles/cycles.http.controller';
import { GoalsFactsReader } from './application/goals-facts.reader';
import { ObjectiveSnapshotsModule } from './application/objective-snapshots.module';
import { CheckInFeedModule, type CheckInFeedOptions } from './check-in-feed/check-in-feed.module';
import { goalsPersonRegistry } from './application/person-registry.provider';
import { KeyResultsHttpController } from './application/objectives/key-results.http.controller';
import { ObjectiveCommandHandlers } from './application/objectives/objective-command.handlers';
import { ObjectiveEngagementHttpController } from './application/objectives/objective-engagement.http.controller';
import { ObjectivesHttpController } from './application/objectives/objectives.http.controller';
import { ProposalCommandHandlers } from './application/proposals/proposal-command.handlers';
import { ProposalsHttpController } from './application/proposals/proposals.http.controller';
import { TemplatesHttpController } from './application/templates/templates.http.controller';
import { VisibilityModule } from './application/visibility/visibility.module';
import type { GoalsConfiguration } from './goals-configuration';
import { goalsEventRelay } from './infrastructure/goals-event-relay';
import { GoalsInfrastructureModule } from './infrastructure/goals-infrastructure.module';
import { OrgDirectoryModule } from './org-directory/org-directory.module';
import type { OrgDirectoryOptions } from './org-directory/org-directory.consumer';
import { CycleSnapshotsModule } from './read-models/cycle-snapshots.module';
import { CycleSnapshotTaker } from './read-models/cycle-snapshots.taker';
import { GoalsReadModelsModule } from './read-models/goals-read-models.module';

export type GoalsModuleOptions = Readonly<{
  /** Tests: a consumer group of their own for the org topic. */
  orgDirectory?: OrgDirectoryOptions;
  /** Tests: an inbox collection or retry policy of their own for the checkins topic. */
  checkInFeed?: CheckInFeedOptions;
}>;

/**
 * The goals bounded context: cycles, objectives, key results, alignment, proposals, ambitions,
 * reviews and scoring. Commands here; the org directory (the org topic's read model) and the
 * read side (projections and queries) in their own modules.
 */
@Module({})
export class GoalsModule {
  static forRoot(config: GoalsConfiguration, options: GoalsModuleOptions = {}): DynamicModule {
    return {
      module: GoalsModule,
      imports: [
        GoalsInfrastructureModule.forRoot(config),
        // Global: the visibility gate of commands and queries asks the directory too.
        { ...OrgDirectoryModule.forRoot(options.orgDirectory), global: true },
        ObjectiveSnapshotsModule,
        GoalsReadModelsModule,
        CycleSnapshotsModule,
        VisibilityModule,
        CheckInFeedModule.forRoot(config, options.checkInFeed),
      ],
      controllers: [
        CyclesHttpController,
        ObjectivesHttpController,
        KeyResultsHttpController,
        ObjectiveEngagementHttpController,
        ProposalsHttpController,
        AmbitionsHttpController,
        TemplatesHttpController,
        BoardsHttpController,
      ],
      providers: [
        goalsPersonRegistry,
        GoalsFactsReader,
        CycleSnapshotTaker,
        CycleCloseProcess,
        CycleCommandHandlers,
        ObjectiveCommandHandlers,
        ProposalCommandHandlers,
        AmbitionCommandHandlers,
        goalsEventRelay,
        ...boardProviders,
      ],
    };
  }
}
