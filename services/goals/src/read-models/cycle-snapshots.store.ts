import { gunzipSync, gzipSync } from 'node:zlib';
import type { TenantId } from '@rhythm/projections';
import { mongo, type Connection } from 'mongoose';
import type { CycleFold } from '../goals-domain';

/**
 * Bump when `foldIntoCycle` (or the evolve functions under it) keeps something else: snapshots of
 * another version are ignored and the taker starts again from the first event.
 */
export const cycleFoldVersion = 1;

export const cycleSnapshotsCollections = {
  /** The states, by id: read one at a time. */
  snapshots: 'goals_cycle_snapshots',
  /**
   * Where each snapshot stands, without its state: FerretDB v1 applies a projection after it
   * decoded the whole document, so a cycle's moments listed from the states would decode them all.
   */
  moments: 'goals_cycle_snapshot_moments',
  checkpoints: 'goals_cycle_snapshot_checkpoints',
} as const;

/** A snapshot's place in its cycle's history, without its state. */
export type CycleMoment = Readonly<{
  id: string;
  /** Global position of the last event folded into it. */
  position: bigint;
  /** The latest time any event folded into it occurred (every event before it included). */
  latest: number;
  /** The earliest time an event folded since the previous snapshot occurred. */
  earliest: number;
}>;

/**
 * What a snapshot holds: the cycle's fold, and for each of its streams the latest time one of its
 * events occurred (a stream stops at its first event after a date: ADR 0045).
 */
export type CycleSnapshot = Readonly<{
  fold: CycleFold;
  latestOf: Readonly<Record<string, number>>;
}>;

type MomentDocument = Readonly<{
  _id: string;
  tenantId: string;
  cycleId: string;
  foldVersion: number;
  position: number;
  latest: number;
  earliest: number;
  events: number;
}>;

type SnapshotDocument = Readonly<{
  _id: string;
  tenantId: string;
  /** The snapshot as gzipped JSON: one value for the read store to hand over, not 500 objects. */
  state: mongo.Binary;
}>;

const momentOf = (document: MomentDocument): CycleMoment => ({
  id: document._id,
  position: BigInt(document.position),
  latest: document.latest,
  earliest: document.earliest,
});

/** How many parsed states a process keeps, and how many characters of their JSON together. */
export type StatesKept = Readonly<{ states?: number; characters?: number }>;

/**
 * Parsed states kept by this process (they never change). A cycle of 500 objectives is ~1 MB of
 * JSON, ~1.8 MB parsed; one of thousands of objectives is tens of MB, so a count alone would not
 * bound the heap.
 */
const statesKept = { states: 64, characters: 24_000_000 } as const;

/**
 * The time-travel snapshots in the goals read store: per cycle, the fold of its streams at
 * positions the taker chose (every `every` events of the cycle and at the end of each day with
 * events), and the taker's checkpoint. A cache of the event store, not a read model: dropping it
 * costs a new run of the taker.
 */
export class CycleSnapshotStore {
  private readonly snapshots: mongo.Collection<SnapshotDocument>;
  private readonly momentsOf: mongo.Collection<MomentDocument>;
  private readonly checkpoints: mongo.Collection<{ _id: string; position: number }>;
  /** By moment, least recently used first, with the length of the JSON each was parsed from. */
  private readonly states = new Map<string, Readonly<{ snapshot: CycleSnapshot; size: number }>>();
  private statesSize = 0;
  /** The read store's database: one taker per database (and fold version) at a time. */
  readonly leaseName: string;

  private readonly kept: Required<StatesKept>;

  constructor(connection: Connection, kept: StatesKept = {}) {
    this.kept = { ...statesKept, ...kept };
    this.leaseName = `snapshots:${connection.name}:goals-cycles:v${cycleFoldVersion}`;
    this.snapshots = connection.collection(cycleSnapshotsCollections.snapshots);
    this.momentsOf = connection.collection(cycleSnapshotsCollections.moments);
    this.checkpoints = connection.collection(cycleSnapshotsCollections.checkpoints);
  }

  async ensureIndexes(): Promise<void> {
    // moments(): a cycle's snapshots; one per position.
    await this.momentsOf.createIndex(
      { tenantId: 1, cycleId: 1, foldVersion: 1, position: 1 },
      { unique: true, name: 'cycle_position' },
    );
  }

  /** The cycle's snapshots of this fold version, oldest first. */
  async moments(tenantId: TenantId, cycleId: string): Promise<CycleMoment[]> {
    const found = await this.momentsOf
      .find({ tenantId, cycleId, foldVersion: cycleFoldVersion })
      .toArray();
    return found.map(momentOf).sort((a, b) => (a.position < b.position ? -1 : 1));
  }

  /** The state of a snapshot, parsed once per process. */
  async snapshot(tenantId: TenantId, moment: CycleMoment): Promise<CycleSnapshot> {
    const kept = this.states.get(moment.id);
    if (kept) {
      this.states.delete(moment.id);
      this.states.set(moment.id, kept);
      return kept.snapshot;
    }
    const found = await this.snapshots.findOne({ _id: moment.id, tenantId });
    if (!found) throw new Error(`Cycle snapshot ${moment.id} is gone`);
    const json = gunzipSync(found.state.buffer).toString('utf8');
    const snapshot = JSON.parse(json) as CycleSnapshot;
    // Read meanwhile by another request: keep one copy.
    this.forget(moment.id);
    this.states.set(moment.id, { snapshot, size: json.length });
    this.statesSize += json.length;
    for (const [id] of this.states) {
      if (this.states.size <= this.kept.states && this.statesSize <= this.kept.characters) break;
      // The one just read stays, whatever its size: the request that asked for it uses it.
      if (id !== moment.id) this.forget(id);
    }
    return snapshot;
  }

  private forget(id: string): void {
    const kept = this.states.get(id);
    if (!kept) return;
    this.states.delete(id);
    this.statesSize -= kept.size;
  }

  async keep(
    tenantId: string,
    moment: Omit<CycleMoment, 'id'> & Readonly<{ events: number }>,
    snapshot: CycleSnapshot,
  ): Promise<void> {
    const { cycleId } = snapshot.fold;
    const id = `${tenantId}/${cycleId}/${cycleFoldVersion}/${String(moment.position)}`;
    const state = new mongo.Binary(gzipSync(JSON.stringify(snapshot)));
    // The state first: a moment never names a state that is not there.
    for (const write of [
      () => this.snapshots.insertOne({ _id: id, tenantId, state }),
      () =>
        this.momentsOf.insertOne({
          _id: id,
          tenantId,
          cycleId,
          foldVersion: cycleFoldVersion,
          position: Number(moment.position),
          latest: moment.latest,
          earliest: moment.earliest,
          events: moment.events,
        }),
    ]) {
      try {
        await write();
      } catch (error) {
        // Taken before, by this taker's previous run or another replica's: the same fold.
        if ((error as { code?: unknown }).code !== 11000) throw error;
      }
    }
  }

  /** The latest snapshot of every cycle of every organisation: where the taker resumes. */
  async latestOfEveryCycle(): Promise<
    Readonly<{ tenantId: string; cycleId: string; moment: CycleMoment }>[]
  > {
    const found = await this.momentsOf.find({ foldVersion: cycleFoldVersion }).toArray();
    const latest = new Map<string, MomentDocument>();
    for (const document of found) {
      const key = `${document.tenantId}/${document.cycleId}`;
      const known = latest.get(key);
      if (!known || known.position < document.position) latest.set(key, document);
    }
    return [...latest.values()].map((document) => ({
      tenantId: document.tenantId,
      cycleId: document.cycleId,
      moment: momentOf(document),
    }));
  }

  /** Every event up to this position is in a snapshot of its cycle (or of no cycle). */
  async checkpoint(): Promise<bigint> {
    const found = await this.checkpoints.findOne({ _id: `v${cycleFoldVersion}` });
    return BigInt(found?.position ?? 0);
  }

  async saveCheckpoint(position: bigint): Promise<void> {
    await this.checkpoints.replaceOne(
      { _id: `v${cycleFoldVersion}` },
      { position: Number(position) },
      { upsert: true },
    );
  }
}
