import type { RecordedEvent } from '@rhythm/event-sourcing';
import { degraded, type HealthCheck } from '@rhythm/operability';
import type { Pool } from 'pg';
import { boundedPool, ownedTableName, migrateOwnedTables } from '@rhythm/event-store-postgres';

/** An event the relay could not publish: its mapping threw or its envelope broke the contract. */
export type RelayParkedEvent = Readonly<{
  relay: string;
  globalPosition: bigint;
  streamId: string;
  streamRevision: number;
  tenantId: string;
  eventType: string;
  eventId: string;
  error: string;
  /** Set when an earlier event of its stream is parked: this one waits behind it. */
  behind?: bigint;
  failures: number;
  parkedAt: Date;
  lastFailedAt: Date;
}>;

export type ParkingReason = Readonly<{ error: unknown } | { behind: bigint }>;

/**
 * Where a relay keeps what it could not publish (ADR 0026): never on the topic, never dropped.
 * The event itself stays in the event store; a replay reads it back by stream id and revision.
 */
export interface RelayParkingStore {
  /** Idempotent: parking an event twice (a batch replayed after a crash) keeps one row. */
  park(
    relay: string,
    events: readonly Readonly<{ event: RecordedEvent; reason: ParkingReason }>[],
  ): Promise<number>;
  /** Streams with a parked event, and the position of their first one. */
  parkedStreams(relay: string): Promise<Map<string, bigint>>;
  isStreamParked(relay: string, streamId: string): Promise<boolean>;
  count(relay: string): Promise<number>;
  /** In global order, up to `upTo` when given. */
  list(relay: string, upTo?: bigint): Promise<RelayParkedEvent[]>;
  release(relay: string, positions: readonly bigint[]): Promise<void>;
  failedAgain(relay: string, position: bigint, error: unknown): Promise<void>;
  stillBehind(relay: string, position: bigint, behind: bigint): Promise<void>;
}

/** An error as one line an operator can read in `npm run parked -- list`. */
export const parkingReasonOf = (error: unknown): string => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 2_000);
};

const behindText = (behind: bigint) => `waits behind the parked event at ${behind} of its stream`;

type Row = {
  relay: string;
  global_position: string;
  stream_id: string;
  stream_revision: number;
  tenant_id: string;
  event_type: string;
  event_id: string;
  error: string;
  behind: string | null;
  failures: number;
  parked_at: Date;
  last_failed_at: Date;
};

const asParked = (row: Row): RelayParkedEvent => ({
  relay: row.relay,
  globalPosition: BigInt(row.global_position),
  streamId: row.stream_id,
  streamRevision: row.stream_revision,
  tenantId: row.tenant_id,
  eventType: row.event_type,
  eventId: row.event_id,
  error: row.error,
  ...(row.behind === null ? {} : { behind: BigInt(row.behind) }),
  failures: row.failures,
  parkedAt: row.parked_at,
  lastFailedAt: row.last_failed_at,
});

export type PostgresRelayParkingOptions = Readonly<{
  /** The event store's database, beside the relay checkpoint. */
  connectionString: string;
  /** The schema owner's role, for migrate() only (docs/adr/0029); default: connectionString. */
  ownerConnectionString?: string;
  schema?: string;
  poolSize?: number;
  /** Every statement gives up after this long (a held lock must not stall the relay). Default 5 s. */
  statementTimeoutMs?: number;
}>;

/**
 * `relay_parked_events` in the event store's schema, keyed by (relay, global position), migrated
 * like `relay_checkpoints`.
 */
export class PostgresRelayParking implements RelayParkingStore {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly table: string;

  constructor(private readonly options: PostgresRelayParkingOptions) {
    this.schema = options.schema ?? 'public';
    this.table = ownedTableName(this.schema, 'relay_parked_events');
    // No call waits without a bound (ADR 0028): a failed call restarts the relay, as a crash.
    this.pool = boundedPool({
      connectionString: options.connectionString,
      applicationName: 'rhythm-relay-parking',
      poolSize: options.poolSize,
      statementTimeoutMs: options.statementTimeoutMs,
    });
  }

  /** Creates the schema and table as the owner and grants the relay's role; safe to repeat. */
  migrate(): Promise<void> {
    return migrateOwnedTables({
      schema: this.schema,
      serviceConnectionString: this.options.connectionString,
      ownerConnectionString: this.options.ownerConnectionString,
      tables: [
        {
          name: this.table,
          create: `CREATE TABLE IF NOT EXISTS ${this.table} (
      relay text NOT NULL,
      global_position bigint NOT NULL,
      stream_id text NOT NULL,
      stream_revision integer NOT NULL,
      tenant_id text NOT NULL,
      event_type text NOT NULL,
      event_id text NOT NULL,
      error text NOT NULL,
      behind bigint,
      failures integer NOT NULL,
      parked_at timestamptz NOT NULL DEFAULT now(),
      last_failed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (relay, global_position)
    )`,
          // A replay deletes what it published and updates what still fails.
          privileges: 'SELECT, INSERT, UPDATE, DELETE',
        },
      ],
    });
  }

  async park(
    relay: string,
    events: readonly Readonly<{ event: RecordedEvent; reason: ParkingReason }>[],
  ): Promise<number> {
    let inserted = 0;
    for (const { event, reason } of events) {
      const result = await this.pool.query(
        `INSERT INTO ${this.table} (relay, global_position, stream_id, stream_revision, tenant_id,
           event_type, event_id, error, behind, failures)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (relay, global_position) DO NOTHING`,
        [
          relay,
          event.globalPosition.toString(),
          event.streamId,
          event.streamRevision,
          event.metadata.tenantId,
          event.type,
          event.metadata.eventId,
          'error' in reason ? parkingReasonOf(reason.error) : behindText(reason.behind),
          'behind' in reason ? reason.behind.toString() : null,
          'error' in reason ? 1 : 0,
        ],
      );
      inserted += result.rowCount ?? 0;
    }
    return inserted;
  }

  async parkedStreams(relay: string): Promise<Map<string, bigint>> {
    const result = await this.pool.query<{ stream_id: string; first: string }>(
      `SELECT stream_id, min(global_position)::text AS first FROM ${this.table}
       WHERE relay = $1 GROUP BY stream_id`,
      [relay],
    );
    return new Map(result.rows.map((row) => [row.stream_id, BigInt(row.first)]));
  }

  async isStreamParked(relay: string, streamId: string): Promise<boolean> {
    const result = await this.pool.query(
      `SELECT 1 FROM ${this.table} WHERE relay = $1 AND stream_id = $2 LIMIT 1`,
      [relay, streamId],
    );
    return result.rows.length > 0;
  }

  async count(relay: string): Promise<number> {
    const result = await this.pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM ${this.table} WHERE relay = $1`,
      [relay],
    );
    return Number(result.rows[0].count);
  }

  async list(relay: string, upTo?: bigint): Promise<RelayParkedEvent[]> {
    const result = await this.pool.query<Row>(
      `SELECT relay, global_position::text AS global_position, stream_id, stream_revision,
         tenant_id, event_type, event_id, error, behind::text AS behind, failures, parked_at,
         last_failed_at
       FROM ${this.table}
       WHERE relay = $1 AND ($2::bigint IS NULL OR global_position <= $2::bigint)
       ORDER BY global_position`,
      [relay, upTo?.toString() ?? null],
    );
    return result.rows.map(asParked);
  }

  async release(relay: string, positions: readonly bigint[]): Promise<void> {
    if (positions.length === 0) return;
    await this.pool.query(
      `DELETE FROM ${this.table} WHERE relay = $1 AND global_position = ANY($2::bigint[])`,
      [relay, positions.map(String)],
    );
  }

  async failedAgain(relay: string, position: bigint, error: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET error = $3, behind = NULL, failures = failures + 1,
         last_failed_at = now()
       WHERE relay = $1 AND global_position = $2`,
      [relay, position.toString(), parkingReasonOf(error)],
    );
  }

  async stillBehind(relay: string, position: bigint, behind: bigint): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET error = $3, behind = $4 WHERE relay = $1 AND global_position = $2`,
      [relay, position.toString(), behindText(behind), behind.toString()],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * A readiness check for a relay host: degraded (200) while the relay holds parked events, so an
 * operator sees them; a relay that cannot read its parking table is not ready.
 *
 *   checks.register(parkedEventsHealthCheck('org-relay', () => relay.parked()));
 */
export const parkedEventsHealthCheck = (
  name: string,
  parked: () => Promise<number>,
): HealthCheck => ({
  name,
  check: async () => {
    const count = await parked();
    return count === 0 ? undefined : degraded(`${name}: ${count} parked events`);
  },
});
