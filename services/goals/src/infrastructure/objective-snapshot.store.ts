import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TenantId, TenantScopedCollection } from '@rhythm/projections';
import type { Connection } from 'mongoose';
import type { ObjectiveState } from '../goals-domain';
import type {
  ObjectiveSnapshot,
  ObjectiveTimeline,
  StoredObjectiveSnapshots,
} from '../application/objective-snapshots';
import { GOALS_READ_STORE } from './goals-tokens';

/** Collection of the latest snapshot per objective stream, in the goals read store. */
export const objectiveSnapshotsCollection = 'goals_objective_snapshots';

type SnapshotDocument = Readonly<{
  tenantId: string;
  streamId: string;
  /** Revision of the stream's last event folded into `state`. */
  revision: number;
  foldVersion: number;
  /** The folded state as JSON: one string for the read store to keep, not a nested document. */
  state: string;
  /** The timeline as JSON (ADR 0067). */
  timeline: string;
}>;

/** The latest snapshot of each objective stream, one document per stream (ADR 0045). */
@Injectable()
export class ReadStoreObjectiveSnapshots implements StoredObjectiveSnapshots, OnModuleInit {
  private readonly raw;
  private readonly snapshots: TenantScopedCollection<SnapshotDocument>;

  constructor(@Inject(GOALS_READ_STORE) connection: Connection) {
    this.raw = connection.collection(objectiveSnapshotsCollection);
    this.snapshots = new TenantScopedCollection(this.raw);
  }

  async onModuleInit(): Promise<void> {
    // latest(): one snapshot per stream.
    await this.raw.createIndex({ tenantId: 1, streamId: 1 }, { unique: true, name: 'stream' });
  }

  async latest(
    tenantId: string,
    streamId: string,
    foldVersion: number,
  ): Promise<ObjectiveSnapshot | undefined> {
    const found = await this.snapshots.findOne(TenantId.of(tenantId), { streamId, foldVersion });
    return found
      ? {
          revision: found.revision,
          state: JSON.parse(found.state) as ObjectiveState,
          timeline: JSON.parse(found.timeline) as ObjectiveTimeline,
        }
      : undefined;
  }

  async keep(
    tenantId: string,
    streamId: string,
    foldVersion: number,
    { revision, state, timeline }: ObjectiveSnapshot,
  ): Promise<void> {
    try {
      // Only over an older snapshot or one of another fold: never back in time.
      await this.snapshots.replaceOne(
        TenantId.of(tenantId),
        { streamId, $or: [{ revision: { $lt: revision } }, { foldVersion: { $ne: foldVersion } }] },
        {
          streamId,
          revision,
          foldVersion,
          state: JSON.stringify(state),
          timeline: JSON.stringify(timeline),
        },
        { upsert: true },
      );
    } catch (error) {
      // The upsert met the unique index: a snapshot as new or newer is stored.
      if ((error as { code?: unknown }).code !== 11000) throw error;
    }
  }
}
