import { Module, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { CycleSnapshots } from './cycle-snapshots.reader';
import { CycleSnapshotStore } from './cycle-snapshots.store';

/**
 * Time travel from snapshots (ADR 0045): the store and the reader the time-travel queries ask.
 * Needs GOALS_READ_STORE and GOALS_EVENT_STORE. The taker (`CycleSnapshotTaker`, leased, one
 * replica at a time) is the service's background work, provided beside the command handlers.
 */
@Module({
  providers: [
    {
      provide: CycleSnapshotStore,
      useFactory: (connection: Connection) => new CycleSnapshotStore(connection),
      inject: [GOALS_READ_STORE],
    },
    CycleSnapshots,
  ],
  exports: [CycleSnapshotStore, CycleSnapshots],
})
export class CycleSnapshotsModule implements OnModuleInit {
  constructor(private readonly store: CycleSnapshotStore) {}

  onModuleInit(): Promise<void> {
    return this.store.ensureIndexes();
  }
}
