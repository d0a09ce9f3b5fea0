import { gunzipSync, gzipSync } from 'node:zlib';
import { boundedPool, migrateOwnedTables, ownedTableName } from '@rhythm/event-store-postgres';
import type { TenantId } from '@rhythm/projections';
import type { Pool } from 'pg';
import type { CycleFold, SegmentRecords } from '../goals-domain';

/**
 * Bump when `foldIntoCycle` (or the evolve functions under it) keeps something else, or a
 * segment's records do (`segmentRecords`: what each event is a record of, and the record): snapshots
 * of another version are ignored and the taker starts again from the first event.
 */
export const cycleFoldVersion = 1;

/** The tables, in the event store's schema (ADR 0062). */
export const cycleSnapshotsTables = {
  /**
   * One row per snapshot: where it stands (position, `latest`, `earliest`), its state and the
   * records of its segment, each as gzipped JSON (PostgreSQL keeps them out of line, so listing a
   * cycle's moments reads none of them).
   */
  snapshots: 'goals_cycle_snapshots',
  /** The taker's checkpoint, per fold version. */
  checkpoints: 'goals_cycle_snapshot_checkpoints',
  /** Cycles (or whole organisations) whose events the taker could not fold, per fold version. */
  parked: 'goals_cycle_snapshot_parked',
} as const;

/** The `cycle_id` of a parked row that stops every cycle of its organisation. */
export const everyCycle = '*';

/** Where and why the taker stopped following a cycle (or an organisation: `everyCycle`). */
export type ParkedCycle = Readonly<{
  tenantId: string;
  cycleId: string;
  /** The event it could not fold. */
  position: bigint;
  streamId: string;
  eventType: string;
  reason: string;
}>;

/**
 * Where the snapshots were kept before ADR 0062, in the read store: dropped once they are found
 * there (a cache, nothing is lost).
 */
export const retiredCycleSnapshotCollections = [
  'goals_cycle_snapshots',
  'goals_cycle_snapshot_moments',
  'goals_cycle_snapshot_checkpoints',
  'goals_cycle_segment_records',
] as const;

/** A snapshot's place in its cycle's history, without its state. */
export type CycleMoment = Readonly<{
  /** Unique across tenants, cycles and fold versions: what a process keeps it parsed by. */
  id: string;
  cycleId: string;
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

type MomentRow = Readonly<{
  tenant_id: string;
  cycle_id: string;
  position: string;
  latest: string;
  earliest: string;
}>;

const momentOf = (row: MomentRow): CycleMoment => ({
  id: `${row.tenant_id}/${row.cycle_id}/${cycleFoldVersion}/${row.position}`,
  cycleId: row.cycle_id,
  position: BigInt(row.position),
  latest: Number(row.latest),
  earliest: Number(row.earliest),
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

export type CycleSnapshotStoreOptions = Readonly<{
  /** The event store's database, as the service's role. */
  connectionString: string;
  /** The schema owner's role, for migrate() only (ADR 0029); default: connectionString. */
  ownerConnectionString?: string;
  /** The event store's schema: the snapshots are a cache of it and sit beside it. */
  schema: string;
  kept?: StatesKept;
}>;

/**
 * The time-travel snapshots (ADR 0045, ADR 0062): per cycle, the fold of its streams at positions
 * the taker chose (every `every` events of the cycle and at the end of each day with events),
 * the records of each segment (ADR 0061), and the taker's checkpoint, in the event store's
 * PostgreSQL schema. A cache of the event store, not a read model: dropping it costs a new run
 * of the taker.
 */
export class CycleSnapshotStore {
  /** One taker per schema (and fold version) at a time. */
  readonly leaseName: string;
  private readonly pool: Pool;
  private readonly snapshots: string;
  private readonly checkpoints: string;
  private readonly parked: string;
  private readonly kept: Required<StatesKept>;
  /**
   * States and segments' records by moment, least recently used first, with the length of the
   * JSON each was parsed from.
   */
  private readonly parsed = new Map<string, Readonly<{ value: unknown; size: number }>>();
  private parsedSize = 0;

  constructor(private readonly options: CycleSnapshotStoreOptions) {
    this.kept = { ...statesKept, ...options.kept };
    this.leaseName = `snapshots:${options.schema}:goals-cycles:v${cycleFoldVersion}`;
    this.snapshots = ownedTableName(options.schema, cycleSnapshotsTables.snapshots);
    this.checkpoints = ownedTableName(options.schema, cycleSnapshotsTables.checkpoints);
    this.parked = ownedTableName(options.schema, cycleSnapshotsTables.parked);
    this.pool = boundedPool({
      connectionString: options.connectionString,
      applicationName: 'rhythm-goals-cycle-snapshots',
      poolSize: 4,
    });
  }

  /** Creates the tables as the owner and grants the service's role; safe to repeat. */
  migrate(): Promise<void> {
    return migrateOwnedTables({
      schema: this.options.schema,
      serviceConnectionString: this.options.connectionString,
      ownerConnectionString: this.options.ownerConnectionString,
      tables: [
        {
          name: this.snapshots,
          create: `CREATE TABLE IF NOT EXISTS ${this.snapshots} (
            tenant_id text NOT NULL,
            cycle_id text NOT NULL,
            fold_version integer NOT NULL,
            position bigint NOT NULL,
            latest bigint NOT NULL,
            earliest bigint NOT NULL,
            events integer NOT NULL,
            state bytea NOT NULL,
            records bytea,
            taken_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, cycle_id, fold_version, position)
          )`,
          privileges: 'SELECT, INSERT',
        },
        {
          name: this.checkpoints,
          create: `CREATE TABLE IF NOT EXISTS ${this.checkpoints} (
            fold_version integer PRIMARY KEY,
            position bigint NOT NULL
          )`,
          privileges: 'SELECT, INSERT, UPDATE',
        },
        {
          name: this.parked,
          create: `CREATE TABLE IF NOT EXISTS ${this.parked} (
            tenant_id text NOT NULL,
            cycle_id text NOT NULL,
            fold_version integer NOT NULL,
            position bigint NOT NULL,
            stream_id text NOT NULL,
            event_type text NOT NULL,
            reason text NOT NULL,
            parked_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, cycle_id, fold_version)
          )`,
          privileges: 'SELECT, INSERT',
        },
      ],
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** The cycle's snapshots of this fold version, oldest first. */
  async moments(tenantId: TenantId, cycleId: string): Promise<CycleMoment[]> {
    const { rows } = await this.pool.query<MomentRow>(
      `SELECT tenant_id, cycle_id, position, latest, earliest FROM ${this.snapshots}
       WHERE tenant_id = $1 AND cycle_id = $2 AND fold_version = $3 ORDER BY position`,
      [tenantId, cycleId, cycleFoldVersion],
    );
    return rows.map(momentOf);
  }

  /** The state of a snapshot, parsed once per process. */
  async snapshot(tenantId: TenantId, moment: CycleMoment): Promise<CycleSnapshot> {
    const key = `state:${moment.id}`;
    const kept = this.recall<CycleSnapshot>(key);
    if (kept) return kept;
    const { rows } = await this.pool.query<{ state: Buffer }>(
      `SELECT state FROM ${this.snapshots}
       WHERE tenant_id = $1 AND cycle_id = $2 AND fold_version = $3 AND position = $4`,
      [tenantId, moment.cycleId, cycleFoldVersion, moment.position.toString()],
    );
    if (rows.length === 0) throw new Error(`Cycle snapshot ${moment.id} is gone`);
    return this.parse<CycleSnapshot>(key, rows[0].state);
  }

  /**
   * The records of these moments' segments (of one cycle), parsed once per process, in one read
   * for those not held; a moment taken before they were kept has none, and its events are read
   * instead.
   */
  async segmentRecords(
    tenantId: TenantId,
    moments: readonly CycleMoment[],
  ): Promise<Map<string, SegmentRecords>> {
    const found = new Map<string, SegmentRecords>();
    const missing: CycleMoment[] = [];
    for (const moment of moments) {
      const kept = this.recall<SegmentRecords>(`records:${moment.id}`);
      if (kept) found.set(moment.id, kept);
      else missing.push(moment);
    }
    if (missing.length === 0) return found;
    const { rows } = await this.pool.query<{ position: string; records: Buffer }>(
      `SELECT position, records FROM ${this.snapshots}
       WHERE tenant_id = $1 AND cycle_id = $2 AND fold_version = $3 AND position = ANY($4::bigint[])
         AND records IS NOT NULL`,
      [
        tenantId,
        missing[0].cycleId,
        cycleFoldVersion,
        missing.map((moment) => moment.position.toString()),
      ],
    );
    const byPosition = new Map(missing.map((moment) => [moment.position.toString(), moment]));
    for (const row of rows) {
      const moment = byPosition.get(row.position);
      if (moment) {
        found.set(moment.id, this.parse<SegmentRecords>(`records:${moment.id}`, row.records));
      }
    }
    return found;
  }

  private recall<T>(key: string): T | undefined {
    const kept = this.parsed.get(key);
    if (!kept) return undefined;
    this.parsed.delete(key);
    this.parsed.set(key, kept);
    return kept.value as T;
  }

  private parse<T>(key: string, gzipped: Buffer): T {
    const json = gunzipSync(gzipped).toString('utf8');
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

  /**
   * Keeps a snapshot with the records of its segment (the events since the one before), in one
   * row: a moment is listed with its state and records or not at all. Taken before, by this
   * taker's previous run or another replica's, it is the same fold: kept as it is.
   */
  async keep(
    tenantId: string,
    moment: Omit<CycleMoment, 'id' | 'cycleId'> & Readonly<{ events: number }>,
    snapshot: CycleSnapshot,
    records: SegmentRecords,
  ): Promise<void> {
    const gzipped = (value: unknown) => gzipSync(JSON.stringify(value));
    await this.pool.query(
      `INSERT INTO ${this.snapshots}
         (tenant_id, cycle_id, fold_version, position, latest, earliest, events, state, records)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING`,
      [
        tenantId,
        snapshot.fold.cycleId,
        cycleFoldVersion,
        moment.position.toString(),
        moment.latest,
        moment.earliest,
        moment.events,
        gzipped(snapshot),
        gzipped(records),
      ],
    );
  }

  /** The latest snapshot of every cycle of every organisation: where the taker resumes. */
  async latestOfEveryCycle(): Promise<
    Readonly<{ tenantId: string; cycleId: string; moment: CycleMoment }>[]
  > {
    const { rows } = await this.pool.query<MomentRow>(
      `SELECT DISTINCT ON (tenant_id, cycle_id) tenant_id, cycle_id, position, latest, earliest
       FROM ${this.snapshots} WHERE fold_version = $1
       ORDER BY tenant_id, cycle_id, position DESC`,
      [cycleFoldVersion],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      cycleId: row.cycle_id,
      moment: momentOf(row),
    }));
  }

  /**
   * Stops the snapshots of a cycle (or of every cycle of an organisation) at an event the taker
   * could not fold; the first reason stays. Only a new fold version takes them again.
   */
  async park(parked: ParkedCycle): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.parked}
         (tenant_id, cycle_id, fold_version, position, stream_id, event_type, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [
        parked.tenantId,
        parked.cycleId,
        cycleFoldVersion,
        parked.position.toString(),
        parked.streamId,
        parked.eventType,
        parked.reason,
      ],
    );
  }

  /** The cycles and organisations parked under this fold version. */
  async parkedCycles(): Promise<ParkedCycle[]> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      cycle_id: string;
      position: string;
      stream_id: string;
      event_type: string;
      reason: string;
    }>(
      `SELECT tenant_id, cycle_id, position, stream_id, event_type, reason FROM ${this.parked}
       WHERE fold_version = $1 ORDER BY parked_at`,
      [cycleFoldVersion],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      cycleId: row.cycle_id,
      position: BigInt(row.position),
      streamId: row.stream_id,
      eventType: row.event_type,
      reason: row.reason,
    }));
  }

  /** Every event up to this position is in a snapshot of its cycle (or of no cycle). */
  async checkpoint(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.checkpoints} WHERE fold_version = $1`,
      [cycleFoldVersion],
    );
    return BigInt(rows[0]?.position ?? 0);
  }

  async saveCheckpoint(position: bigint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.checkpoints} (fold_version, position) VALUES ($1, $2)
       ON CONFLICT (fold_version) DO UPDATE SET position = excluded.position`,
      [cycleFoldVersion, position.toString()],
    );
  }
}
