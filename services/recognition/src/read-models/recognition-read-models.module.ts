import { Module } from '@nestjs/common';
import { ProjectionFleet } from '@rhythm/projections';
import { RecognitionQueries } from '../application/queries/recognition.queries';
import { RecognitionFacts } from '../application/recognition-facts';
import { recognitionProjectionFleet } from './recognition-projections';
import { RecognitionReadModels } from './recognition-read-models';

/**
 * The recognition projections (started on bootstrap, drained on shutdown, each under its lease),
 * their tenant-scoped repositories and the queries over them; the service registers
 * `recognitionQueryControllers` beside it. Needs the infrastructure (event store, read store,
 * clock, configuration) and the directory (ORG_KNOWLEDGE, GOALS_KNOWLEDGE, MEMBERSHIP_HISTORY),
 * both global modules.
 */
@Module({
  providers: [
    RecognitionReadModels,
    recognitionProjectionFleet,
    RecognitionFacts,
    RecognitionQueries,
  ],
  exports: [RecognitionReadModels, ProjectionFleet, RecognitionQueries, RecognitionFacts],
})
export class RecognitionReadModelsModule {}
