import { Module } from '@nestjs/common';
import { ProjectionFleet } from '@rhythm/projections';
import { checkinsProjectionFleet } from './checkins-projections';
import { CheckinsReadModels } from './checkins-read-models';

/**
 * The checkins projections (started on bootstrap, drained on shutdown, each under its lease) and
 * their tenant-scoped repositories. Needs CHECKINS_EVENT_STORE and CHECKINS_READ_STORE.
 */
@Module({
  providers: [CheckinsReadModels, checkinsProjectionFleet],
  exports: [CheckinsReadModels, ProjectionFleet],
})
export class CheckinsReadModelsModule {}
