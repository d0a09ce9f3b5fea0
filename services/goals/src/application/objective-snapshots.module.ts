import { Module } from '@nestjs/common';
import { ReadStoreObjectiveSnapshots } from '../infrastructure/objective-snapshot.store';
import { ObjectiveSnapshots, STORED_OBJECTIVE_SNAPSHOTS } from './objective-snapshots';

/**
 * Objective streams loaded from their last state (ADR 0045): one instance per process, which the
 * command handlers and `GET /objectives/:id` share (ADR 0067). Needs GOALS_EVENT_STORE and
 * GOALS_READ_STORE from the global infrastructure module.
 */
@Module({
  providers: [
    ObjectiveSnapshots,
    ReadStoreObjectiveSnapshots,
    { provide: STORED_OBJECTIVE_SNAPSHOTS, useExisting: ReadStoreObjectiveSnapshots },
  ],
  exports: [ObjectiveSnapshots],
})
export class ObjectiveSnapshotsModule {}
