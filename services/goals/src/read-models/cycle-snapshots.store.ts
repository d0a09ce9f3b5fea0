import { gunzipSync, gzipSync } from 'node:zlib';
import type { TenantId } from '@rhythm/projections';
import { mongo, type Connection } from 'mongoose';
import type { CycleFold, SegmentRecords } from '../goals-domain';

/**
 * Bump when `foldIntoCycle` (or the evolve functions under it) keeps something else, or a
 * segment's records do (`segmentRecords`: what each event is a record of, and the record): snapshots
 * of another version are ignored and the taker starts again from the first event.
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
  /**
   * By the same id as a snapshot: the records of its segment, the cycle's events since the
   * snapshot before it (ADR 0061). Snapshots taken before these were kept have none.
   */
  segmentRecords: 'goals_cycle_segment_records',
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

type SegmentRecordsDocument = Readonly<{
  _id: string;
  tenantId: string;
  /** Gzipped JSON, as the states. */
  records: mongo.Binary;
}>;

const momentOf = (document: MomentDocument): CycleMoment => ({
  id: document._id,
  position: BigInt(document.position),
  latest: document.latest,
  earliest: document.earliest,
});

/**
 * How many parsed states (and segments' records) a process keeps, and how many characters of
 * their JSON together.
 */
export type StatesKept = Readonly<{ states?: number; characters?: number }>;

/**
 * Parsed states and records kept by this process (they never change). A cycle of 500 objectives
 * is ~1 MB of JSON, ~1.8 MB parsed; one of thousands of objectives is tens of MB, so a count alone
 * would not bound the heap. A segment's records are ~70 KB of JSON: a window of a busy week
 * holds a few dozen segments.
 */
const statesKept = { states: 256, characters: 24_000_000 } as const;

/**
 * The time-travel snapshots in the goals read store: per cycle, the fold of its streams at
 * positions the taker chose (every `every` events of the cycle and at the end of each day with
 * events), and the taker's checkpoint. A cache of the event store, not a read model: dropping it
 * costs a new run of the taker.
 */
export class CycleSnapshotStore {
  private readonly snapshots: mongo.Collection<SnapshotDocument>;
  private readonly recordsOf: mongo.Collection<SegmentRecordsDocument>;
  private readonly momentsOf: mongo.Collection<MomentDocument>;
  private readonly checkpoints: mongo.Collection<{ _id: string; position: number }>;
  /**
   * States and segments' records by moment, least recently used first, with the length of the
   * JSON each was parsed from.
   */
  private readonly parsed = new Map<string, Readonly<{ value: unknown; size: number }>>();
  private parsedSize = 0;
  /** The read store's database: one taker per database (and fold version) at a time. */
  readonly leaseName: string;

  private readonly kept: Required<StatesKept>;

  constructor(connection: Connection, kept: StatesKept = {}) {
    this.kept = { ...statesKept, ...kept };
    this.leaseName = `snapshots:${connection.name}:goals-cycles:v${cycleFoldVersion}`;
    this.snapshots = connection.collection(cycleSnapshotsCollections.snapshots);
    this.recordsOf = connection.collection(cycleSnapshotsCollections.segmentRecords);
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
    const key = `state:${moment.id}`;
    const kept = this.recall<CycleSnapshot>(key);
    if (kept) return kept;
    const found = await this.snapshots.findOne({ _id: moment.id, tenantId });
    if (!found) throw new Error(`Cycle snapshot ${moment.id} is gone`);
    return this.parse<CycleSnapshot>(key, found.state);
  }

  /**
   * The records of these moments' segments, parsed once per process; a moment taken before they
   * were kept has none here, and its events are read instead. One indexed read per moment:
   * FerretDB v1 pushes an `_id` equality down to PostgreSQL, not an `$in`.
   */
  async segmentRecords(
    tenantId: TenantId,
    moments: readonly CycleMoment[],
  ): Promise<Map<string, SegmentRecords>> {
    const found = await Promise.all(
      moments.map(async (moment): Promise<[string, SegmentRecords | undefined]> => {
        const key = `records:${moment.id}`;
        const kept = this.recall<SegmentRecords>(key);
        if (kept) return [moment.id, kept];
        const document = await this.recordsOf.findOne({ _id: moment.id, tenantId });
        return [
          moment.id,
          document ? this.parse<SegmentRecords>(key, document.records) : undefined,
        ];
      }),
    );
    return new Map(
      found.filter((entry): entry is [string, SegmentRecords] => entry[1] !== undefined),
    );
  }

  private recall<T>(key: string): T | undefined {
    const kept = this.parsed.get(key);
    if (!kept) return undefined;
    this.parsed.delete(key);
    this.parsed.set(key, kept);
    return kept.value as T;
  }

  private parse<T>(key: string, gzipped: mongo.Binary): T {
    const json = gunzipSync(gzipped.buffer).toString('utf8');
    const value = JSON.parse(json) as T;
    // Read meanwhile by another request: keep one copy.
    this.forget(key);
    this.parsed.set(key, { value, size: json.length });
    this.parsedSize += json.length;
    for (const [id] of this.parsed) {
      if (this.parsed.size <= this.kept.states && this.parsedSize <= this.kept.characters) break;
      // The one just read stays, whatever its size: the request that asked for it uses it.
      if (id !== key) this.forget(id);
    }
    return value;
  }

  private forget(key: string): void {
    const kept = this.parsed.get(key);
    if (!kept) return;
    this.parsed.delete(key);
    this.parsedSize -= kept.size;
  }

  /** Keeps a snapshot, with the records of its segment (the events since the one before). */
  async keep(
    tenantId: string,
    moment: Omit<CycleMoment, 'id'> & Readonly<{ events: number }>,
    snapshot: CycleSnapshot,
    records: SegmentRecords,
  ): Promise<void> {
    const { cycleId } = snapshot.fold;
    const id = `${tenantId}/${cycleId}/${cycleFoldVersion}/${String(moment.position)}`;
    const gzipped = (value: unknown) => new mongo.Binary(gzipSync(JSON.stringify(value)));
    // The state and the records first: a moment never names a state that is not there, and its
    // records are there as soon as it is.
    for (const write of [
      () => this.snapshots.insertOne({ _id: id, tenantId, state: gzipped(snapshot) }),
      () => this.recordsOf.insertOne({ _id: id, tenantId, records: gzipped(records) }),
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
