import { Module } from '@nestjs/common';
import { CurrentCycleCards } from '../application/queries/current-cycle-cards';
import { CyclesQueriesHttpController } from '../application/queries/cycles-queries.http.controller';
import { ObjectiveHistory } from '../application/queries/objective-history';
import { ObjectivesQueriesHttpController } from '../application/queries/objectives-queries.http.controller';
import { OkrQueries } from '../application/queries/okr.queries';
import { PeopleQueriesHttpController } from '../application/queries/people-queries.http.controller';
import { ProposalQueries } from '../application/queries/proposal.queries';
import { ProposalsQueriesHttpController } from '../application/queries/proposals-queries.http.controller';
import { TimeTravelQueries } from '../application/queries/time-travel.queries';
import { UnitsQueriesHttpController } from '../application/queries/units-queries.http.controller';
import { ObjectiveSnapshotsModule } from '../application/objective-snapshots.module';
import { VisibilityModule } from '../application/visibility/visibility.module';
import { ProjectionFleet } from '@rhythm/projections';
import { CycleSnapshotsModule } from './cycle-snapshots.module';
import { goalsProjectionFleet } from './goals-projections';
import { GoalsReadModels } from './goals-read-models';

/**
 * The goals read side: the projections (started on bootstrap, drained on shutdown) and every
 * query endpoint. Needs, from global modules: GOALS_EVENT_STORE, GOALS_READ_STORE, GOALS_CLOCK
 * (GoalsInfrastructureModule), ORG_DIRECTORY (the org directory) and ServiceLogger. Every query
 * goes through the visibility gate (VisibilityModule).
 */
@Module({
  imports: [VisibilityModule, CycleSnapshotsModule, ObjectiveSnapshotsModule],
  controllers: [
    CyclesQueriesHttpController,
    ObjectivesQueriesHttpController,
    UnitsQueriesHttpController,
    PeopleQueriesHttpController,
    ProposalsQueriesHttpController,
  ],
  providers: [
    GoalsReadModels,
    goalsProjectionFleet,
    CurrentCycleCards,
    ObjectiveHistory,
    OkrQueries,
    TimeTravelQueries,
    ProposalQueries,
  ],
  exports: [GoalsReadModels, ProjectionFleet, OkrQueries],
})
export class GoalsReadModelsModule {}
