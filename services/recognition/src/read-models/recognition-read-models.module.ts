import { Module } from '@nestjs/common';
import { ProjectionFleet } from '@rhythm/projections';
import { recognitionProjectionFleet } from './recognition-projections';
import { RecognitionReadModels } from './recognition-read-models';

/**
 * The recognition projections (started on bootstrap, drained on shutdown, each under its lease)
 * and their tenant-scoped repositories. Needs RECOGNITION_EVENT_STORE, RECOGNITION_READ_STORE
 * and MEMBERSHIP_HISTORY (the directory's org history).
 */
@Module({
  providers: [RecognitionReadModels, recognitionProjectionFleet],
  exports: [RecognitionReadModels, ProjectionFleet],
})
export class RecognitionReadModelsModule {}
