import type { Pool } from 'pg';
import type { CheckpointStore } from './checkpoint-store';
import { boundedPool, ownedTableName, migrateOwnedTables } from '@rhythm/event-store-postgres';

export type PostgresCheckpointStoreOptions = Readonly<{
  /** Usually the event store's database, so the checkpoint sits beside what it points into. */
  connectionString: string;
  /** The schema owner's role, for migrate() only (docs/adr/0029); default: connectionString. */
  ownerConnectionString?: string;
  /** PostgreSQL schema of the `relay_checkpoints` table; tests use one of their own. */
  schema?: string;
  poolSize?: number;
  /** A save that waits this long for a lock on the checkpoint row fails. Default 2000 ms. */
  lockTimeoutMs?: number;
  /** Any statement that runs this long is cancelled by the server. Default 5000 ms. */
  statementTimeoutMs?: number;
}>;

/**
 * `relay_checkpoints(name, position)` in PostgreSQL. No call waits without a bound (ADR 0028):
 * a lock held on the checkpoint row or a server that stops answering fails the call, and the
 * relay restarts with back-off and recovers its position from Kafka, as after a crash.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly table: string;

  constructor(private readonly options: PostgresCheckpointStoreOptions) {
    this.schema = options.schema ?? 'public';
    this.table = ownedTableName(this.schema, 'relay_checkpoints');
    // No call waits without a bound (ADR 0028): a failed call restarts the relay, as a crash.
    this.pool = boundedPool({
      connectionString: options.connectionString,
      applicationName: 'rhythm-relay-checkpoints',
      poolSize: options.poolSize,
      lockTimeoutMs: options.lockTimeoutMs,
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
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
          privileges: 'SELECT, INSERT, UPDATE',
        },
      ],
    });
  }

  async load(name: string): Promise<bigint | undefined> {
    const result = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.table} WHERE name = $1`,
      [name],
    );
    return result.rows.length === 0 ? undefined : BigInt(result.rows[0].position);
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS checkpoint (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
       WHERE checkpoint.position < excluded.position`,
      [name, position.toString()],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
