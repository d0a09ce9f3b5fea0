import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { GoalsConfiguration } from '../goals-configuration';
import { GOALS_CONFIGURATION, GOALS_READ_STORE } from '../infrastructure/goals-tokens';
import { CycleSnapshots } from './cycle-snapshots.reader';
import { CycleSnapshotStore, retiredCycleSnapshotCollections } from './cycle-snapshots.store';

/** Where the snapshots were kept before ADR 0062: a cache, dropped once found. */
export const retireReadStoreSnapshots = async (readStore: Connection): Promise<void> => {
  const db = readStore.db;
  if (!db) return;
  const present = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name),
  );
  for (const name of retiredCycleSnapshotCollections.filter((retired) => present.has(retired))) {
    // Another replica may drop it first.
    await db.dropCollection(name).catch(() => undefined);
  }
};

type SnapshotsConfiguration = Pick<
  GoalsConfiguration,
  'DATABASE_URL' | 'DATABASE_OWNER_URL' | 'GOALS_EVENT_STORE_SCHEMA'
>;

/**
 * Time travel from snapshots (ADR 0045, ADR 0062): the store (in the event store's PostgreSQL
 * schema) and the reader the time-travel queries ask. Needs GOALS_CONFIGURATION,
 * GOALS_READ_STORE and GOALS_EVENT_STORE. The taker (`CycleSnapshotTaker`, leased, one replica at
 * a time) is the service's background work, provided beside the command handlers.
 */
@Module({
  providers: [
    {
      provide: CycleSnapshotStore,
      useFactory: (config: SnapshotsConfiguration) =>
        new CycleSnapshotStore({
          connectionString: config.DATABASE_URL,
          ...(config.DATABASE_OWNER_URL
            ? { ownerConnectionString: config.DATABASE_OWNER_URL }
            : {}),
          schema: config.GOALS_EVENT_STORE_SCHEMA,
        }),
      inject: [GOALS_CONFIGURATION],
    },
    CycleSnapshots,
  ],
  exports: [CycleSnapshotStore, CycleSnapshots],
})
export class CycleSnapshotsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly store: CycleSnapshotStore,
    @Inject(GOALS_READ_STORE) private readonly readStore: Connection,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.store.migrate(), retireReadStoreSnapshots(this.readStore)]);
  }

  /** After the taker stopped (its lease is let go before the application shuts down). */
  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}
