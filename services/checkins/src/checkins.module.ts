import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@rhythm/event-sourcing';
import { AgendaHttpController } from './application/agenda/agenda.http.controller';
import { BlockerCommandHandlers } from './application/blockers/blocker-command.handlers';
import { BlockersHttpController } from './application/blockers/blockers.http.controller';
import { CadenceCommandHandlers } from './application/cadence/cadence-command.handlers';
import { CheckInCommandHandlers } from './application/check-ins/check-in-command.handlers';
import { CheckInsHttpController } from './application/check-ins/check-ins.http.controller';
import { CheckinsFacts } from './application/checkins-facts';
import { ThreadCommandHandlers } from './application/feedback/thread-command.handlers';
import { ThreadTargets } from './application/feedback/thread-targets';
import {
  BlockerThreadHttpController,
  CheckInThreadHttpController,
  InsightThreadHttpController,
} from './application/feedback/thread.http.controllers';
import { ThreadQueries } from './application/feedback/thread.queries';
import { InsightCommandHandlers } from './application/insights/insight-command.handlers';
import { InsightQueries } from './application/insights/insight.queries';
import { InsightsHttpController } from './application/insights/insights.http.controller';
import { CheckinsQueries } from './application/queries/checkins.queries';
import { StatisticsHttpController } from './application/statistics/statistics.http.controller';
import { StatisticsQueries } from './application/statistics/statistics.queries';
import { RhythmCommandHandlers } from './application/rhythm/rhythm-command.handlers';
import { RhythmHttpController } from './application/rhythm/rhythm.http.controller';
import type { CheckinsConfiguration } from './checkins-configuration';
import { DirectoryModule, type DirectoryOptions } from './directory/directory.module';
import { checkinsEventRelay } from './infrastructure/checkins-event-relay';
import { CheckinsInfrastructureModule } from './infrastructure/checkins-infrastructure.module';
import { CheckinsReadModelsModule } from './read-models/checkins-read-models.module';
import { CadenceScheduler } from './scheduler/cadence-scheduler';

export type CheckinsModuleOptions = Readonly<{
  /** Tests: an inbox collection or retry policy of their own for the directory's topics. */
  directory?: DirectoryOptions;
  /** Tests: a clock they move, for the cadence and the commands alike. */
  clock?: Clock;
}>;

/**
 * The checkins bounded context: check-ins, blockers and cadence (commands), the directory of the
 * org and goals topics, the read side (projections and queries) and the cadence scheduler.
 */
@Module({})
export class CheckinsModule {
  static forRoot(
    config: CheckinsConfiguration,
    options: CheckinsModuleOptions = {},
  ): DynamicModule {
    return {
      module: CheckinsModule,
      imports: [
        CheckinsInfrastructureModule.forRoot(config, options.clock),
        DirectoryModule.forRoot(config, options.directory),
        CheckinsReadModelsModule,
      ],
      controllers: [
        CheckInsHttpController,
        BlockersHttpController,
        AgendaHttpController,
        StatisticsHttpController,
        RhythmHttpController,
        CheckInThreadHttpController,
        BlockerThreadHttpController,
        InsightThreadHttpController,
        InsightsHttpController,
      ],
      providers: [
        CheckinsFacts,
        CheckInCommandHandlers,
        BlockerCommandHandlers,
        CadenceCommandHandlers,
        RhythmCommandHandlers,
        CheckinsQueries,
        StatisticsQueries,
        ThreadTargets,
        ThreadCommandHandlers,
        ThreadQueries,
        InsightCommandHandlers,
        InsightQueries,
        CadenceScheduler,
        checkinsEventRelay,
      ],
    };
  }
}
